import type { Client } from '../core/Client';
import { ClientResponseError } from '../core/errors';
import { BaseService } from '../core/services/BaseService';
import { createBackoff } from './backoff';
import { Connection } from './connection';
import { parseMessage } from './frames';
import { AuthWatcher, authIdentity } from './identity';
import { Listeners } from './listeners';
import { Reporter } from './reporter';
import { TopicSubmitter } from './submitter';
import { TopicRegistry, settleSubscriber, type Subscriber, type SubscriberOutcome } from './topics';
import type {
    ConnectionState, ListenOptions, RealtimeError, RealtimeErrorKind, RealtimeOptions, SubscriptionFunc, Timers,
} from './types';

const DEFAULT_CONNECT_TIMEOUT = 15_000;

const globalTimers: Timers = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Realtime subscriptions over one Server-Sent Events connection per client (`/api/realtime`).
 * Topics are a collection (`'posts'`) or one record (`'posts/RECORD_ID'`); each callback gets
 * `{ action, record }`. The connection opens with the first subscription, survives drops and
 * auth changes (reconnecting and resubscribing by itself) and closes with the last unsubscribe.
 * In Node, where there is no global `EventSource`, the `eventsource` package is loaded for you.
 *
 * @example
 * const stop = await pb.realtime.subscribe('posts', ({ action, record }) => {
 *     console.log(action, record.id);
 * });
 * await stop();
 */
export class Realtime extends BaseService {
    private readonly registry = new TopicRegistry();
    private readonly connection: Connection;
    private readonly submitter: TopicSubmitter;
    private readonly auth: AuthWatcher;
    private readonly reporter = new Reporter();
    private readonly stateListeners = new Listeners<ConnectionState>((error) => {
        this.report('callback', 'A realtime onStateChange listener threw.', error);
    });
    private readonly reconnectListeners = new Listeners<void>((error) => {
        this.report('callback', 'A realtime onReconnect listener threw.', error);
    });
    private reconcileScheduled = false;
    private reconnectPending = false;

    constructor(client: Client, options: RealtimeOptions = {}) {
        super(client);
        const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
        this.auth = new AuthWatcher(client, () => this.schedule());
        this.connection = new Connection({
            url: () => this.client.buildUrl('/api/realtime'),
            EventSource: options.EventSource,
            connectTimeout: Number.isFinite(connectTimeout) && connectTimeout > 0 ? connectTimeout : DEFAULT_CONNECT_TIMEOUT,
            backoff: createBackoff(options.backoff),
            timers: options.timers ?? globalTimers,
            handlers: {
                onConnect: (_clientId, reconnect) => {
                    if (reconnect) this.reconnectPending = true;
                    this.schedule();
                },
                onTopicEvent: (topic, data) => this.deliver(topic, data),
                onUnknownEvent: (name, data) => {
                    this.report('unknown-event', `Skipped a realtime event of no subscribed topic ("${name}").`, data);
                },
                onDisconnect: (error, wasConnected) => this.disconnected(error, wasConnected),
                onStateChange: (state) => this.stateListeners.emit(state),
            },
        });
        this.submitter = new TopicSubmitter({
            send: (clientId, topics) => this.client.send('/api/realtime', {
                method: 'POST',
                body: { clientId, subscriptions: topics },
                // Realtime POSTs must never cancel each other (nor be cancelled by the user's requests).
                params: { $autoCancel: false },
            }),
            topics: () => this.registry.topics(),
            clientId: () => this.connection.clientId,
            identity: () => authIdentity(this.client.authStore),
            onAccepted: (_clientId, topics) => this.accepted(topics),
            onRefused: (error, topics, first) => this.refused(error, topics, first),
            onIdentityChanged: () => this.connection.restart(),
            requestSubmit: () => this.schedule(),
        });
    }

    /**
     * Subscribes `callback` to a collection topic (`'posts'`) or a record topic
     * (`'posts/RECORD_ID'`). Several callbacks may share a topic; each gets every message.
     * Resolves, once the server accepted the topic, to a function removing this one callback.
     * Rejects with a `ClientResponseError` when the connection cannot be opened or the server
     * refuses the topic list; the callback is then not left registered.
     *
     * @example
     * const stop = await pb.realtime.subscribe('posts/' + post.id, ({ action, record }) => {
     *     if (action === 'update') render(record);
     * });
     * // later
     * await stop();
     */
    subscribe(subscription: string, callback: SubscriptionFunc): Promise<() => Promise<void>> {
        if (!subscription || typeof subscription !== 'string') {
            return Promise.reject(new Error('subscription must be set.'));
        }
        if (typeof callback !== 'function') {
            return Promise.reject(new TypeError('callback must be a function.'));
        }
        return new Promise((resolve, reject) => {
            let remove = (): void => {};
            const remover = (): Promise<void> => {
                remove();
                return this.submitter.nextSettled();
            };
            remove = this.add(subscription, callback, (outcome) => {
                if (outcome.type === 'error') reject(outcome.error);
                else resolve(remover);
            });
        });
    }

    /**
     * Removes every callback of `subscription`, or of every topic when it is omitted. Delivery
     * stops at once; the promise settles when the server has the shorter list (or the connection
     * is closed, when no topic is left).
     *
     * @example
     * await pb.realtime.unsubscribe('posts'); // just this topic
     * await pb.realtime.unsubscribe();        // everything; closes the connection
     */
    unsubscribe(subscription?: string): Promise<void> {
        const removed = subscription ? this.registry.removeTopic(subscription) : this.registry.all();
        if (removed.length === 0) return Promise.resolve();
        for (const subscriber of removed) {
            this.registry.remove(subscriber);
            this.forget(subscriber);
        }
        return this.submitter.nextSettled();
    }

    /**
     * The synchronous form of `subscribe`, for libraries that need a plain remover (an
     * Observable's teardown, a store's unmount): registers at once and returns the remover.
     * `onActive` tells when the server accepted the topic, `onError` why it could not.
     *
     * @example
     * const stop = pb.realtime.listen('posts', (msg) => list.apply(msg), {
     *     onActive: () => list.refetch(),
     *     onError: (err) => list.fail(err),
     * });
     * stop();
     */
    listen(subscription: string, callback: SubscriptionFunc, options: ListenOptions = {}): () => void {
        if (!subscription || typeof subscription !== 'string') throw new Error('subscription must be set.');
        if (typeof callback !== 'function') throw new TypeError('callback must be a function.');
        return this.add(subscription, callback, (outcome) => {
            if (outcome.type === 'active') options.onActive?.();
            else if (outcome.type === 'error') options.onError?.(outcome.error);
        });
    }

    /**
     * The connection's state: `'closed'`, `'connecting'`, `'connected'` or `'reconnecting'`.
     *
     * @example
     * if (pb.realtime.state !== 'connected') showOfflineBadge();
     */
    get state(): ConnectionState {
        return this.connection.state;
    }

    /**
     * Calls `callback` with every new connection state. Returns the remover.
     *
     * @example
     * const stop = pb.realtime.onStateChange((state) => { badge.textContent = state; });
     */
    onStateChange(callback: (state: ConnectionState) => void): () => void {
        return this.stateListeners.add(callback);
    }

    /**
     * Calls `callback` after every reconnection, once the subscriptions are active again: events
     * may have been missed meanwhile, so re-fetch what must be exact. Returns the remover.
     *
     * @example
     * pb.realtime.onReconnect(() => reloadPosts());
     */
    onReconnect(callback: () => void): () => void {
        return this.reconnectListeners.add(callback);
    }

    /**
     * Calls `callback` with each problem met and skipped: malformed frames (once per kind),
     * throwing subscribers, failed connection attempts, refused topic lists. Without any such
     * listener, throwing subscribers go to `console.error` and malformed frames to `console.warn`.
     * Returns the remover.
     *
     * @example
     * pb.realtime.onError(({ kind, message }) => telemetry.warn(kind, message));
     */
    onError(callback: (error: RealtimeError) => void): () => void {
        return this.reporter.add(callback);
    }

    /**
     * The client id the server gave the current connection, or '' while not connected.
     *
     * @example
     * pb.realtime.clientId; // 'Tza9SCLdMPUcVOZUZWBJUXqqDHYNIpUxDtGWFbsb'
     */
    get clientId(): string {
        return this.connection.clientId;
    }

    /**
     * The topic list the server accepted for the current connection ([] while not connected).
     *
     * @example
     * await pb.realtime.subscribe('posts', onPost);
     * pb.realtime.topics; // ['posts']
     */
    get topics(): string[] {
        return this.submitter.acceptedTopics();
    }

    /**
     * How many callbacks are registered, over all topics (0 after the last unsubscribe).
     *
     * @example
     * pb.realtime.subscriberCount; // 2
     */
    get subscriberCount(): number {
        return this.registry.subscriberCount;
    }

    /**
     * Open EventSources, pending timers and auth-store listeners held by the realtime layer: 0
     * when no subscription is left (for leak checks).
     *
     * @example
     * await pb.realtime.unsubscribe();
     * pb.realtime.resourceCount; // 0
     */
    get resourceCount(): number {
        return this.connection.resourceCount + (this.auth.watching ? 1 : 0);
    }

    private add(topic: string, callback: SubscriptionFunc, settle: (outcome: SubscriberOutcome) => void): () => void {
        const subscriber: Subscriber = { topic, callback, active: false, removed: false, settle };
        if (this.registry.add(subscriber)) this.connection.listen(topic);
        if (this.submitter.isAccepted(topic)) {
            // The topic is already live server-side; settle after the caller got its remover.
            queueMicrotask(() => {
                if (!subscriber.removed) settleSubscriber(subscriber, { type: 'active' });
            });
        }
        this.schedule();
        return () => {
            if (subscriber.removed) return;
            this.registry.remove(subscriber);
            this.forget(subscriber);
        };
    }

    /** After a subscriber left the registry: settle a pending registration, follow the topic list. */
    private forget(subscriber: Subscriber): void {
        subscriber.removed = true;
        if (!this.registry.has(subscriber.topic)) this.connection.unlisten(subscriber.topic);
        settleSubscriber(subscriber, { type: 'removed' });
        this.schedule();
    }

    /** Coalesces every change of this tick into one reconciliation (so one POST). */
    private schedule(): void {
        if (this.reconcileScheduled) return;
        this.reconcileScheduled = true;
        queueMicrotask(() => {
            this.reconcileScheduled = false;
            this.reconcile();
        });
    }

    /** Brings the connection and the server-side list in line with the registry. */
    private reconcile(): void {
        if (this.registry.topicCount === 0) {
            this.auth.stop();
            this.connection.close();
            this.reconnectPending = false;
            this.submitter.reset();
            return;
        }
        this.auth.start();
        if (this.connection.state === 'closed') this.connection.open();
        this.submitter.submit();
    }

    private deliver(topic: string, data: string): void {
        const subscribers = this.registry.subscribers(topic);
        if (!subscribers) return;
        const result = parseMessage(data);
        if (!result.ok) {
            const what = result.kind === 'invalid-json' ? 'data that is not JSON' : 'data that is not { action, record }';
            this.report(result.kind, `Skipped a realtime message with ${what}.`, result.error, topic);
            return;
        }
        for (const subscriber of Array.from(subscribers)) {
            if (subscriber.removed) continue;
            try {
                subscriber.callback(result.message);
            } catch (error) {
                this.report('callback', `A realtime subscriber of "${topic}" threw.`, error, topic);
            }
        }
    }

    private accepted(topics: string[]): void {
        for (const topic of topics) {
            const subscribers = this.registry.subscribers(topic);
            if (!subscribers) continue;
            for (const subscriber of Array.from(subscribers)) {
                if (!subscriber.active) settleSubscriber(subscriber, { type: 'active' });
            }
        }
        if (this.reconnectPending) {
            this.reconnectPending = false;
            this.reconnectListeners.emit();
        }
    }

    private refused(error: ClientResponseError, topics: string[], first: boolean): void {
        this.report('submit', 'The server refused the realtime topic list.', error);
        const connectionLevel = error.status === 404 || error.status === 403;
        // A refusal by a client fresh from PB_CONNECT is not going away: the pending registrations fail.
        if (first || !connectionLevel) this.rejectPending(error, (subscriber) => topics.includes(subscriber.topic));
        if (this.registry.topicCount > 0 && (first || connectionLevel)) {
            // Nothing (or nothing trustworthy) is subscribed server-side: start over on a new connection.
            this.connection.fail(new Error(error.message, { cause: error }));
        }
        this.schedule();
    }

    private disconnected(error: Error, wasConnected: boolean): void {
        this.submitter.reset();
        this.report('connection', wasConnected ? 'The realtime connection was lost; reconnecting.' : 'A realtime connection attempt failed; retrying.', error);
        if (!wasConnected) {
            const failure = new ClientResponseError({ url: this.client.buildUrl('/api/realtime'), originalError: error, message: error.message });
            this.rejectPending(failure, () => true);
        }
        this.schedule();
    }

    /** Fails the registrations the server never accepted (established ones stay and resume). */
    private rejectPending(error: ClientResponseError, matches: (subscriber: Subscriber) => boolean): void {
        for (const subscriber of this.registry.all()) {
            if (subscriber.active || !matches(subscriber)) continue;
            if (this.registry.remove(subscriber)) this.connection.unlisten(subscriber.topic);
            subscriber.removed = true;
            settleSubscriber(subscriber, { type: 'error', error });
        }
    }

    private report(kind: RealtimeErrorKind, message: string, error: unknown, topic?: string): void {
        this.reporter.report(kind, message, error, topic);
    }
}

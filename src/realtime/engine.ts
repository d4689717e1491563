import type { Client } from '../core/Client';
import { ClientResponseError } from '../core/errors';
import { createBackoff } from './backoff';
import { Connection } from './connection';
import { parseMessage } from './frames';
import { authIdentity } from '../core/auth/identity';
import { AuthWatcher } from './identity';
import type { Reporter } from './reporter';
import { TopicSubmitter } from './submitter';
import type { Subscriber } from './subscriber';
import { TopicRegistry } from './topics';
import type { ConnectionState, RealtimeErrorKind, RealtimeOptions, Timers } from './types';

const DEFAULT_CONNECT_TIMEOUT = 15_000;

/** The facade's reporter's prefix (repeated here: importing it would share a chunk with the main entry). */
const WARNING_PREFIX = '[pocketbase-reactive realtime] ';

const globalTimers: Timers = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the engine gets from the `Realtime` facade that loaded it. */
export interface EngineHost {
    reporter: Reporter;
    /** Announces a connection state to the `onStateChange` listeners (once per change). */
    stateChanged(state: ConnectionState): void;
    /** Tells the `onReconnect` listeners. */
    reconnected(): void;
}

/**
 * The working part of `Realtime`, a chunk of its own that the facade imports on the first
 * subscription: the subscribers by topic, the one EventSource connection, the topic-list POSTs,
 * the auth watch and message delivery. The facade forwards every registration to it once loaded.
 */
export class Engine {
    private readonly registry = new TopicRegistry();
    private readonly connection: Connection;
    private readonly submitter: TopicSubmitter;
    private readonly auth: AuthWatcher;
    private readonly skippedKinds = new Set<RealtimeErrorKind>();
    private reconcileScheduled = false;
    private reconnectPending = false;

    constructor(
        private readonly client: Client,
        options: RealtimeOptions,
        private readonly host: EngineHost,
        waiting: Iterable<Subscriber>,
    ) {
        const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
        const timers = options.timers ?? globalTimers;
        this.auth = new AuthWatcher(client, timers, () => this.schedule());
        this.connection = new Connection({
            url: () => client.buildUrl('/api/realtime'),
            EventSource: options.EventSource,
            connectTimeout: Number.isFinite(connectTimeout) && connectTimeout > 0 ? connectTimeout : DEFAULT_CONNECT_TIMEOUT,
            backoff: createBackoff(options.backoff),
            timers,
            handlers: {
                onConnect: (_clientId, reconnect) => {
                    if (reconnect) this.reconnectPending = true;
                    this.schedule();
                },
                onTopicEvent: (topic, data) => this.deliver(topic, data),
                onUnknownEvent: (name, data) => this.skipped('unknown-event', `Skipped an event of no subscribed topic ("${name}").`, data),
                onDisconnect: (error, wasConnected) => this.disconnected(error, wasConnected),
                onStateChange: (state) => this.host.stateChanged(state),
            },
        });
        this.submitter = new TopicSubmitter({
            send: (clientId, topics) => client.send('/api/realtime', {
                method: 'POST',
                body: { clientId, subscriptions: topics },
                // Realtime POSTs must never cancel each other (nor be cancelled by the user's requests).
                params: { $autoCancel: false },
            }),
            topics: () => this.registry.topics(),
            clientId: () => this.connection.clientId,
            identity: () => authIdentity(client.authStore.token, client.authStore.model),
            onAccepted: (_clientId, topics) => this.accepted(topics),
            onRefused: (error, topics, first) => this.refused(error, topics, first),
            onIdentityChanged: () => this.connection.restart(),
            requestSubmit: () => this.schedule(),
        });
        // The registrations made while the engine was loading.
        for (const subscriber of waiting) this.add(subscriber);
    }

    get state(): ConnectionState {
        return this.connection.state;
    }

    get clientId(): string {
        return this.connection.clientId;
    }

    get topics(): string[] {
        return this.submitter.acceptedTopics();
    }

    get subscriberCount(): number {
        return this.registry.subscriberCount;
    }

    get resourceCount(): number {
        return this.connection.resourceCount + this.auth.resourceCount;
    }

    /** Registers a subscriber (settled once the server has its topic). */
    add(subscriber: Subscriber): void {
        const { topic } = subscriber;
        if (this.registry.add(subscriber)) this.connection.listen(topic);
        if (this.submitter.isAccepted(topic)) {
            // The topic is already live server-side; settle after the caller got its remover.
            queueMicrotask(() => {
                if (!subscriber.removed) subscriber.settle({ type: 'active' });
            });
        }
        this.schedule();
    }

    /** A subscriber's remover (a no-op once it is removed). */
    remove(subscriber: Subscriber): void {
        if (subscriber.removed) return;
        this.registry.remove(subscriber);
        this.forget(subscriber);
    }

    /** See `Realtime.unsubscribe`. */
    unsubscribe(topic?: string): Promise<void> {
        const removed = topic ? this.registry.removeTopic(topic) : this.registry.all();
        if (removed.length === 0) return Promise.resolve();
        for (const subscriber of removed) {
            this.registry.remove(subscriber);
            this.forget(subscriber);
        }
        return this.nextSettled();
    }

    /** A promise settled by the next submission (see `TopicSubmitter.nextSettled`). */
    nextSettled(): Promise<void> {
        return this.submitter.nextSettled();
    }

    /** After a subscriber left the registry: settle a pending registration, follow the topic list. */
    private forget(subscriber: Subscriber): void {
        subscriber.removed = true;
        if (!this.registry.has(subscriber.topic)) this.connection.unlisten(subscriber.topic);
        subscriber.settle({ type: 'removed' });
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
            this.skipped(result.kind, `Skipped a message of "${topic}" that is not JSON { action, record }.`, result.error, topic);
            return;
        }
        for (const subscriber of Array.from(subscribers)) {
            if (subscriber.removed) continue;
            try {
                subscriber.callback(result.message);
            } catch (error) {
                this.host.reporter.report('callback', `A subscriber of "${topic}" threw.`, error, topic);
            }
        }
    }

    /** Reports a malformed frame, once per kind: a broken proxy must not flood the listeners. */
    private skipped(kind: RealtimeErrorKind, message: string, error: unknown, topic?: string): void {
        if (this.skippedKinds.has(kind)) return;
        this.skippedKinds.add(kind);
        // Garbage from the server is worth a warning even when no onError listener is there.
        if (this.host.reporter.size > 0) this.host.reporter.report(kind, message, error, topic);
        else console.warn(WARNING_PREFIX + message);
    }

    private accepted(topics: string[]): void {
        for (const topic of topics) {
            for (const subscriber of Array.from(this.registry.subscribers(topic) ?? [])) {
                if (!subscriber.active) subscriber.settle({ type: 'active' });
            }
        }
        if (this.reconnectPending) {
            this.reconnectPending = false;
            this.host.reconnected();
        }
    }

    private refused(error: ClientResponseError, topics: string[], first: boolean): void {
        this.host.reporter.report('submit', 'The server refused the topic list.', error);
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
        this.host.reporter.report('connection', wasConnected ? 'The connection was lost; reconnecting.' : 'A connection attempt failed; retrying.', error);
        if (!wasConnected) {
            const failure = new ClientResponseError({ url: this.client.buildUrl('/api/realtime'), originalError: error });
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
            subscriber.settle({ type: 'error', error });
        }
    }
}

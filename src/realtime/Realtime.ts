import type { Client } from '../core/Client';
import { ClientResponseError } from '../core/errors';
import { BaseService } from '../core/services/BaseService';
import type { Engine } from './engine';
import { Listeners } from '../core/listeners';
import { Reporter } from './reporter';
import { createSubscriber, type Subscriber, type SubscriberOutcome } from './subscriber';
import type { ConnectionState, ListenOptions, RealtimeError, RealtimeOptions, SubscriptionFunc, TabRole } from './types';

// The engine (registry, connection, POSTs, delivery) is a chunk of its own, imported on the first
// subscription: a client that never subscribes never loads it. One import serves every client.
let EngineClass: typeof Engine | null = null;
let engineImport: Promise<void> | null = null;

function loadEngine(): Promise<void> {
    engineImport ??= import('./engine').then(
        (module) => {
            EngineClass = module.Engine;
        },
        (error: unknown) => {
            engineImport = null; // a later subscription tries again
            throw error;
        },
    );
    return engineImport;
}

/**
 * Realtime subscriptions over one Server-Sent Events connection per client (`/api/realtime`).
 * Topics are a collection (`'posts'`) or one record (`'posts/RECORD_ID'`); each callback gets
 * `{ action, record }`. The connection opens with the first subscription, survives drops and
 * auth changes (reconnecting and resubscribing by itself) and closes with the last unsubscribe.
 * In Node, where there is no global `EventSource`, the `eventsource` package is loaded for you.
 * The working part is loaded on the first subscription (a chunk of its own in ES/CJS builds).
 *
 * @example
 * const stop = await pb.realtime.subscribe('posts', ({ action, record }) => {
 *     console.log(action, record.id);
 * });
 * await stop();
 */
export class Realtime extends BaseService {
    // The facade holds what must work before the engine is loaded: the listeners, the
    // registrations made meanwhile (handed to the engine when it arrives) and the announced state.
    private readonly reporter = new Reporter();
    private readonly stateListeners = new Listeners<[ConnectionState]>({
        onThrow: (error) => this.reporter.report('callback', 'An onStateChange listener threw.', error),
    });
    private readonly reconnectListeners = new Listeners<[]>({
        onThrow: (error) => this.reporter.report('callback', 'An onReconnect listener threw.', error),
    });
    private engine: Engine | null = null;
    private readonly early = new Set<Subscriber>();
    private announced: ConnectionState = 'closed';
    private loading = false;

    constructor(
        client: Client,
        private readonly options: RealtimeOptions = {},
    ) {
        super(client);
    }

    /**
     * Subscribes `callback` to a collection topic (`'posts'`) or a record topic
     * (`'posts/RECORD_ID'`). Several callbacks may share a topic; each gets every message.
     * Resolves, once the server accepted the topic, to a function removing this one callback.
     * Rejects with a `ClientResponseError` when the connection cannot be opened (or the realtime
     * code cannot be loaded) or the server refuses the topic list; the callback is then not left
     * registered.
     *
     * @example
     * const stop = await pb.realtime.subscribe('posts/' + post.id, ({ action, record }) => {
     *     if (action === 'update') render(record);
     * });
     * // later
     * await stop();
     */
    subscribe(subscription: string, callback: SubscriptionFunc): Promise<() => Promise<void>> {
        // `add` throws on bad arguments: the executor turns that into the rejection.
        return new Promise((resolve, reject) => {
            const remove = this.add(subscription, callback, (outcome) => {
                if (outcome.type === 'error') reject(outcome.error);
                else resolve(async () => {
                    remove();
                    await this.engine?.nextSettled();
                });
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
    async unsubscribe(subscription?: string): Promise<void> {
        if (this.engine) return this.engine.unsubscribe(subscription);
        for (const subscriber of this.early) {
            if (!subscription || subscriber.topic === subscription) this.drop(subscriber);
        }
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
        return this.add(subscription, callback, (outcome) => {
            // A throwing hook is reported like a throwing subscriber: it must stop nothing else.
            try {
                if (outcome.type === 'active') options.onActive?.();
                else if (outcome.type === 'error') options.onError?.(outcome.error);
            } catch (error) {
                this.reporter.report('callback', `An ${outcome.type === 'active' ? 'onActive' : 'onError'} callback of "${subscription}" threw.`, error, subscription);
            }
        });
    }

    /**
     * The connection's state: `'closed'`, `'connecting'`, `'connected'` or `'reconnecting'`.
     *
     * @example
     * if (pb.realtime.state !== 'connected') showOfflineBadge();
     */
    get state(): ConnectionState {
        // The announced state: the engine's, or 'connecting' while it loads.
        return this.announced;
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
        return this.engine?.clientId ?? '';
    }

    /**
     * How this tab's subscriptions reach the server: `'leader'` when it holds the connection the
     * origin's tabs share, `'follower'` when another tab does, `'alone'` on a connection of its
     * own (no sharing: Node, `shareConnection: false`, an auth store of this tab only) or none.
     *
     * @example
     * badge.title = `realtime (${pb.realtime.tabRole})`;
     */
    get tabRole(): TabRole {
        return this.engine?.tabRole ?? 'alone';
    }

    /**
     * The topic list the server accepted for the current connection ([] while not connected).
     * When tabs share the connection, it holds the topics of every tab of the group.
     *
     * @example
     * await pb.realtime.subscribe('posts', onPost);
     * pb.realtime.topics; // ['posts']
     */
    get topics(): string[] {
        return this.engine?.topics ?? [];
    }

    /**
     * How many callbacks are registered, over all topics (0 after the last unsubscribe).
     *
     * @example
     * pb.realtime.subscriberCount; // 2
     */
    get subscriberCount(): number {
        return this.engine?.subscriberCount ?? this.early.size;
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
        return this.engine?.resourceCount ?? 0;
    }

    private add(topic: string, callback: SubscriptionFunc, settle: (outcome: SubscriberOutcome) => void): () => void {
        if (!topic || typeof topic !== 'string') throw new Error('subscription must be set.');
        if (typeof callback !== 'function') throw new TypeError('callback must be a function.');
        const subscriber = createSubscriber(topic, callback, settle);
        if (this.engine) {
            this.engine.add(subscriber);
        } else {
            this.early.add(subscriber);
            this.wake();
        }
        return () => (this.engine ? this.engine.remove(subscriber) : this.drop(subscriber));
    }

    /** Ends a registration made before the engine arrived (a no-op once it is removed). */
    private drop(subscriber: Subscriber, outcome: SubscriberOutcome = { type: 'removed' }): void {
        if (subscriber.removed) return;
        this.early.delete(subscriber);
        subscriber.removed = true;
        subscriber.settle(outcome);
        this.wake();
    }

    /**
     * Until the engine runs, after each change (once the current tick is done, like the engine's
     * reconciliation): while registrations wait, the connection counts as 'connecting' and the
     * engine is loaded, then given them; when none is left, nothing is loaded or opened.
     */
    private wake(): void {
        queueMicrotask(() => this.startEngine());
    }

    private startEngine(): void {
        if (this.engine) return;
        const wanted = this.early.size > 0;
        if (wanted && EngineClass) {
            // Loaded: the engine takes the waiting registrations and runs from now on.
            this.engine = new EngineClass(this.client, this.options, {
                reporter: this.reporter,
                stateChanged: (state) => this.stateChanged(state),
                reconnected: () => this.reconnectListeners.emit(),
            }, this.early);
            this.early.clear();
            return;
        }
        this.stateChanged(wanted ? 'connecting' : 'closed');
        if (!wanted || this.loading) return;
        this.loading = true;
        loadEngine().then(
            () => {
                this.loading = false;
                this.startEngine();
            },
            (error: unknown) => {
                this.loading = false;
                this.reporter.report('connection', 'Could not load the realtime engine.', error);
                const failure = new ClientResponseError({ url: this.client.buildUrl('/api/realtime'), originalError: error });
                for (const subscriber of Array.from(this.early)) this.drop(subscriber, { type: 'error', error: failure });
            },
        );
    }

    /** Tells the listeners a new state (the facade's 'connecting' and the engine's are one). */
    private stateChanged(state: ConnectionState): void {
        if (state === this.announced) return;
        this.announced = state;
        this.stateListeners.emit(state);
    }
}

import type { Client } from '../core/Client';
import type { ClientResponseError } from '../core/errors';
import { DirectUplink } from './direct';
import { resolveEnvironment } from './environment';
import { parseMessage } from './frames';
import type { Reporter } from './reporter';
import { sharedUplink } from './tabs/shared';
import type { Subscriber } from './subscriber';
import { TopicRegistry } from './topics';
import type { ConnectionState, MessageData, RealtimeEnvironment, RealtimeErrorKind, RealtimeOptions, TabRole, Timers } from './types';
import type { Uplink, UplinkHandlers } from './uplink';

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
 * subscription: this tab's subscribers by topic and message delivery, over an uplink that holds
 * the connection — the tab's own, or one shared by the tabs of the browser. The facade forwards
 * every registration to it once loaded.
 */
export class Engine {
    private readonly registry = new TopicRegistry();
    private readonly uplink: Uplink;
    private readonly environment: RealtimeEnvironment;
    private readonly timers: Timers;
    private readonly skippedKinds = new Set<RealtimeErrorKind>();
    private reconcileScheduled = false;
    private uplinkState: ConnectionState = 'closed';
    /** Hidden long enough: this tab's topics are withdrawn until it is shown. */
    private paused = false;
    /** Continuity was lost without a reconnect of the uplink: tell onReconnect after the next acceptance. */
    private resumePending = false;
    private unwatchVisibility: (() => void) | null = null;
    private hiddenTimer: unknown = null;

    constructor(
        client: Client,
        private readonly options: RealtimeOptions,
        private readonly host: EngineHost,
        waiting: Iterable<Subscriber>,
    ) {
        this.timers = options.timers ?? globalTimers;
        this.environment = resolveEnvironment(options.environment);
        const handlers: UplinkHandlers = {
            event: (topic, data) => this.deliver(topic, data),
            unknownEvent: (name, data) => this.skipped('unknown-event', `Skipped an event of no subscribed topic ("${name}").`, data),
            accepted: (topics) => this.accepted(topics),
            rejected: (error, topics) => this.rejectPending(error, (subscriber) => topics === null || topics.includes(subscriber.topic)),
            state: (state) => {
                this.uplinkState = state;
                this.announce();
            },
            reconnected: () => {
                this.resumePending = false;
                this.host.reconnected();
            },
            interrupted: () => {
                // Only subscriptions of this tab have anything to reconcile.
                if (this.registry.topicCount > 0) this.resumePending = true;
            },
            report: (kind, message, error) => this.host.reporter.report(kind, message, error),
        };
        const config = {
            client,
            options,
            timers: this.timers,
            environment: this.environment,
            topics: () => this.wantedTopics(),
            handlers,
        };
        this.uplink = (options.shareConnection !== false && sharedUplink(config)) || new DirectUplink({ ...config, watchIdentity: true });
        // The registrations made while the engine was loading.
        for (const subscriber of waiting) this.add(subscriber);
    }

    get clientId(): string {
        return this.uplink.clientId;
    }

    get tabRole(): TabRole {
        return this.uplink.role;
    }

    get topics(): string[] {
        return this.uplink.acceptedTopics();
    }

    get subscriberCount(): number {
        return this.registry.subscriberCount;
    }

    get resourceCount(): number {
        return this.uplink.resourceCount + (this.unwatchVisibility ? 1 : 0) + (this.hiddenTimer !== null ? 1 : 0);
    }

    /** Registers a subscriber (settled once the server has its topic). */
    add(subscriber: Subscriber): void {
        const { topic } = subscriber;
        this.registry.add(subscriber);
        if (!this.paused && this.uplink.acceptedTopics().includes(topic)) {
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

    /** A promise settled once the server has the current list. */
    nextSettled(): Promise<void> {
        return this.uplink.nextSettled();
    }

    /** The topics this tab wants held on the server now (none while paused). */
    private wantedTopics(): string[] {
        return this.paused ? [] : this.registry.topics();
    }

    /** After a subscriber left the registry: settle a pending registration, follow the topic list. */
    private forget(subscriber: Subscriber): void {
        subscriber.removed = true;
        subscriber.settle({ type: 'removed' });
        this.schedule();
    }

    /** Coalesces every change of this tick into one reconciliation. */
    private schedule(): void {
        if (this.reconcileScheduled) return;
        this.reconcileScheduled = true;
        queueMicrotask(() => {
            this.reconcileScheduled = false;
            this.reconcile();
        });
    }

    private reconcile(): void {
        // Nothing to reconcile without subscriptions: a later first subscription is no reconnect.
        if (this.registry.topicCount === 0) this.resumePending = false;
        this.watchVisibility(this.registry.topicCount > 0);
        this.uplink.sync();
        this.announce();
    }

    /** The state this tab shows: closed without subscriptions, paused while released, else the uplink's. */
    private announce(): void {
        // With subscriptions, a closed uplink is about to open (its reconciliation runs a microtask later).
        const state = this.registry.topicCount === 0 ? 'closed' : this.paused ? 'paused' : this.uplinkState === 'closed' ? 'connecting' : this.uplinkState;
        this.host.stateChanged(state);
    }

    /** With `releaseWhenHidden`, watches the page while this tab has subscriptions. */
    private watchVisibility(on: boolean): void {
        const after = this.options.releaseWhenHidden ?? 0;
        if (on && after > 0 && !this.unwatchVisibility) {
            this.unwatchVisibility = this.environment.onVisibilityChange((hidden) => this.visibilityChanged(hidden, after));
            this.visibilityChanged(this.environment.hidden(), after);
        } else if (!on && this.unwatchVisibility) {
            this.unwatchVisibility();
            this.unwatchVisibility = null;
            this.clearHiddenTimer();
            this.paused = false;
        }
    }

    private visibilityChanged(hidden: boolean, after: number): void {
        if (hidden) {
            if (this.paused || this.hiddenTimer !== null) return;
            this.hiddenTimer = this.timers.setTimeout(() => {
                this.hiddenTimer = null;
                this.paused = true;
                this.schedule();
            }, after);
            return;
        }
        this.clearHiddenTimer();
        if (!this.paused) return;
        this.paused = false;
        // Events were missed while released: live queries reconcile once the topics are back.
        this.resumePending = true;
        this.schedule();
    }

    private clearHiddenTimer(): void {
        if (this.hiddenTimer === null) return;
        this.timers.clearTimeout(this.hiddenTimer);
        this.hiddenTimer = null;
    }

    private deliver(topic: string, data: string): void {
        const subscribers = this.paused ? undefined : this.registry.subscribers(topic);
        if (!subscribers) return;
        const result = parseMessage(data);
        if (!result.ok) {
            this.skipped(result.kind, `Skipped a message of "${topic}" that is not JSON { action, record }.`, result.error, topic);
            return;
        }
        // A callback may subscribe or unsubscribe, so the set may change while it runs: a lone
        // subscriber is called alone (the loop stops there), several from a copy.
        if (subscribers.size === 1) {
            for (const subscriber of subscribers) {
                this.call(subscriber, result.message);
                break;
            }
        } else {
            for (const subscriber of Array.from(subscribers)) this.call(subscriber, result.message);
        }
    }

    private call(subscriber: Subscriber, message: MessageData): void {
        if (subscriber.removed) return;
        try {
            subscriber.callback(message);
        } catch (error) {
            this.host.reporter.report('callback', `A subscriber of "${subscriber.topic}" threw.`, error, subscriber.topic);
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
        if (this.paused) return;
        for (const topic of topics) {
            for (const subscriber of Array.from(this.registry.subscribers(topic) ?? [])) {
                if (!subscriber.active) subscriber.settle({ type: 'active' });
            }
        }
        // Reconcile once this tab's topics are all live again (an acceptance may hold only others').
        const wanted = this.wantedTopics();
        if (this.resumePending && wanted.length > 0 && wanted.every((topic) => topics.includes(topic))) {
            this.resumePending = false;
            this.host.reconnected();
        }
    }

    /** Fails the registrations the server never accepted (established ones stay and resume). */
    private rejectPending(error: ClientResponseError, matches: (subscriber: Subscriber) => boolean): void {
        let removed = false;
        for (const subscriber of this.registry.all()) {
            if (subscriber.active || !matches(subscriber)) continue;
            this.registry.remove(subscriber);
            subscriber.removed = true;
            subscriber.settle({ type: 'error', error });
            removed = true;
        }
        if (removed) this.schedule();
    }
}

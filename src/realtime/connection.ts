import type { Backoff } from './backoff';
import { resolveEventSource } from './eventSource';
import { parseClientId } from './frames';
import type { ConnectionState, EventSourceConstructor, EventSourceLike, Timers } from './types';

/** What a `Connection` tells its owner. */
export interface ConnectionHandlers {
    /** `PB_CONNECT` arrived; `reconnect` is true when an earlier connection of this session existed. */
    onConnect(clientId: string, reconnect: boolean): void;
    /** A frame of a topic being listened to. */
    onTopicEvent(topic: string, data: string): void;
    /** A frame of no topic being listened to (an unnamed `message`). */
    onUnknownEvent(name: string, data: string): void;
    /** The connection was lost (`wasConnected`) or an attempt failed; a retry is already scheduled. */
    onDisconnect(error: Error, wasConnected: boolean): void;
    onStateChange(state: ConnectionState): void;
}

/** How a `Connection` is set up. */
export interface ConnectionConfig {
    url: () => string;
    EventSource?: EventSourceConstructor;
    connectTimeout: number;
    backoff: Backoff;
    timers: Timers;
    handlers: ConnectionHandlers;
}

// Events the connection itself listens to; a topic with one of these names shares the listener.
const PB_CONNECT = 'PB_CONNECT';
const FIXED_EVENTS = [PB_CONNECT, 'error', 'message'];

/**
 * The lifecycle of the one EventSource of a client. We own reconnection: on any error the
 * EventSource is closed at once (so neither the browser nor the `eventsource` package retries on
 * its own) and a fresh one is opened after a backoff delay, because a new connection means a new
 * `PB_CONNECT`, a new client id and a resubmission. At most one EventSource, one connect timer
 * and one retry timer exist at a time, and `close()` releases all of them.
 */
export class Connection {
    private stateValue: ConnectionState = 'closed';
    private announcedState: ConnectionState = 'closed';
    private clientIdValue = '';
    private source: EventSourceLike | null = null;
    private readonly sourceListeners = new Map<string, (event: Event) => void>();
    private readonly topicNames = new Set<string>();
    /** Incremented by every attempt and teardown; callbacks of older attempts compare and bail out. */
    private generation = 0;
    private connectTimer: unknown = null;
    private retryTimer: unknown = null;
    /** Forgets the failed attempts once the connection has stayed up long enough. */
    private healthyTimer: unknown = null;
    private everConnected = false;

    constructor(private readonly config: ConnectionConfig) {}

    get state(): ConnectionState {
        return this.stateValue;
    }

    /** The id from the last `PB_CONNECT` while connected, else ''. */
    get clientId(): string {
        return this.clientIdValue;
    }

    /** Open EventSources (0 or 1) plus pending timers: 0 once closed (for leak checks). */
    get resourceCount(): number {
        return (this.source ? 1 : 0) + (this.connectTimer !== null ? 1 : 0) + (this.retryTimer !== null ? 1 : 0) + (this.healthyTimer !== null ? 1 : 0);
    }

    /** Starts connecting, unless already open. */
    open(): void {
        if (this.stateValue !== 'closed') return;
        this.everConnected = false;
        this.config.backoff.reset();
        this.stateValue = 'connecting';
        this.start();
        this.announceState();
    }

    /** Closes everything; no retry follows. */
    close(): void {
        this.drop('closed');
        this.everConnected = false;
        this.announceState();
    }

    /**
     * Replaces the connection by a fresh one right away (the auth identity changed). A connected
     * connection stays 'connected' to the listeners meanwhile: only a failing replacement
     * announces 'reconnecting'; the owner's reconnect handling covers the switch.
     */
    restart(): void {
        if (!this.active) return;
        this.drop('reconnecting');
        this.start();
        if (this.announcedState !== 'connected') this.announceState();
    }

    /** The owner found the connection unusable (the server forgot the client): drop it and retry later. */
    fail(error: Error): void {
        if (!this.active) return;
        this.disconnect(error);
    }

    /**
     * Drops the connection and makes no attempt until `resume` (the browser is offline, or a
     * hidden tab released it). Nothing happens when closed.
     */
    suspend(state: 'offline' | 'paused'): void {
        if (this.stateValue === 'closed') return;
        this.drop(state);
        this.announceState();
    }

    /** Connects again at once after `suspend`, with fresh backoff; a later PB_CONNECT counts as a reconnect. */
    resume(): void {
        if (this.active || this.stateValue === 'closed') return;
        this.config.backoff.reset();
        this.stateValue = this.everConnected ? 'reconnecting' : 'connecting';
        this.start();
        this.announceState();
    }

    /**
     * Makes the pending retry now instead of after its backoff delay (the page was shown again:
     * its timers may have been throttled while hidden). Nothing happens without a pending retry.
     */
    retryNow(): void {
        if (this.retryTimer === null) return;
        this.clearRetry();
        this.start();
    }

    /** Connecting, connected or retrying (not closed or suspended). */
    private get active(): boolean {
        return this.stateValue === 'connecting' || this.stateValue === 'connected' || this.stateValue === 'reconnecting';
    }

    /** Delivers the frames of this topic (on the current and every later EventSource). */
    listen(topic: string): void {
        if (this.topicNames.has(topic)) return;
        this.topicNames.add(topic);
        if (this.source) this.attach(this.source, topic, this.generation);
    }

    /** Stops delivering the frames of this topic, at once. */
    unlisten(topic: string): void {
        // The fixed events keep their listener (see FIXED_EVENTS).
        if (!this.topicNames.delete(topic) || FIXED_EVENTS.includes(topic)) return;
        const listener = this.sourceListeners.get(topic);
        if (!this.source || !listener) return;
        this.sourceListeners.delete(topic);
        this.source.removeEventListener(topic, listener);
    }

    private start(): void {
        const generation = ++this.generation;
        const { timers, connectTimeout } = this.config;
        this.connectTimer = timers.setTimeout(() => {
            this.connectTimer = null;
            if (generation === this.generation) this.disconnect(new Error(`No PB_CONNECT within ${connectTimeout} ms.`));
        }, connectTimeout);

        resolveEventSource(this.config.EventSource).then(
            (EventSourceClass) => {
                if (generation !== this.generation) return;
                let source: EventSourceLike;
                try {
                    source = new EventSourceClass(this.config.url());
                } catch (error) {
                    this.disconnect(toError(error, 'Could not create the EventSource.'));
                    return;
                }
                this.source = source;
                for (const name of FIXED_EVENTS) this.attach(source, name, generation);
                for (const topic of this.topicNames) this.attach(source, topic, generation);
            },
            (error: unknown) => {
                if (generation === this.generation) this.disconnect(toError(error, 'No EventSource available.'));
            },
        );
    }

    private attach(source: EventSourceLike, name: string, generation: number): void {
        if (this.sourceListeners.has(name)) return;
        const listener = (event: Event): void => this.dispatch(generation, name, event);
        this.sourceListeners.set(name, listener);
        source.addEventListener(name, listener);
    }

    private dispatch(generation: number, name: string, event: Event): void {
        if (generation !== this.generation) return;
        // Read in place: this runs once per message, so no object per event.
        const data = (event as Event & { data?: unknown }).data;
        if (name === PB_CONNECT) {
            this.connected(parseClientId(data, (event as Event & { lastEventId?: unknown }).lastEventId));
        } else if (typeof data !== 'string') {
            // Not a frame: the EventSource's own `error` event (connection lost or refused).
            if (name === 'error') this.disconnect(errorFromEvent(event));
        } else if (this.topicNames.has(name)) {
            this.config.handlers.onTopicEvent(name, data);
        } else {
            this.config.handlers.onUnknownEvent(name, data);
        }
    }

    private connected(clientId: string): void {
        if (!clientId) {
            this.disconnect(new Error('PB_CONNECT carried no client id.'));
            return;
        }
        this.clearConnectTimer();
        // Not at PB_CONNECT: a connection dropped right after it must keep backing off.
        const { backoff, timers } = this.config;
        this.healthyTimer = timers.setTimeout(() => {
            this.healthyTimer = null;
            backoff.reset();
        }, backoff.resetAfter);
        const reconnect = this.everConnected;
        this.everConnected = true;
        this.clientIdValue = clientId;
        this.stateValue = 'connected';
        this.announceState();
        // A state listener may have closed or restarted the connection meanwhile.
        if (this.clientIdValue === clientId) this.config.handlers.onConnect(clientId, reconnect);
    }

    private disconnect(error: Error): void {
        const wasConnected = this.clientIdValue !== '';
        this.drop('reconnecting');
        this.retryTimer = this.config.timers.setTimeout(() => {
            this.retryTimer = null;
            this.start();
        }, this.config.backoff.next());
        this.announceState();
        // (A state listener may have closed the connection.)
        if (this.state !== 'closed') this.config.handlers.onDisconnect(error, wasConnected);
    }

    /**
     * Ends the current EventSource, its connect timer and any pending retry (callbacks of the old
     * attempt find a newer generation and bail out); the caller starts another or not.
     */
    private drop(state: ConnectionState): void {
        this.generation++;
        this.clearConnectTimer();
        this.clearRetry();
        if (this.healthyTimer !== null) {
            this.config.timers.clearTimeout(this.healthyTimer);
            this.healthyTimer = null;
        }
        const source = this.source;
        this.source = null;
        if (source) {
            for (const [name, listener] of this.sourceListeners) source.removeEventListener(name, listener);
            source.close();
        }
        this.sourceListeners.clear();
        this.clientIdValue = '';
        this.stateValue = state;
    }

    private clearConnectTimer(): void {
        if (this.connectTimer === null) return;
        this.config.timers.clearTimeout(this.connectTimer);
        this.connectTimer = null;
    }

    private clearRetry(): void {
        if (this.retryTimer === null) return;
        this.config.timers.clearTimeout(this.retryTimer);
        this.retryTimer = null;
    }

    /**
     * Tells the owner about the state once the transition's work is done, so that a listener
     * reacting to it (closing, say) finds a consistent connection.
     */
    private announceState(): void {
        const state = this.stateValue;
        if (state === this.announcedState) return;
        this.announcedState = state;
        this.config.handlers.onStateChange(state);
    }
}

function toError(error: unknown, fallback: string): Error {
    return error instanceof Error ? error : new Error(fallback, { cause: error });
}

/** The `eventsource` package puts `message` and `code` (the HTTP status) on its error events. */
function errorFromEvent(event: Event): Error {
    const detail = event as Event & { message?: unknown; code?: unknown };
    const reason = typeof detail.message === 'string' && detail.message ? detail.message : 'The realtime connection was lost.';
    const status = typeof detail.code === 'number' ? ` (status ${detail.code})` : '';
    return new Error(reason + status, { cause: event });
}

import type { Record } from '../core/models/Record';
import type { ClientResponseError } from '../core/errors';

/** What happened to the record of a realtime message. */
export type RealtimeAction = 'create' | 'update' | 'delete';

/**
 * One realtime message: `{ action, record }`, with `record` a `Record` model. Other fields a
 * server may add are kept as they came.
 */
export interface MessageData {
    [key: string]: unknown;
    action: string;
    record: Record;
}

/** A realtime subscriber (the seed's name). */
export type SubscriptionFunc = (data: MessageData) => void;

/**
 * The connection to `/api/realtime`:
 * - `closed`: no connection (no subscription, or every subscription removed);
 * - `connecting`: the first connection is being opened;
 * - `connected`: the server sent `PB_CONNECT`; events flow;
 * - `reconnecting`: the connection dropped (or an attempt failed) and is being re-established.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * A problem the realtime layer met and skipped instead of throwing:
 * - `invalid-json`: a message whose data is not JSON;
 * - `invalid-message`: JSON that is not `{ action, record }`;
 * - `unknown-event`: an event that belongs to no topic (an unnamed `message`);
 * - `callback`: a subscriber threw (the other subscribers still got the message);
 * - `connection`: a connection attempt failed, timed out or dropped (a retry is scheduled);
 * - `submit`: the server refused the topic list (`error` is the `ClientResponseError`).
 */
export type RealtimeErrorKind = 'invalid-json' | 'invalid-message' | 'unknown-event' | 'callback' | 'connection' | 'submit';

/** What `onError` listeners receive. */
export interface RealtimeError {
    kind: RealtimeErrorKind;
    /** A sentence for humans. */
    message: string;
    /** What was thrown or received (an `Error`, the raw frame data, a `ClientResponseError`...). */
    error: unknown;
    /** The topic concerned, when there is one. */
    topic?: string;
}

/** Callbacks of one `listen` registration besides the message callback itself. */
export interface ListenOptions {
    /** Called once, when the server has accepted the topic for this client (events now flow). */
    onActive?: () => void;
    /**
     * Called once if the subscription could not be established (the connection could not be
     * opened, or the server refused the topic list). The registration is then already removed.
     */
    onError?: (error: ClientResponseError) => void;
}

/** The subset of the WHATWG `EventSource` the realtime layer uses. */
export interface EventSourceLike {
    readonly readyState: number;
    addEventListener(type: string, listener: (event: Event) => void): void;
    removeEventListener(type: string, listener: (event: Event) => void): void;
    close(): void;
}

/** An `EventSource` class: the browser's, the `eventsource` package's, or your own. */
export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;

/** `setTimeout`/`clearTimeout`, injectable for tests. */
export interface Timers {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

/** Reconnection delays: capped exponential growth with jitter. */
export interface BackoffOptions {
    /** Delay before the first retry, in ms (default 250). Each later retry doubles it... */
    initialDelay?: number;
    /** ...up to this cap, in ms (default 30 000). */
    maxDelay?: number;
    /**
     * How long a connection must stay up before the delays start over, in ms (default 10 000):
     * a server or proxy that accepts the stream and drops it right after `PB_CONNECT` gets the
     * growing delays, not a storm of reconnects.
     */
    resetAfter?: number;
    /** A `Math.random` replacement, for deterministic tests. */
    random?: () => number;
}

/** Tuning of the realtime layer (all optional). */
export interface RealtimeOptions {
    /** The EventSource implementation; default: the global one, else the `eventsource` package. */
    EventSource?: EventSourceConstructor;
    /** How long a connection may take to deliver `PB_CONNECT` before it is retried, in ms (default 15 000). */
    connectTimeout?: number;
    /** Reconnection delays. */
    backoff?: BackoffOptions;
    /** Timer functions (default: the globals). */
    timers?: Timers;
}

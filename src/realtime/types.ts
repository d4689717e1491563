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

/**
 * How a tab's subscriptions reach the server: `'alone'` on a connection of its own (or none),
 * `'leader'` holding the connection its group of tabs shares, `'follower'` through the leader tab.
 */
export type TabRole = 'alone' | 'leader' | 'follower';

/** A realtime subscriber (the seed's name). */
export type SubscriptionFunc = (data: MessageData) => void;

/**
 * The connection to `/api/realtime`:
 * - `closed`: no connection (no subscription, or every subscription removed);
 * - `connecting`: the first connection is being opened;
 * - `connected`: the server sent `PB_CONNECT`; events flow;
 * - `reconnecting`: the connection dropped (or an attempt failed) and is being re-established;
 * - `offline`: the browser is offline: no attempt is made until it is back online (then at once);
 * - `paused`: the tab has been hidden longer than `releaseWhenHidden`; the connection is released
 *   until the tab is shown again (subscriptions stay registered and resume by themselves).
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'offline' | 'paused';

/**
 * A problem the realtime layer met and skipped instead of throwing:
 * - `invalid-json`: a message whose data is not JSON;
 * - `invalid-message`: JSON that is not `{ action, record }`;
 * - `unknown-event`: an event that belongs to no topic (an unnamed `message`);
 * - `callback`: a subscriber threw (the other subscribers still got the message);
 * - `connection`: a connection attempt failed, timed out or dropped (a retry is scheduled);
 * - `submit`: the server refused the topic list (`error` is the `ClientResponseError`);
 * - `channel`: a message on the tabs' shared channel that is not ours (dropped; `error` is the data).
 */
export type RealtimeErrorKind = 'invalid-json' | 'invalid-message' | 'unknown-event' | 'callback' | 'connection' | 'submit' | 'channel';

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

/** The part of the Web Locks API (`navigator.locks`) the tabs' leader election uses. */
export interface LockManagerLike {
    request<T>(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }, callback: (lock: unknown) => Promise<T> | T): Promise<T>;
    query(): Promise<{ held?: Array<{ name?: string }>; pending?: Array<{ name?: string }> }>;
}

/** The part of a `BroadcastChannel` the tabs' protocol uses. */
export interface BroadcastChannelLike {
    postMessage(message: unknown): void;
    close(): void;
    onmessage: ((event: { data: unknown }) => void) | null;
}

/** A `BroadcastChannel` class. */
export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

/**
 * What realtime needs from the browser besides timers: the network and visibility signals and
 * the two APIs behind one connection per browser. The default reads the globals (in Node: always
 * online and visible, and no sharing); inject your own in tests.
 */
export interface RealtimeEnvironment {
    /** Whether the network is up now (`navigator.onLine`). */
    online(): boolean;
    /** Calls `callback(online)` when the network goes down or comes back; returns the remover. */
    onNetworkChange(callback: (online: boolean) => void): () => void;
    /** Whether the page is hidden now (`document.visibilityState`). */
    hidden(): boolean;
    /** Calls `callback(hidden)` when the page is hidden or shown; returns the remover. */
    onVisibilityChange(callback: (hidden: boolean) => void): () => void;
    /** `navigator.locks` where tabs can share a connection; null where they cannot. */
    locks: LockManagerLike | null;
    /** `BroadcastChannel` where tabs can share a connection; null where they cannot. */
    BroadcastChannel: BroadcastChannelConstructor | null;
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
    /**
     * Share one connection between the tabs of this origin that use the same auth store key and
     * the same identity (default true; needs Web Locks and BroadcastChannel, so browsers only).
     * One tab, the leader, holds the EventSource; the others get their topics' events from it.
     */
    shareConnection?: boolean;
    /**
     * Release this tab's part of the connection after the page has been hidden this long, in ms
     * (default 0: never). Subscriptions stay; showing the page resumes them and live queries
     * reconcile as after a reconnect.
     */
    releaseWhenHidden?: number;
    /** Network, visibility, Web Locks and BroadcastChannel (default: the globals). */
    environment?: Partial<RealtimeEnvironment>;
}

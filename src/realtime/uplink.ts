import type { ClientResponseError } from '../core/errors';
import type { ConnectionState, RealtimeErrorKind, TabRole } from './types';

/**
 * What an uplink tells the tab's engine: frames of its topics, which topics the server accepted,
 * which pending registrations failed, the connection state, and reconnections.
 */
export interface UplinkHandlers {
    /** A frame of `topic` (the engine delivers it to this tab's subscribers of that topic only). */
    event(topic: string, data: string): void;
    /** A frame of no subscribed topic. */
    unknownEvent(name: string, data: string): void;
    /** The server accepted `topics` (a list that may hold topics of other tabs). */
    accepted(topics: string[]): void;
    /** Registrations not yet accepted fail: those of `topics`, or all when null. */
    rejected(error: ClientResponseError, topics: string[] | null): void;
    state(state: ConnectionState): void;
    /** The connection came back and the topics are accepted again: events may have been missed. */
    reconnected(): void;
    /** Continuity is lost without a reconnect of our own (a new leader tab, another group): reconcile after the next acceptance. */
    interrupted(): void;
    report(kind: RealtimeErrorKind, message: string, error: unknown): void;
}

/**
 * The way a tab's topics reach the server: its own connection (`DirectUplink`) or a connection
 * shared with the other tabs (`SharedUplink`). The engine keeps the subscribers; the uplink keeps
 * the server in line with the topic list it is given.
 */
export interface Uplink {
    /** How this tab reaches the server (see `Realtime.tabRole`). */
    readonly role: TabRole;
    /** The client id of the connection serving this tab ('' while not connected). */
    readonly clientId: string;
    /** Open EventSources, timers, listeners, locks and channels held (0 once closed). */
    readonly resourceCount: number;
    /** Topics the server accepted for the connection serving this tab. */
    acceptedTopics(): string[];
    /** The wanted topics changed (or may have): open, close, resubscribe as needed. */
    sync(): void;
    /** Settles when the server has the current list (or the connection is gone). */
    nextSettled(): Promise<void>;
}

import type { ConnectionState } from '../types';

/** Bumped on any incompatible change: tabs running another version of this package ignore each other's messages. */
export const PROTOCOL = 'pbr-tabs/1';

/**
 * The messages tabs of one group (same origin, server, auth store key and identity) exchange on
 * their BroadcastChannel. `from` is the sender's tab id. Members tell their topic sets; the
 * leader, which holds the EventSource, tells the rest.
 */
export type TabMessage =
    /** A member's full topic set (on joining, on every change, and when a new leader asks). */
    | { p: typeof PROTOCOL; type: 'topics'; from: string; topics: string[]; seq: number }
    /** A member left the group (no topics any more, another identity, the page closing). */
    | { p: typeof PROTOCOL; type: 'bye'; from: string }
    /** The sender is the leader now: members send their topics again. */
    | { p: typeof PROTOCOL; type: 'leader'; from: string }
    | { p: typeof PROTOCOL; type: 'state'; from: string; state: ConnectionState; clientId: string }
    /** The server accepted this list (the union of the members' topics). */
    | { p: typeof PROTOCOL; type: 'accepted'; from: string; clientId: string; topics: string[] }
    /** Pending registrations of `topics` (all when null) failed. */
    | { p: typeof PROTOCOL; type: 'rejected'; from: string; topics: string[] | null; status: number; message: string; data: { [key: string]: unknown } }
    | { p: typeof PROTOCOL; type: 'event'; from: string; topic: string; data: string }
    | { p: typeof PROTOCOL; type: 'reconnected'; from: string }
    /** A connection problem the leader met (its `onError` kinds 'connection' and 'submit'). */
    | { p: typeof PROTOCOL; type: 'report'; from: string; kind: 'connection' | 'submit'; message: string }
    /** A member's page was shown: a retry the leader (perhaps a throttled background tab) waits for is made now. */
    | { p: typeof PROTOCOL; type: 'retry'; from: string }
    /** The server has the list that member `to` sent with `seq` (its unsubscribe promises settle), or refused it (`status`). */
    | { p: typeof PROTOCOL; type: 'settled'; from: string; to: string; seq: number; status: number | null; message: string };

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isId: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isCount: Check = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isTopics: Check = (value) => Array.isArray(value) && value.length <= 10_000 && value.every((topic) => typeof topic === 'string' && topic !== '');
const isObject: Check = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const STATES = new Set<unknown>(['connecting', 'connected', 'reconnecting', 'closed', 'offline', 'paused']);

/** Each type's fields besides `p`, `type` and `from`, with their checks. */
const FIELDS: { [type: string]: { [field: string]: Check } } = {
    topics: { topics: isTopics, seq: isCount },
    bye: {},
    leader: {},
    state: { state: (value) => STATES.has(value), clientId: isString },
    accepted: { clientId: isString, topics: isTopics },
    rejected: { topics: (value) => value === null || isTopics(value), status: isCount, message: isString, data: isObject },
    event: { topic: (value) => typeof value === 'string' && value !== '', data: isString },
    reconnected: {},
    retry: {},
    report: { kind: (value) => value === 'connection' || value === 'submit', message: isString },
    settled: { to: isId, seq: isCount, status: (value) => value === null || isCount(value), message: isString },
};

/** The message, when `data` is exactly one of ours; null for anything else (never throws). */
export function parseTabMessage(data: unknown): TabMessage | null {
    if (!isObject(data)) return null;
    const message = data as { [key: string]: unknown };
    if (message.p !== PROTOCOL || typeof message.type !== 'string' || !isId(message.from)) return null;
    const fields = Object.prototype.hasOwnProperty.call(FIELDS, message.type) ? FIELDS[message.type] : undefined;
    if (!fields) return null;
    for (const [field, check] of Object.entries(fields)) {
        if (!check(message[field])) return null;
    }
    return message as unknown as TabMessage;
}

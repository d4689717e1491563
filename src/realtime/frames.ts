import { Record } from '../core/models/Record';
import type { MessageData } from './types';

/** A parsed frame, or why it was skipped. */
export type FrameResult =
    | { ok: true; message: MessageData }
    | { ok: false; kind: 'invalid-json' | 'invalid-message'; error: unknown };

/**
 * Parses the data of a topic event into `{ action, record }` with `record` a `Record`. Anything
 * else is described, never thrown: a server bug or a proxy's garbage must not reach user code.
 *
 * @example
 * parseMessage('{"action":"create","record":{"id":"a1"}}'); // { ok: true, message: { action: 'create', record: Record } }
 */
export function parseMessage(data: unknown): FrameResult {
    let parsed: unknown;
    try {
        parsed = JSON.parse(String(data));
    } catch (error) {
        return { ok: false, kind: 'invalid-json', error };
    }
    if (!isObject(parsed) || typeof parsed.action !== 'string' || !isObject(parsed.record)) {
        return { ok: false, kind: 'invalid-message', error: parsed };
    }
    // `parsed` is ours alone: turning its record into a Record in place spares a copy per message.
    parsed.record = new Record(parsed.record);
    return { ok: true, message: parsed as MessageData };
}

/**
 * The client id announced by `PB_CONNECT`: `data.clientId`, else the event's id (the seed read
 * only the id), else '' when the frame carries neither.
 */
export function parseClientId(data: unknown, lastEventId: unknown): string {
    try {
        const parsed: unknown = JSON.parse(String(data));
        if (isObject(parsed) && typeof parsed.clientId === 'string' && parsed.clientId) return parsed.clientId;
    } catch {
        // Fall back to the event id below.
    }
    return typeof lastEventId === 'string' ? lastEventId : '';
}

function isObject(value: unknown): value is { [key: string]: unknown } {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

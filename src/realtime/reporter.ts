import { Listeners } from '../core/listeners';
import type { RealtimeError, RealtimeErrorKind } from './types';

const PREFIX = '[pocketbase-reactive realtime] ';

/**
 * Where the realtime layer reports what it skipped instead of throwing: the `onError` listeners,
 * else the console for what a developer must see: a throwing callback here, garbage from the
 * server in the engine (which reports malformed frames once per kind, to `console.warn` when
 * nobody listens). Connection and refusal problems stay quiet there: they already surface as the
 * connection state and as rejected subscriptions.
 */
export class Reporter extends Listeners<[RealtimeError]> {
    constructor() {
        // A throwing error listener goes to the console: reporting it to the listeners could loop.
        super({ onThrow: (error) => console.error(PREFIX + 'An onError listener threw.', error) });
    }

    report(kind: RealtimeErrorKind, message: string, error: unknown, topic?: string): void {
        if (kind === 'callback' && this.size === 0) console.error(PREFIX + message, error);
        else this.emit(topic === undefined ? { kind, message, error } : { kind, message, error, topic });
    }
}

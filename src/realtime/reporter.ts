import { Listeners } from './listeners';
import type { RealtimeError, RealtimeErrorKind } from './types';

// Malformed frames are reported once per kind: a broken proxy must not flood the listeners.
const ONCE_KINDS: ReadonlySet<RealtimeErrorKind> = new Set(['invalid-json', 'invalid-message', 'unknown-event']);

/**
 * Where the realtime layer reports what it skipped instead of throwing: the `onError`
 * listeners, else the console for what a developer must see (a throwing callback, garbage from
 * the server). Connection and refusal problems stay quiet there: they already surface as the
 * connection state and as rejected subscriptions.
 */
export class Reporter {
    // A throwing error listener goes to the console: reporting it to the listeners could loop.
    private readonly listeners = new Listeners<RealtimeError>((error) => {
        console.error('[pocketbase-reactive] A realtime onError listener threw.', error);
    });
    private readonly reported = new Set<RealtimeErrorKind>();

    add(callback: (error: RealtimeError) => void): () => void {
        return this.listeners.add(callback);
    }

    report(kind: RealtimeErrorKind, message: string, error: unknown, topic?: string): void {
        if (ONCE_KINDS.has(kind)) {
            if (this.reported.has(kind)) return;
            this.reported.add(kind);
        }
        const event: RealtimeError = topic === undefined ? { kind, message, error } : { kind, message, error, topic };
        if (this.listeners.size > 0) {
            this.listeners.emit(event);
        } else if (kind === 'callback') {
            console.error('[pocketbase-reactive] ' + message, error);
        } else if (ONCE_KINDS.has(kind)) {
            console.warn('[pocketbase-reactive] ' + message);
        }
    }
}

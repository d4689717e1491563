// The request counter every page shows: each HTTP request a client sends and each one cancelled,
// so de-duplication (two atoms, one request), cache hits (a remount, no request) and cancellation
// (switchMap, unmount) can be seen.
import { atom } from 'nanostores';
import type PocketBase from '../../src/index';

/** `{ sent, cancelled }` since the page loaded. */
export const $requests = atom({ sent: 0, cancelled: 0 });

/** Counts the requests `client` sends (and those cancelled) in `$requests`; returns the client. */
export function countRequests(client: PocketBase): PocketBase {
    const count = (key: 'sent' | 'cancelled') => $requests.set({ ...$requests.get(), [key]: $requests.get()[key] + 1 });
    client.beforeSend = (_url, options) => {
        count('sent');
        (options.signal as AbortSignal | undefined)?.addEventListener('abort', () => count('cancelled'), { once: true });
        return options;
    };
    return client;
}

// The client every framework page shares (one per page), and the request counter shown on each:
// every HTTP request the client sends and every one it cancels, so de-duplication (two atoms, one
// request), cache hits (a remount, no request) and cancellation (switchMap, unmount) can be seen.
import { atom } from 'nanostores';
import PocketBase from '../../src/index';

declare const __PB_URL__: string;

export interface Post {
    title: string;
    views: number;
    attachments: string[];
}

export const pb = new PocketBase(__PB_URL__);

/** `{ sent, cancelled }` since the page loaded. */
export const $requests = atom({ sent: 0, cancelled: 0 });

pb.beforeSend = (_url, options) => {
    $requests.set({ ...$requests.get(), sent: $requests.get().sent + 1 });
    const signal = options.signal as AbortSignal | undefined;
    signal?.addEventListener('abort', () => $requests.set({ ...$requests.get(), cancelled: $requests.get().cancelled + 1 }), { once: true });
    return options;
};

// PocketBase v0.7 broadcasts `delete` from OnModelBeforeDelete (apis/realtime.go): the message
// can reach the client before the row is gone, so a fetch sent right after it may still return
// the record. Ids deleted moments ago are remembered, and a fetch that still holds one is
// repeated after a short pause (a few times at most: a delete that really failed stays visible).

const REMEMBER_MS = 5_000;
const RETRY_DELAYS = [20, 60, 150];

/** Recently deleted ids, as realtime reported them. */
export class Tombstones {
    private readonly ids = new Map<string, number>();

    /** Notes one realtime message. */
    note(action: string, id: string): void {
        const now = Date.now();
        if (action === 'delete') this.ids.set(id, now);
        else this.ids.delete(id); // created or updated again: it exists
        for (const [key, at] of this.ids) {
            if (now - at <= REMEMBER_MS) break; // insertion order: the rest are newer
            this.ids.delete(key);
        }
    }

    /** Whether any of these ids was deleted moments ago. */
    holdsAny(ids: Iterable<string>): boolean {
        if (this.ids.size === 0) return false;
        const now = Date.now();
        for (const id of ids) {
            const at = this.ids.get(id);
            if (at !== undefined && now - at <= REMEMBER_MS) return true;
        }
        return false;
    }
}

/** Waits `ms`, or rejects as soon as `signal` aborts (the timer and listener are removed either way). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal.aborted) {
            reject(signal.reason);
            return;
        }
        const onAbort = (): void => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}

/**
 * Runs `fetch` until its result holds no id deleted moments ago (see the module notes), at most
 * `RETRY_DELAYS.length` extra times.
 */
export async function fetchPastDeletes<T>(tombstones: Tombstones, signal: AbortSignal, fetch: () => Promise<T>, ids: (result: T) => Iterable<string>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
        const result = await fetch();
        if (attempt >= RETRY_DELAYS.length || !tombstones.holdsAny(ids(result))) return result;
        await pause(RETRY_DELAYS[attempt]!, signal);
    }
}

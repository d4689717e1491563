import { shared, type Producer, type Shared } from '../core/shared';
import type { Subscribable } from '../core/subscribable';
import type { RealtimeClient } from './types';

// Per client, the live values running now by key: identical live queries share one topic
// listener and one fetch; an entry is dropped when its last subscriber leaves.
const registries = new WeakMap<RealtimeClient, Map<string, Shared<unknown>>>();

/**
 * A `Subscribable` that joins the running live value of `key` on `pb`, or starts it with
 * `producer()` for the first subscriber.
 */
export function sharedByKey<V>(pb: RealtimeClient, key: string, producer: () => Producer<V>): Subscribable<V> {
    return {
        subscribe(listener) {
            let entries = registries.get(pb);
            if (!entries) {
                entries = new Map();
                registries.set(pb, entries);
            }
            let entry = entries.get(key) as Shared<V> | undefined;
            if (!entry) {
                const map = entries;
                const created: Shared<V> = shared(producer(), {
                    onIdle: () => { if (map.get(key) === created) map.delete(key); },
                });
                map.set(key, created as Shared<unknown>);
                entry = created;
            }
            return entry.subscribe(listener);
        },
    };
}

/** How many live values run on this client (for leak checks). */
export function runningLiveValues(pb: RealtimeClient): number {
    return registries.get(pb)?.size ?? 0;
}

import type { Client } from '../../core/Client';
import { cacheOf } from './cache';
import type { EntryMeta } from './entry';

/** Which cached queries `invalidate` marks: a collection name or id, or a test on each entry. */
export type InvalidateTarget = string | ((query: EntryMeta) => boolean);

/**
 * Marks cached queries as outdated: mounted ones re-fetch now (keeping their data meanwhile),
 * the others on their next mount. Writes through the same client do this by themselves; use it
 * for changes the cache cannot see (another client, a custom route, a hook on the server).
 *
 * @example
 * await pb.send('/api/custom/reindex', { method: 'POST' });
 * invalidate(pb, 'posts');
 * invalidate(pb, (query) => query.kind === 'one' && query.id === postId);
 */
export function invalidate(pb: Client, target: InvalidateTarget): void {
    const matches = typeof target === 'function' ? target : (meta: EntryMeta) => meta.collection === target;
    for (const entry of cacheOf(pb).list()) {
        if (matches(entry.meta)) entry.behaviour.invalidate();
    }
}

// The one query cache under both entry points: configuration, invalidation, server rendering
// and diagnostics. rx/ and nano/ re-export this.
import type { Client } from '../../core/Client';
import { cacheOf, type QueryStats } from './cache';
import type { ClientCacheOptions } from './options';

export type { CacheOptions, ClientCacheOptions } from './options';
export type { CachePlatform } from './platform';
export type { EntryMeta as CachedQuery } from './entry';
export type { QueryStats } from './cache';
export { invalidate, type InvalidateTarget } from './invalidate';
export { dehydrate, hydrate, type DehydratedState, type DehydratedQuery, type DehydrateOptions } from './hydrate';

/**
 * Sets the cache defaults of a client — `staleTime`, `gcTime`, `retry`, `retryDelay`,
 * `refetchOnFocus`, `refetchOnReconnect` — and its platform (clock, timers, focus and online
 * events; inject one in tests). Per-query options override them.
 *
 * @example
 * configureCache(pb, { staleTime: 30_000, retry: 2 });
 */
export function configureCache(pb: Client, options: ClientCacheOptions): void {
    cacheOf(pb).configure(options);
}

/**
 * Counts of the client's query cache, for leak checks and diagnostics: cached entries, entries
 * with listeners, listeners, requests in flight. After everyone left, all but `entries` are 0,
 * and `entries` drops to 0 once `gcTime` passed.
 *
 * @example
 * queryStats(pb); // { entries: 3, mounted: 1, listeners: 2, inFlight: 0, identityWatchers: 2 }
 */
export function queryStats(pb: Client): QueryStats {
    return cacheOf(pb).stats();
}

/**
 * Drops every cached query of the client (mounted ones start over from nothing). For tests and
 * for apps that must forget all data at once (most apps need nothing: sign-out partitions by itself).
 *
 * @example
 * clearCache(pb);
 */
export function clearCache(pb: Client): void {
    cacheOf(pb).clear();
}
export { optimistic, type OptimisticWrites, type OptimisticFields } from './optimistic';
export type { PendingWrites, PendingAction } from './entry';

import type { CachePlatform } from './platform';

/**
 * How cached queries behave. Set per client with `configureCache(pb, options)` and override per
 * query in its options. The names are TanStack Query's.
 */
export interface CacheOptions {
    /** How long fetched data counts as fresh, in ms: a remount within it sends nothing (default 0). */
    staleTime?: number;
    /** How long an entry nobody watches is kept for a remount, in ms (default 300 000, 5 minutes). */
    gcTime?: number;
    /** How often a request failing with a network error or a 5xx is retried (default 3; never for 4xx). */
    retry?: number;
    /** The wait before retry `attempt` (0, 1, ...), in ms (default: 1 s doubling up to 30 s, with jitter). */
    retryDelay?: (attempt: number) => number;
    /** Re-fetch stale queries (and revalidate live ones) when the page is shown or focused again (default true). */
    refetchOnFocus?: boolean;
    /** Re-fetch stale queries (and revalidate live ones) when the browser is back online (default true). */
    refetchOnReconnect?: boolean;
}

/** Options of `configureCache`: the per-query defaults plus the platform. */
export interface ClientCacheOptions extends CacheOptions {
    /** Clock, timers, focus and online events (default: the globals). */
    platform?: CachePlatform;
}

/** `CacheOptions` with every default filled in. */
export type ResolvedCacheOptions = Required<CacheOptions>;

/** Equal jitter around a doubling delay: between half and all of `min(30 s, 1 s × 2^attempt)`. */
export function defaultRetryDelay(attempt: number): number {
    const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
    return ceiling / 2 + (ceiling / 2) * Math.random();
}

export const DEFAULT_CACHE_OPTIONS: ResolvedCacheOptions = {
    staleTime: 0,
    gcTime: 300_000,
    retry: 3,
    retryDelay: defaultRetryDelay,
    refetchOnFocus: true,
    refetchOnReconnect: true,
};

function nonNegative(value: unknown, fallback: number): number {
    return typeof value === 'number' && value >= 0 ? value : fallback;
}

/** Layers options (later ones win) over the defaults, ignoring values of the wrong kind. */
export function resolveOptions(...layers: ReadonlyArray<CacheOptions | undefined>): ResolvedCacheOptions {
    const result = { ...DEFAULT_CACHE_OPTIONS };
    for (const layer of layers) {
        if (!layer) continue;
        result.staleTime = nonNegative(layer.staleTime, result.staleTime);
        result.gcTime = nonNegative(layer.gcTime, result.gcTime);
        result.retry = Math.floor(nonNegative(layer.retry, result.retry));
        if (typeof layer.retryDelay === 'function') result.retryDelay = layer.retryDelay;
        if (typeof layer.refetchOnFocus === 'boolean') result.refetchOnFocus = layer.refetchOnFocus;
        if (typeof layer.refetchOnReconnect === 'boolean') result.refetchOnReconnect = layer.refetchOnReconnect;
    }
    return result;
}

/**
 * A query shared by several callers serves the most demanding of them: the shortest staleTime,
 * the longest gcTime, the most retries, focus/online re-fetching if any asks for it. Widens
 * `target` in place (the entry's behaviour holds that object).
 */
export function widenOptions(target: ResolvedCacheOptions, other: ResolvedCacheOptions): void {
    target.staleTime = Math.min(target.staleTime, other.staleTime);
    target.gcTime = Math.max(target.gcTime, other.gcTime);
    target.retry = Math.max(target.retry, other.retry);
    target.refetchOnFocus ||= other.refetchOnFocus;
    target.refetchOnReconnect ||= other.refetchOnReconnect;
}

/** Counters behind `liveQueryStats` (module-wide, across clients). */
export const liveStats = { sources: 0, controllers: 0 };

/**
 * How many live values are running (`liveList`/`liveRecord` producers with subscribers) and how
 * many of their fetches are in flight, each holding an AbortController: both 0 once every
 * subscriber has left (for leak checks).
 *
 * @example
 * const sub = liveList(pb, 'posts').subscribe(render);
 * sub.unsubscribe();
 * liveQueryStats(); // { sources: 0, inFlight: 0 }
 */
export function liveQueryStats(): { sources: number; inFlight: number } {
    return { sources: liveStats.sources, inFlight: liveStats.controllers };
}

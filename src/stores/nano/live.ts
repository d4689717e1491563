import type { ReadableAtom } from 'nanostores';
import type { Subscribable } from '../core/subscribable';
import {
    connectionStateSource, initialLiveList, initialLiveRecord, liveListSource, liveRecordSource, subscribeEvents,
    type ConnectionState, type LatestEvent, type LiveListQuery, type LiveListValue, type LiveRecordQuery,
    type LiveRecordValue, type LiveStatus, type RealtimeClient, type RealtimeEvent,
} from '../live/index';
import { toAtom } from './toAtom';

export type {
    ConnectionState, LatestEvent, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, LiveStatus, RealtimeEvent,
} from '../live/index';
export { liveQueryStats } from '../live/index';

/**
 * The latest realtime message of a topic (`'posts'`, `'posts/RECORD_ID'`) as an atom of
 * `{ event, error }`: `event` null before the first message, `error` the `ClientResponseError`
 * when the topic cannot be subscribed. Every message is a new value, so listeners see each one.
 * The topic is subscribed while the atom has listeners (see `toAtom` for the exact lifecycle).
 *
 * @example
 * const $lastPost = eventsAtom<Post>(pb, 'posts');
 * $lastPost.subscribe(({ event }) => { if (event?.action === 'create') toast(event.record.title); });
 */
export function eventsAtom<T = {}>(pb: RealtimeClient, topic: string): ReadableAtom<LatestEvent<T>> {
    const source: Subscribable<LatestEvent<T>> = {
        subscribe(listener) {
            let last: RealtimeEvent<T> | null = null;
            return subscribeEvents<T>(pb, topic, {
                next: (event) => {
                    last = event;
                    listener({ event, error: null });
                },
                error: (error) => listener({ event: last, error }),
            });
        },
    };
    return toAtom<LatestEvent<T>>(source, { event: null, error: null });
}

/**
 * The realtime connection's state as an atom: `'closed'`, `'connecting'`, `'connected'` or
 * `'reconnecting'`. Watching it opens nothing.
 *
 * @example
 * const $online = connectionStateAtom(pb);
 * $online.subscribe((state) => { badge.textContent = state; });
 */
export function connectionStateAtom(pb: RealtimeClient): ReadableAtom<ConnectionState> {
    return toAtom(connectionStateSource(pb), pb.realtime.state, {
        current: () => pb.realtime.state,
        equal: (a, b) => a === b,
    });
}

/**
 * A live list as an atom of `{ items, totalItems, page, perPage, totalPages, loading, stale, error }`
 * (see `liveList` in `pocketbase-reactive/rx` for the semantics). Starts as
 * `{ items: [], loading: true, stale: true, ... }`.
 *
 * @example
 * export const $posts = liveListAtom<Post>(pb, 'posts', { sort: '-created', perPage: 20 });
 * // Svelte: {#each $posts.items as post (post.id)} ... {/each}
 */
export function liveListAtom<T = {}>(pb: RealtimeClient, collection: string, query: LiveListQuery = {}): ReadableAtom<LiveListValue<T>> {
    return toAtom(liveListSource<T>(pb, collection, query), initialLiveList<T>(query), {
        carry: keepHeldData((value) => value.totalItems > 0),
    });
}

/**
 * A live record as an atom of `{ record, loading, stale, error }` (`record` null while unknown,
 * after a delete, or on 404).
 *
 * @example
 * const $post = liveRecordAtom<Post>(pb, 'posts', id);
 */
export function liveRecordAtom<T = {}>(pb: RealtimeClient, collection: string, id: string, query: LiveRecordQuery = {}): ReadableAtom<LiveRecordValue<T>> {
    return toAtom(liveRecordSource<T>(pb, collection, id, query), initialLiveRecord<T>(), {
        carry: keepHeldData((value) => value.record !== null),
    });
}

/**
 * A remounted atom starts a new live value, which has no data until its first fetch: meanwhile the
 * atom keeps the data it held (with the new value's loading/stale/error), like the query atoms, so
 * a list does not flash empty on every route change back to it.
 */
function keepHeldData<V extends LiveStatus>(hasData: (value: V) => boolean): (held: V, next: V) => V {
    return (held, next) => (next.loading && !hasData(next) && hasData(held)
        ? { ...held, loading: true, stale: next.stale, error: next.error }
        : next);
}

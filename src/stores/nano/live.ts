import type { ReadableAtom } from 'nanostores';
import type { Subscribable } from '../core/subscribable';
import {
    connectionStateSource, infiniteListSource, initialInfiniteList, initialLiveList, initialLiveRecord, liveListSource, liveRecordSource, subscribeEvents,
    type InfiniteListQuery, type InfiniteListValue,
    type ConnectionState, type LatestEvent, type LiveListQuery, type LiveListValue, type LiveRecordQuery,
    type LiveRecordValue, type RealtimeClient, type RealtimeEvent,
} from '../live/index';
import type { CacheOptions } from '../cache/options';
import { toAtom } from './toAtom';
import type {
    AnyCollections, CollectionName, CollectionTopic, RecordFields, TopicCollection,
} from '../../core/collections';

export type {
    InfiniteListQuery, InfiniteListValue,
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
export function eventsAtom<T = {}, C = AnyCollections, Topic extends CollectionTopic<C> = CollectionTopic<C>>(pb: RealtimeClient<C>, topic: Topic): ReadableAtom<LatestEvent<RecordFields<C, TopicCollection<Topic>, T>>> {
    type F = RecordFields<C, TopicCollection<Topic>, T>;
    const source: Subscribable<LatestEvent<F>> = {
        subscribe(listener) {
            let last: RealtimeEvent<F> | null = null;
            return subscribeEvents<F>(pb, topic, {
                next: (event) => {
                    last = event;
                    listener({ event, error: null });
                },
                error: (error) => listener({ event: last, error }),
            });
        },
    };
    return toAtom<LatestEvent<F>>(source, { event: null, error: null });
}

/**
 * The realtime connection's state as an atom: `'closed'`, `'connecting'`, `'connected'`,
 * `'reconnecting'`, `'offline'` or `'paused'` (see `ConnectionState`). Watching it opens nothing.
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
 * A live list as an atom of `{ items, totalItems, page, perPage, totalPages, loading, fetching,
 * stale, error, updatedAt }` (see `liveList` in `pocketbase-reactive/rx` for the semantics). It
 * holds the cached value at once (`loading: true` only when nothing is cached or hydrated).
 *
 * @example
 * export const $posts = liveListAtom<Post>(pb, 'posts', { sort: '-created', perPage: 20 });
 * // Svelte: {#each $posts.items as post (post.id)} ... {/each}
 */
export function liveListAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, query: LiveListQuery = {}, options?: CacheOptions): ReadableAtom<LiveListValue<RecordFields<C, N, T>>> {
    const source = liveListSource<RecordFields<C, N, T>>(pb, collection, query, options);
    return toAtom(source, initialLiveList<RecordFields<C, N, T>>(query), { current: () => source.peek() });
}

/**
 * A live record as an atom of `{ record, loading, fetching, stale, error, updatedAt }` (`record`
 * null while unknown, after a delete, or on 404).
 *
 * @example
 * const $post = liveRecordAtom<Post>(pb, 'posts', id);
 */
export function liveRecordAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, id: string, query: LiveRecordQuery = {}, options?: CacheOptions): ReadableAtom<LiveRecordValue<RecordFields<C, N, T>>> {
    const source = liveRecordSource<RecordFields<C, N, T>>(pb, collection, id, query, options);
    return toAtom(source, initialLiveRecord<RecordFields<C, N, T>>(), { current: () => source.peek() });
}

/** An infinite list as an atom, with `loadMore()` on the atom itself. */
export interface InfiniteListAtom<T> extends ReadableAtom<InfiniteListValue<T>> {
    /**
     * Loads the next page while the atom has listeners; resolves once it shows (or failed: see
     * `error`) and the list has settled. Does nothing without `hasMore`; while a load runs it
     * only waits for that one.
     */
    loadMore(): Promise<void>;
}

/**
 * A live list that grows page by page, as an atom of `{ items, totalItems, perPage, pages,
 * hasMore, loadingMore, loadMore, loading, fetching, stale, error, updatedAt, pending }`: `items`
 * always equals a fresh fetch of the first `pages × perPage` records (realtime deltas apply across
 * every loaded page). `$feed.loadMore()` fetches the next page and appends it when that is exact;
 * if the list shifted meanwhile it reads the whole window again (see `infiniteList` in
 * `pocketbase-reactive/rx` for the details). Identity, cache, optimistic writes and SSR work as
 * for `liveListAtom`.
 *
 * @example
 * export const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-created,id', perPage: 20 });
 * // Svelte: {#each $feed.items as post (post.id)}…{/each}
 * //         {#if $feed.hasMore}<button disabled={$feed.loadingMore} onclick={() => $feed.loadMore()}>More</button>{/if}
 */
export function infiniteListAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, query: InfiniteListQuery = {}, options?: CacheOptions): InfiniteListAtom<RecordFields<C, N, T>> {
    const source = infiniteListSource<RecordFields<C, N, T>>(pb, collection, query, options);
    const $feed = toAtom(source, initialInfiniteList<RecordFields<C, N, T>>(query), { current: () => source.peek() }) as InfiniteListAtom<RecordFields<C, N, T>>;
    // The held value's loadMore belongs to the entry shown (it does nothing once that is unmounted).
    $feed.loadMore = () => $feed.get().loadMore();
    return $feed;
}

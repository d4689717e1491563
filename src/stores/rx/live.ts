import { Observable, distinctUntilChanged, share } from 'rxjs';
import {
    connectionStateSource, infiniteListSource, liveListSource, liveRecordSource, subscribeEvents,
    type InfiniteListQuery, type InfiniteListValue,
    type ConnectionState, type LiveListQuery, type LiveListValue, type LiveRecordQuery, type LiveRecordValue,
    type RealtimeClient, type RealtimeEvent,
} from '../live/index';
import type { CacheOptions } from '../cache/options';
import { toObservable } from './toObservable';
import type {
    AnyCollections, CollectionName, CollectionTopic, RecordFields, TopicCollection,
} from '../../core/collections';

export type {
    InfiniteListQuery, InfiniteListValue,
    ConnectionState, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, LiveStatus, RealtimeEvent,
} from '../live/index';
export { liveQueryStats } from '../live/index';

/**
 * The realtime messages of a topic — a collection (`'posts'`) or one record
 * (`'posts/RECORD_ID'`) — as a hot stream of `{ action, record }`, shared by the subscribers of
 * this Observable. All topics of a client share one SSE connection; the last unsubscribe removes
 * the topic server-side (and closes the connection when no topic is left). Errors with a
 * `ClientResponseError` when the topic cannot be subscribed. Realtime records carry no `@expand`.
 *
 * @example
 * events<Post>(pb, 'posts')
 *     .pipe(filter(({ action }) => action === 'create'))
 *     .subscribe(({ record }) => toast(`New post: ${record.title}`));
 */
export function events<T = {}, C = AnyCollections, Topic extends CollectionTopic<C> = CollectionTopic<C>>(pb: RealtimeClient<C>, topic: Topic): Observable<RealtimeEvent<RecordFields<C, TopicCollection<Topic>, T>>> {
    return new Observable<RealtimeEvent<RecordFields<C, TopicCollection<Topic>, T>>>((subscriber) => subscribeEvents<RecordFields<C, TopicCollection<Topic>, T>>(pb, topic, {
        next: (event) => subscriber.next(event),
        error: (error) => subscriber.error(error),
    })).pipe(share());
}

/**
 * The realtime connection's state: `'closed'` (no topic subscribed), `'connecting'`,
 * `'connected'`, `'reconnecting'`, `'offline'`, `'paused'` (see `ConnectionState`). Emits the
 * current state, then each change. Watching it opens nothing.
 *
 * @example
 * connectionState(pb).subscribe((state) => { badge.hidden = state === 'connected'; });
 */
export function connectionState(pb: RealtimeClient): Observable<ConnectionState> {
    return toObservable(connectionStateSource(pb)).pipe(distinctUntilChanged());
}

/**
 * A list that stays equal to what a fresh fetch would return: fetched once the realtime topic is
 * active, then updated by its events — locally when that is exact, else by a coalesced re-fetch —
 * and re-fetched after every reconnect. With `page`/`perPage` it is that page, without them every
 * matching record. Emits `{ items, totalItems, page, perPage, totalPages, loading, stale, error }`;
 * failures are values (`error`, the last items kept), never error notifications. Identical live
 * lists share one listener and one fetch; the last unsubscribe stops everything.
 *
 * @example
 * liveList<Post>(pb, 'posts', { filter: 'published = true', sort: '-created', perPage: 20 })
 *     .subscribe(({ items, stale, error }) => render(items, { stale, error }));
 */
export function liveList<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, query: LiveListQuery = {}, options?: CacheOptions): Observable<LiveListValue<RecordFields<C, N, T>>> {
    return toObservable(liveListSource<RecordFields<C, N, T>>(pb, collection, query, options));
}

/**
 * One record kept current by its record topic: `{ record, loading, stale, error }`, `record`
 * null while unknown, after a delete, or when it does not exist (404). With `expand`, updates
 * re-fetch it (realtime records carry no `@expand`).
 *
 * @example
 * liveRecord<Post>(pb, 'posts', id, { expand: 'author' })
 *     .subscribe(({ record }) => render(record?.title ?? 'deleted'));
 */
export function liveRecord<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, id: string, query: LiveRecordQuery = {}, options?: CacheOptions): Observable<LiveRecordValue<RecordFields<C, N, T>>> {
    return toObservable(liveRecordSource<RecordFields<C, N, T>>(pb, collection, id, query, options));
}

/**
 * A live list that grows page by page: emits `{ items, totalItems, perPage, pages, hasMore,
 * loadingMore, loadMore, loading, fetching, stale, error, updatedAt, pending }`, where `items`
 * always equals a fresh fetch of the first `pages × perPage` records. Every value carries its
 * `loadMore()`: it fetches the next page (`perPage` records, default 30) and appends it when that
 * is exact — the server counts what the list counts and the page repeats no record shown —
 * otherwise, and when an event arrived during the request, the whole window is read again (one
 * request up to 400 records, several beyond, de-duplicated by id). Realtime deltas apply across
 * every loaded page, locally when exact, else by a coalesced re-read of the window. Shared,
 * cached, identity-partitioned, optimistic and hydratable like `liveList`.
 *
 * @example
 * infiniteList<Post>(pb, 'posts', { sort: '-created,id', perPage: 20 })
 *     .subscribe(({ items, hasMore, loadMore }) => { render(items); moreButton.onclick = hasMore ? () => loadMore() : null; });
 */
export function infiniteList<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: RealtimeClient<C>, collection: N, query: InfiniteListQuery = {}, options?: CacheOptions): Observable<InfiniteListValue<RecordFields<C, N, T>>> {
    return toObservable(infiniteListSource<RecordFields<C, N, T>>(pb, collection, query, options));
}

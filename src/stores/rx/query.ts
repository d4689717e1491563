import { Observable } from 'rxjs';
import type { Client } from '../../core/Client';
import type { ListResult } from '../../core/models/ListResult';
import type { RecordOf } from '../../core/services/Records';
import type { AnyCollections, CollectionName, RecordFields } from '../../core/collections';
import type { QueryState } from '../cache/fetched';
import type { CacheOptions } from '../cache/options';
import {
    customSource, fullListSource, listSource, oneSource,
    type FullListOptions, type ListOptions, type OneOptions, type Query,
} from '../cache/queries';
import type { CacheSource } from '../cache/source';

export type { ListOptions, FullListOptions, OneOptions, Query } from '../cache/queries';
export type { QueryState } from '../cache/fetched';

/**
 * The answer of a cached query: its state stream read until it settles (the `first()` of it),
 * emitted and completed, or an error notification. Fresh cached data (younger than `staleTime`)
 * answers at once without a request; otherwise the request of the entry is joined or started.
 * Unsubscribing before the answer leaves; the last one leaving aborts the request.
 */
function settled<T>(source: CacheSource<QueryState<T>>): Observable<T> {
    return new Observable<T>((subscriber) => source.subscribe((state) => {
        if (state.loading || state.fetching) return;
        if (state.error) subscriber.error(state.error);
        else {
            subscriber.next(state.data as T);
            subscriber.complete();
        }
    }));
}

function states<T>(source: CacheSource<QueryState<T>>): Observable<QueryState<T>> {
    return new Observable<QueryState<T>>((subscriber) => source.subscribe((state) => subscriber.next(state)));
}

/**
 * The state of a cached page over time — `{ loading, fetching, data, error, updatedAt }` — the
 * same values `listAtom` holds (errors are values). `list` is this stream read until it settles.
 *
 * @example
 * listState<Post>(pb, 'posts', { sort: '-created' }).subscribe(({ data, fetching }) => render(data?.items, fetching));
 */
export function listState<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: ListOptions = {}, cacheOptions?: CacheOptions): Observable<QueryState<ListResult<RecordOf<RecordFields<C, N, T>>>>> {
    return states(listSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * The state of a cached full list over time (the twin of `fullListAtom`).
 *
 * @example
 * fullListState<Post>(pb, 'posts').subscribe(({ data }) => render(data ?? []));
 */
export function fullListState<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: FullListOptions = {}, cacheOptions?: CacheOptions): Observable<QueryState<Array<RecordOf<RecordFields<C, N, T>>>>> {
    return states(fullListSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * The state of a cached record over time (the twin of `oneAtom`).
 *
 * @example
 * oneState<Post>(pb, 'posts', id).subscribe(({ data, error }) => render(data, error));
 */
export function oneState<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, id: string, options: OneOptions = {}, cacheOptions?: CacheOptions): Observable<QueryState<RecordOf<RecordFields<C, N, T>>>> {
    return states(oneSource<RecordFields<C, N, T>>(pb, collection, id, options, cacheOptions));
}

/**
 * The state of a request of your own over time (the twin of `queryAtom`).
 *
 * @example
 * queryState({ pb, key: 'stats', run: (signal) => pb.logs.getRequestsStats({ signal, $autoCancel: false }) })
 *     .subscribe(({ data }) => render(data));
 */
export function queryState<T>(query: Query<T>, options?: CacheOptions): Observable<QueryState<T>> {
    return states(customSource(query, options));
}

/**
 * A request of your own, cached like `list` (same sharing, abort and retry semantics).
 *
 * @example
 * const users$ = fromQuery({ pb, key: 'admin-users-page-1', run: (signal) => pb.users.getList(1, 50, { signal, $autoCancel: false }) });
 */
export function fromQuery<T>(query: Query<T>, options?: CacheOptions): Observable<T> {
    return settled(customSource(query, options));
}

/**
 * One page of a collection's records. Cold and lazy: nothing is sent before `subscribe`;
 * identical concurrent subscriptions share one request (and one cache entry with `listAtom`);
 * the last unsubscribe aborts it. Emits the `ListResult` and completes, or errors with the
 * `ClientResponseError` (after the retries for network errors and 5xx).
 *
 * @example
 * interface Post { title: string }
 * list<Post>(pb, 'posts', { page: 1, perPage: 20, filter: 'published = true', sort: '-created' })
 *     .subscribe({ next: (page) => render(page.items), error: (err) => showError(err.message) });
 */
export function list<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: ListOptions = {}, cacheOptions?: CacheOptions): Observable<ListResult<RecordOf<RecordFields<C, N, T>>>> {
    return settled(listSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * Every record of a collection (fetched `batch` per request, one after the other, all under one
 * AbortSignal). Same lifecycle as `list`.
 *
 * @example
 * fullList<Post>(pb, 'posts', { sort: 'title' }).subscribe((posts) => render(posts));
 */
export function fullList<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: FullListOptions = {}, cacheOptions?: CacheOptions): Observable<Array<RecordOf<RecordFields<C, N, T>>>> {
    return settled(fullListSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * One record by id. Same lifecycle as `list`; a missing record errors with status 404.
 *
 * @example
 * one<Post>(pb, 'posts', id, { expand: 'author' }).subscribe((post) => render(post.title));
 */
export function one<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, id: string, options: OneOptions = {}, cacheOptions?: CacheOptions): Observable<RecordOf<RecordFields<C, N, T>>> {
    return settled(oneSource<RecordFields<C, N, T>>(pb, collection, id, options, cacheOptions));
}

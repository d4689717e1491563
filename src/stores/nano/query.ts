import type { ReadableAtom } from 'nanostores';
import type { Client } from '../../core/Client';
import type { ListResult } from '../../core/models/ListResult';
import type { RecordOf } from '../../core/services/Records';
import type { AnyCollections, CollectionName, RecordFields } from '../../core/collections';
import { initialQueryState, type QueryState } from '../cache/fetched';
import type { CacheOptions } from '../cache/options';
import {
    customSource, fullListSource, listSource, oneSource,
    type FullListOptions, type ListOptions, type OneOptions, type Query,
} from '../cache/queries';
import type { CacheSource } from '../cache/source';
import { toAtom } from './toAtom';

export type { ListOptions, FullListOptions, OneOptions, Query } from '../cache/queries';
export type { QueryState } from '../cache/fetched';

/** A cached query as an atom of `{ loading, fetching, data, error, updatedAt }`, plus `refetch()`. */
export interface QueryAtom<T> extends ReadableAtom<QueryState<T>> {
    /**
     * Sends the query again while the atom has listeners (the data stays until the answer);
     * without listeners it does nothing. Writes through the same client need no refetch: they
     * invalidate the collection's queries by themselves.
     */
    refetch(): void;
}

function sameState<T>(a: QueryState<T>, b: QueryState<T>): boolean {
    return a.loading === b.loading && a.fetching === b.fetching && a.data === b.data && a.error === b.error && a.updatedAt === b.updatedAt && a.pending === b.pending;
}

function queryAtomOf<T>(source: CacheSource<QueryState<T>>): QueryAtom<T> {
    const $query = toAtom(source, initialQueryState<T>(), { current: () => source.peek(), equal: sameState }) as QueryAtom<T>;
    // Listeners that already left only wait for the microtask to stop the source: no new request.
    $query.refetch = () => {
        if ($query.lc > 0) source.refetch();
    };
    return $query;
}

/**
 * A request of your own as a cached atom, with the same lifecycle as `listAtom`.
 *
 * @example
 * const $users = queryAtom({ pb, key: 'users', run: (signal) => pb.users.getList(1, 50, { signal, $autoCancel: false }) });
 */
export function queryAtom<T>(query: Query<T>, options?: CacheOptions): QueryAtom<T> {
    return queryAtomOf(customSource(query, options));
}

/**
 * One page of a collection's records as a cached atom. Lifecycle: the request starts in a
 * microtask after the atom got its first listener and is aborted in a microtask after the last
 * one left (a bare `.get()` sends nothing); a remount within `gcTime` shows the cached page at
 * once and re-fetches it in the background when older than `staleTime`.
 *
 * @example
 * export const $posts = listAtom<Post>(pb, 'posts', { perPage: 20, sort: '-created' }, { staleTime: 10_000 });
 * $posts.subscribe(({ loading, fetching, data, error }) => render(loading, data?.items, error));
 */
export function listAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: ListOptions = {}, cacheOptions?: CacheOptions): QueryAtom<ListResult<RecordOf<RecordFields<C, N, T>>>> {
    return queryAtomOf(listSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * Every record of a collection as a cached atom (see `listAtom`).
 *
 * @example
 * const $allPosts = fullListAtom<Post>(pb, 'posts', { sort: 'title' });
 */
export function fullListAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: FullListOptions = {}, cacheOptions?: CacheOptions): QueryAtom<Array<RecordOf<RecordFields<C, N, T>>>> {
    return queryAtomOf(fullListSource<RecordFields<C, N, T>>(pb, collection, options, cacheOptions));
}

/**
 * One record by id as a cached atom (a missing record: `error.status === 404`).
 *
 * @example
 * const $post = oneAtom<Post>(pb, 'posts', id, { expand: 'author' });
 */
export function oneAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, id: string, options: OneOptions = {}, cacheOptions?: CacheOptions): QueryAtom<RecordOf<RecordFields<C, N, T>>> {
    return queryAtomOf(oneSource<RecordFields<C, N, T>>(pb, collection, id, options, cacheOptions));
}

/**
 * Waits until an atom of this package has settled — no first load and no request running — and
 * resolves to its value (errors are in the value). For server rendering: load, then `dehydrate`.
 *
 * @example
 * const $posts = liveListAtom(pb, 'posts');
 * const { items } = await load($posts);
 * const snapshot = dehydrate(pb);
 */
export function load<V extends { readonly loading: boolean; readonly fetching: boolean }>($store: ReadableAtom<V>): Promise<V> {
    return new Promise<V>((resolve) => {
        let stop: (() => void) | null = null;
        let done = false;
        // The atom starts its work a microtask after its first listener; until then its value is
        // the cached one, which says nothing of the re-fetch a stale entry is about to send.
        let started = false;
        const check = (value: V): void => {
            if (done || !started || value.loading || value.fetching) return;
            done = true;
            resolve(value);
            // Leave after the current notification round (the atom stops its work a microtask later).
            queueMicrotask(() => stop?.());
        };
        stop = $store.subscribe(check);
        queueMicrotask(() => {
            started = true;
            check($store.get());
        });
    });
}

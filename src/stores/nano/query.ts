import type { ReadableAtom } from 'nanostores';
import type { Client } from '../../core/Client';
import type { ListResult } from '../../core/models/ListResult';
import type { RecordOf } from '../../core/services/Records';
import type { AnyCollections, CollectionName, RecordFields } from '../../core/collections';
import {
    fullListQuery, initialQueryState, listQuery, oneQuery, querySource, sameQueryState,
    type FullListOptions, type ListOptions, type OneOptions, type Query, type QueryState,
} from '../query/index';
import { toAtom } from './toAtom';

export type { ListOptions, FullListOptions, OneOptions, QueryState, Query } from '../query/index';

/** A query as an atom of `{ loading, data, error }`, plus `refetch()`. */
export interface QueryAtom<T> extends ReadableAtom<QueryState<T>> {
    /**
     * Sends the query again while the atom has listeners (e.g. after a mutation); the previous
     * data stays until the answer. Without listeners it does nothing: the next listener fetches.
     */
    refetch(): void;
}

/**
 * Any `Query` as an atom. Lifecycle: the request starts in a microtask after the atom got its
 * first listener and is aborted in a microtask after the last one left — so a bare `.get()`
 * never sends anything, and a remount within the same tick keeps the request. Every new
 * activation fetches again (the last data is shown meanwhile, with `loading: true`).
 *
 * @example
 * // An admin screen's user list, with the same lifecycle as listAtom:
 * const $users = queryAtom({ pb, key: 'users', run: (signal) => pb.send('/api/users', { params: { perPage: 50, $autoCancel: false }, signal }) });
 */
export function queryAtom<T>(query: Query<T>): QueryAtom<T> {
    const source = querySource(query);
    const $query = toAtom(source, initialQueryState<T>(), { equal: sameQueryState }) as QueryAtom<T>;
    // Listeners that already left only wait for the microtask to stop the source: no new request.
    $query.refetch = () => {
        if ($query.lc > 0) source.refetch();
    };
    return $query;
}

/**
 * One page of a collection's records as an atom of `{ loading, data, error }`.
 *
 * @example
 * export const $posts = listAtom<Post>(pb, 'posts', { perPage: 20, sort: '-created' });
 * $posts.subscribe(({ loading, data, error }) => render(loading, data?.items, error));
 * await pb.records.create('posts', { title: 'Hi' });
 * $posts.refetch();
 */
export function listAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: ListOptions = {}): QueryAtom<ListResult<RecordOf<RecordFields<C, N, T>>>> {
    return queryAtom(listQuery<RecordFields<C, N, T>>(pb, collection, options));
}

/**
 * Every record of a collection as an atom of `{ loading, data, error }`.
 *
 * @example
 * const $allPosts = fullListAtom<Post>(pb, 'posts', { sort: 'title' });
 */
export function fullListAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: FullListOptions = {}): QueryAtom<Array<RecordOf<RecordFields<C, N, T>>>> {
    return queryAtom(fullListQuery<RecordFields<C, N, T>>(pb, collection, options));
}

/**
 * One record by id as an atom of `{ loading, data, error }` (a missing record: `error.status === 404`).
 *
 * @example
 * const $post = oneAtom<Post>(pb, 'posts', id, { expand: 'author' });
 */
export function oneAtom<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, id: string, options: OneOptions = {}): QueryAtom<RecordOf<RecordFields<C, N, T>>> {
    return queryAtom(oneQuery<RecordFields<C, N, T>>(pb, collection, id, options));
}

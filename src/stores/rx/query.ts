import { Observable } from 'rxjs';
import type { Client } from '../../core/Client';
import type { ListResult } from '../../core/models/ListResult';
import type { RecordOf } from '../../core/services/Records';
import type { AnyCollections, CollectionName, RecordFields } from '../../core/collections';
import {
    fullListQuery, listQuery, oneQuery, runQuery,
    type FullListOptions, type ListOptions, type OneOptions, type Query,
} from '../query/index';

export type { ListOptions, FullListOptions, OneOptions, Query } from '../query/index';

/**
 * Any `Query` as a cold Observable: each subscription joins (or starts) the shared request for
 * its key, emits the result and completes, or errors with the `ClientResponseError`.
 * Unsubscribing before the answer leaves the request; the last one leaving aborts it.
 *
 * @example
 * // Any request of your own, with the same sharing and abort semantics:
 * const users$ = fromQuery({
 *     pb,
 *     key: 'admin-users-page-1',
 *     run: (signal) => pb.send('/api/users', { params: { page: 1, $autoCancel: false }, signal }),
 * });
 */
export function fromQuery<T>(query: Query<T>): Observable<T> {
    return new Observable<T>((subscriber) => runQuery(query, (outcome) => {
        if (outcome.ok) {
            subscriber.next(outcome.value);
            subscriber.complete();
        } else {
            subscriber.error(outcome.error);
        }
    }));
}

/**
 * One page of a collection's records. Cold and lazy: nothing is sent before `subscribe`;
 * identical concurrent subscriptions share one request; the last unsubscribe aborts it; reactive
 * queries never auto-cancel each other. Emits the `ListResult` and completes, or errors with
 * the `ClientResponseError`.
 *
 * @example
 * interface Post { title: string }
 * list<Post>(pb, 'posts', { page: 1, perPage: 20, filter: 'published = true', sort: '-created' })
 *     .subscribe({ next: (page) => render(page.items), error: (err) => showError(err.message) });
 */
export function list<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: ListOptions = {}): Observable<ListResult<RecordOf<RecordFields<C, N, T>>>> {
    return fromQuery(listQuery<RecordFields<C, N, T>>(pb, collection, options));
}

/**
 * Every record of a collection (fetched `batch` per request, one after the other, all under one
 * AbortSignal). Same lifecycle as `list`.
 *
 * @example
 * fullList<Post>(pb, 'posts', { sort: 'title' }).subscribe((posts) => render(posts));
 */
export function fullList<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, options: FullListOptions = {}): Observable<Array<RecordOf<RecordFields<C, N, T>>>> {
    return fromQuery(fullListQuery<RecordFields<C, N, T>>(pb, collection, options));
}

/**
 * One record by id. Same lifecycle as `list`; a missing record errors with status 404.
 *
 * @example
 * one<Post>(pb, 'posts', id, { expand: 'author' }).subscribe((post) => render(post.title));
 */
export function one<T = {}, C = AnyCollections, N extends CollectionName<C> = CollectionName<C>>(pb: Client<C>, collection: N, id: string, options: OneOptions = {}): Observable<RecordOf<RecordFields<C, N, T>>> {
    return fromQuery(oneQuery<RecordFields<C, N, T>>(pb, collection, id, options));
}

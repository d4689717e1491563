import type { Client } from '../../core/Client';
import { ListResult } from '../../core/models/ListResult';
import type { QueryParams, QueryValue } from '../../core/query';
import type { RecordOf } from '../../core/services/Records';
import { asArray, asObject } from '../../core/normalize';
import { uniqueById } from '../../core/services/crud';
import type { Record } from '../../core/models/Record';
import { fetchedBehaviour, initialQueryState, type FetchedQuery, type QueryState } from './fetched';
import type { CacheOptions } from './options';
import { cacheSource, type CacheSource } from './source';

/** Extra query parameters are sent as they are; `$autoCancel` / `$cancelKey` are ignored (cached queries never auto-cancel). */
interface ExtraParams {
    [param: string]: QueryValue;
}

/** Options of `list` / `listAtom`. */
export interface ListOptions extends ExtraParams {
    /** Page number, from 1 (default 1). */
    page?: number;
    /** Records per page (default 30, the server allows up to 400). */
    perPage?: number;
    /** PocketBase filter, e.g. `published = true && title ~ "pocket"`. */
    filter?: string;
    /** Comma separated fields, `-` for descending, e.g. `-created,title`. */
    sort?: string;
    /** Comma separated relation fields to expand. */
    expand?: string;
}

/** Options of `fullList` / `fullListAtom`. */
export interface FullListOptions extends ExtraParams {
    /** Records per request (default 100). */
    batch?: number;
    filter?: string;
    sort?: string;
    expand?: string;
}

/** Options of `one` / `oneAtom`. */
export interface OneOptions extends ExtraParams {
    expand?: string;
}

/**
 * A request of your own for `queryAtom` / `fromQuery`, cached like the built-in ones: `key`
 * names it (with the identity, equal keys share one entry), `collection` (optional) lets writes
 * to that collection invalidate it.
 */
export interface Query<T> {
    readonly pb: Client;
    readonly key: string;
    readonly collection?: string;
    run(signal: AbortSignal): Promise<T>;
}

const CLIENT_SIDE = new Set(['$autoCancel', '$cancelKey', 'signal']);

/** The parameters that go to the server, without the client-side ones. */
export function serverParams(options: ExtraParams, omit: readonly string[] = []): QueryParams {
    const params: QueryParams = {};
    for (const key of Object.keys(options)) {
        if (omit.includes(key) || CLIENT_SIDE.has(key)) continue;
        if (options[key] !== undefined) params[key] = options[key];
    }
    return params;
}

/** A request of the reactive layer: its AbortSignal, and never auto-cancelled by another one. */
export function requestParams(params: QueryParams, signal: AbortSignal): QueryParams {
    return { ...params, signal, $autoCancel: false };
}

function decodeRecord(pb: Client, json: unknown): Record {
    return pb.records.decode(asObject(json));
}

function count(value: unknown): number {
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Fetches one page through the records service; a page never repeats an id. */
export async function fetchPage(pb: Client, collection: string, page: number, perPage: number, params: QueryParams, signal: AbortSignal): Promise<ListResult<Record>> {
    const result = await pb.records.getList(collection, page, perPage, requestParams(params, signal));
    // A page can hold an id twice (records inserted while a list is paged); values never do.
    const items = uniqueById(result.items);
    return items === result.items ? result : new ListResult(result.page, result.perPage, result.totalItems, result.totalPages, items);
}

/** Every record of a collection through the records service (bounded, no repeated id). */
export function fetchAll(pb: Client, collection: string, batch: number, params: QueryParams, signal: AbortSignal): Promise<Record[]> {
    return pb.records.getFullList(collection, batch, requestParams(params, signal));
}

/** One record through the records service. */
export function fetchOne(pb: Client, collection: string, id: string, params: QueryParams, signal: AbortSignal): Promise<Record> {
    return pb.records.getOne(collection, id, requestParams(params, signal));
}

/** The items with the record of `id` replaced by `record`, or removed (null). */
function replaced<R extends { id: string }>(items: R[], id: string, record: Record | null): R[] {
    return record ? items.map((item) => (item.id === id ? record as unknown as R : item)) : items.filter((item) => item.id !== id);
}

/** While a new identity's entry has nothing yet after the token expired, the previous state stays shown. */
function keepWhileEmpty<T>(previous: QueryState<T>, next: QueryState<T>): QueryState<T> | null {
    return next.data === undefined && next.error === null ? { ...previous, fetching: true } : null;
}

function fetchedSource<T>(pb: Client, meta: { kind: string; collection: string; id?: string; params: { [name: string]: unknown } }, query: FetchedQuery<T>, options?: CacheOptions): CacheSource<QueryState<T>> {
    return cacheSource<QueryState<T>>(pb, {
        meta,
        options,
        initial: initialQueryState,
        create: (context) => fetchedBehaviour(context, query),
        placeholder: keepWhileEmpty,
    });
}

/** One page of a collection's records, cached. */
export function listSource<T>(pb: Client, collection: string, options: ListOptions = {}, cacheOptions?: CacheOptions): CacheSource<QueryState<ListResult<RecordOf<T>>>> {
    const page = options.page ?? 1;
    const perPage = options.perPage ?? 30;
    const params = serverParams(options, ['page', 'perPage']);
    return fetchedSource(pb, { kind: 'list', collection, params: { ...params, page, perPage } }, {
        fetch: (signal) => fetchPage(pb, collection, page, perPage, params, signal) as Promise<ListResult<RecordOf<T>>>,
        decode: (json) => {
            const data = asObject(json);
            const items = asArray(data.items).map((item) => decodeRecord(pb, item) as RecordOf<T>);
            return new ListResult(count(data.page) || 1, count(data.perPage), count(data.totalItems), count(data.totalPages), items);
        },
        find: (data, id) => data.items.find((item) => item.id === id),
        replace: (data, id, record) => {
            const items = replaced(data.items, id, record);
            const totalItems = data.totalItems - (record ? 0 : 1);
            return new ListResult(data.page, data.perPage, totalItems, data.perPage > 0 ? Math.ceil(totalItems / data.perPage) : data.totalPages, items);
        },
    }, cacheOptions);
}

/** Every record of a collection, cached. */
export function fullListSource<T>(pb: Client, collection: string, options: FullListOptions = {}, cacheOptions?: CacheOptions): CacheSource<QueryState<Array<RecordOf<T>>>> {
    const batch = options.batch ?? 100;
    const params = serverParams(options, ['batch']);
    return fetchedSource(pb, { kind: 'fullList', collection, params: { ...params, batch } }, {
        fetch: (signal) => fetchAll(pb, collection, batch, params, signal) as Promise<Array<RecordOf<T>>>,
        decode: (json) => asArray(json).map((item) => decodeRecord(pb, item) as RecordOf<T>),
        find: (data, id) => data.find((item) => item.id === id),
        replace: (data, id, record) => replaced(data, id, record),
    }, cacheOptions);
}

/** One record by id, cached. */
export function oneSource<T>(pb: Client, collection: string, id: string, options: OneOptions = {}, cacheOptions?: CacheOptions): CacheSource<QueryState<RecordOf<T>>> {
    const params = serverParams(options);
    return fetchedSource(pb, { kind: 'one', collection, id, params }, {
        fetch: (signal) => fetchOne(pb, collection, id, params, signal) as Promise<RecordOf<T>>,
        decode: (json) => decodeRecord(pb, json) as RecordOf<T>,
        find: (data, recordId) => (data.id === recordId ? data : undefined),
        // A record query shows a delete when the answer (404) comes.
        replace: (_data, _id, record) => record as RecordOf<T> | null,
    }, cacheOptions);
}

/** A `Query` of your own, cached (its data is kept as it is; hydration gives back the JSON). */
export function customSource<T>(query: Query<T>, cacheOptions?: CacheOptions): CacheSource<QueryState<T>> {
    return fetchedSource(query.pb, { kind: 'custom', collection: query.collection ?? '', params: { key: query.key } }, {
        fetch: (signal) => query.run(signal),
        decode: (json) => json as T,
    }, cacheOptions);
}

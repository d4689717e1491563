import type { Client } from '../../core/Client';
import type { ListResult } from '../../core/models/ListResult';
import type { QueryParams, QueryValue } from '../../core/query';
import type { RecordOf } from '../../core/services/Records';
import { fetchAll, fetchOne, fetchPage } from './fetch';
import { stableKey } from './key';
import type { Query } from './requests';

/** Extra query parameters are sent as they are; `$autoCancel` / `$cancelKey` are ignored (reactive queries never auto-cancel). */
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

/** The parameters that go to the server, without the client-side ones. */
function serverParams(options: ExtraParams, omit: readonly string[]): QueryParams {
    const params: QueryParams = {};
    for (const key of Object.keys(options)) {
        if (omit.includes(key) || key === '$autoCancel' || key === '$cancelKey') continue;
        if (options[key] !== undefined) params[key] = options[key];
    }
    return params;
}

// The key names the client's identity at the time of the request (it is read per run): a request
// sent as a guest is never handed to a subscriber arriving after sign-in.
function keyOf(pb: Client, parts: readonly unknown[]): string {
    return stableKey([pb.baseUrl, pb.authStore.token, ...parts]);
}

/** One page of a collection, as a `Query`. */
export function listQuery<T>(pb: Client, collection: string, options: ListOptions = {}): Query<ListResult<RecordOf<T>>> {
    const page = options.page ?? 1;
    const perPage = options.perPage ?? 30;
    const params = serverParams(options, ['page', 'perPage']);
    return {
        pb,
        get key() { return keyOf(pb, ['list', collection, page, perPage, params]); },
        run: (signal) => fetchPage(pb, collection, page, perPage, params, signal) as Promise<ListResult<RecordOf<T>>>,
    };
}

/** Every record of a collection, as a `Query`. */
export function fullListQuery<T>(pb: Client, collection: string, options: FullListOptions = {}): Query<Array<RecordOf<T>>> {
    const batch = options.batch ?? 100;
    const params = serverParams(options, ['batch']);
    return {
        pb,
        get key() { return keyOf(pb, ['fullList', collection, batch, params]); },
        run: (signal) => fetchAll(pb, collection, batch, params, signal) as Promise<Array<RecordOf<T>>>,
    };
}

/** One record by id, as a `Query`. */
export function oneQuery<T>(pb: Client, collection: string, id: string, options: OneOptions = {}): Query<RecordOf<T>> {
    const params = serverParams(options, []);
    return {
        pb,
        get key() { return keyOf(pb, ['one', collection, id, params]); },
        run: (signal) => fetchOne(pb, collection, id, params, signal) as Promise<RecordOf<T>>,
    };
}

import type { Client } from '../../core/Client';
import { ListResult } from '../../core/models/ListResult';
import { Record } from '../../core/models/Record';
import type { QueryParams } from '../../core/query';
import { asObject } from '../../core/normalize';
import { pathSegment } from '../../core/path';
import { collectPages, uniqueById } from '../../core/services/crud';

// The reactive queries call `pb.send` themselves (the services take no signal): every request
// carries the subscription's AbortSignal and opts out of auto-cancellation, so two reactive
// queries never cancel each other and the last unsubscribe really closes the connection.

function count(value: unknown): number {
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** GET one page of a collection's records. */
export async function fetchPage(pb: Client, collection: string, page: number, perPage: number, params: QueryParams, signal: AbortSignal): Promise<ListResult<Record>> {
    const data = asObject(await pb.send(pb.records.baseCrudPath(collection), {
        method: 'GET',
        params: { ...params, page, perPage, $autoCancel: false },
        signal,
    }));
    // A page can hold an id twice (records inserted while a list is paged); values never do.
    const items = uniqueById(Array.isArray(data.items) ? data.items.map((item) => pb.records.decode(asObject(item))) : []);
    return new ListResult(count(data.page) || 1, count(data.perPage), count(data.totalItems), count(data.totalPages), items);
}

/** Every record of a collection, `batch` per request, one request after the other (bounded, no repeated id). */
export function fetchAll(pb: Client, collection: string, batch: number, params: QueryParams, signal: AbortSignal): Promise<Record[]> {
    return collectPages((page) => fetchPage(pb, collection, page, batch, params, signal));
}

/** GET one record by id. */
export async function fetchOne(pb: Client, collection: string, id: string, params: QueryParams, signal: AbortSignal): Promise<Record> {
    const data = await pb.send(pb.records.baseCrudPath(collection) + '/' + pathSegment(id, 'id'), {
        method: 'GET',
        params: { ...params, $autoCancel: false },
        signal,
    });
    return pb.records.decode(asObject(data));
}

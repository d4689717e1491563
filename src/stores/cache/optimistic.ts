import type { Client } from '../../core/Client';
import { ClientResponseError } from '../../core/errors';
import { Record } from '../../core/models/Record';
import { isRecord } from '../../core/normalize';
import { randomId } from '../../core/randomId';
import type { QueryParams } from '../../core/query';
import type { RecordOf } from '../../core/services/Records';
import { cacheOf } from './cache';
import type { OptimisticChange, OptimisticHandle, OptimisticRecord, PendingAction } from './entry';

/** Fields of an optimistic create or update: a plain object (files go through `pb.records` with `FormData`). */
export type OptimisticFields = { readonly [field: string]: unknown };

/** Writes that show in the client's cached and live queries before the server answers. */
export interface OptimisticWrites {
    /** Creates a record (with a client-made id unless `fields.id` is given) and shows it in live lists at once. */
    create<T = {}>(collection: string, fields: OptimisticFields, queryParams?: QueryParams): Promise<RecordOf<T>>;
    /** Updates a record and shows the change in every cached query holding it at once. */
    update<T = {}>(collection: string, id: string, patch: OptimisticFields, queryParams?: QueryParams): Promise<RecordOf<T>>;
    /** Deletes a record and removes it from every cached query holding it at once. */
    delete(collection: string, id: string, queryParams?: QueryParams): Promise<true>;
}

/** Now in the format v0.7 stores dates: `2022-10-01 10:00:00.000` (UTC). */
function serverNow(): string {
    return new Date().toISOString().replace('T', ' ').replace('Z', '');
}

function plainFields(fields: unknown): OptimisticFields {
    if (isRecord(fields) && !(fields instanceof FormData) && !(fields instanceof Blob)) return fields;
    throw new ClientResponseError({ message: 'Optimistic writes take a plain object of fields; send FormData with pb.records.' });
}

/**
 * Optimistic writes through `pb`: the change shows in the same tick in every live list, live
 * record and cached query of that collection (for the current identity) that can show it exactly,
 * with the record's id in the value's `pending` map; the server's answer then replaces it, and a
 * failure rolls it back exactly — to what the server last said of that record, events that
 * arrived meanwhile included — sets the queries' `error` and rejects with the
 * `ClientResponseError`. Creates get a client-made id (v0.7 accepts one), so the answer replaces
 * the optimistic record instead of adding a second one. Fetched pages show updates and deletes
 * at once and creates after the answer (a created record's place in a page is the server's).
 *
 * @example
 * await optimistic(pb).update('posts', post.id, { title: 'Renamed' });
 * // Svelte: <li class:pending={$posts.pending[post.id]}>{post.title}</li>
 */
export function optimistic(pb: Client): OptimisticWrites {
    const run = async <R>(action: PendingAction, collection: string, id: string, fields: OptimisticFields, send: () => Promise<R>): Promise<R> => {
        const cache = cacheOf(pb);
        const identity = cache.identity();
        const change: OptimisticChange = { action, id, fields, collection };
        const makeRecord: OptimisticRecord = (base) => new Record(base
            ? { ...base, ...fields, id }
            // `updated` left empty: the server's record is never taken for an older one.
            : { created: serverNow(), updated: '', '@collectionName': collection, ...fields, id });
        const handles: OptimisticHandle[] = [];
        for (const entry of cache.list()) {
            if (entry.meta.identity !== identity || entry.meta.collection !== collection) continue;
            const handle = entry.behaviour.optimistic?.(change, makeRecord);
            if (handle) handles.push(handle);
        }
        try {
            const result = await send();
            for (const handle of handles) handle.done();
            return result;
        } catch (err) {
            const error = err instanceof ClientResponseError ? err : new ClientResponseError(err);
            for (const handle of handles) handle.rollback(error);
            throw error;
        }
    };

    return {
        async create<T = {}>(collection: string, fields: OptimisticFields, queryParams?: QueryParams) {
            const body = plainFields(fields);
            const id = typeof body.id === 'string' && body.id ? body.id : randomId();
            const withId = { ...body, id };
            return run('create', collection, id, withId, () => pb.records.create(collection, withId, queryParams)) as Promise<RecordOf<T>>;
        },
        async update<T = {}>(collection: string, id: string, patch: OptimisticFields, queryParams?: QueryParams) {
            const fields = plainFields(patch);
            return run('update', collection, id, fields, () => pb.records.update(collection, id, fields, queryParams)) as Promise<RecordOf<T>>;
        },
        delete(collection: string, id: string, queryParams?: QueryParams) {
            return run('delete', collection, id, {}, async () => {
                await pb.records.delete(collection, id, queryParams);
                return true as const;
            });
        },
    };
}

import { BaseService } from './BaseService';
import * as crud from './crud';
import { Record } from '../models/Record';
import type { ListResult } from '../models/ListResult';
import type { BodyParams, ListQueryParams, RecordQueryParams } from './types';
import type { QueryParams } from '../query';
import { isPathSegment, pathSegment } from '../path';
import type { AnyCollections, CollectionName, CreateBody, RecordFields, UpdateBody } from '../collections';

/** A record with your own typed fields: `RecordOf<Post>` = `Record & Post`. */
export type RecordOf<T> = Record & T;

const decode = (data: { [key: string]: unknown }): Record => new Record(data);

/**
 * The Records API (`/api/collections/:collection/records`). A call's type argument types your
 * fields on every result; a client with a collection map (`new PocketBase<Collections>(url)`)
 * types them from the collection's name, checks the name, and checks `create`/`update` bodies.
 *
 * @example
 * interface Post { title: string; published: boolean }
 * const page = await pb.records.getList<Post>('posts', 1, 20, { filter: 'published = true', sort: '-created' });
 * page.items[0].title; // string
 */
export class Records<C = AnyCollections> extends BaseService {
    /** The records path of a collection; throws a `ClientResponseError` for an empty, `.` or `..` name. */
    baseCrudPath(collectionIdOrName: string): string {
        return '/api/collections/' + pathSegment(collectionIdOrName, 'collection') + '/records';
    }

    /** Builds a `Record` from response data. */
    decode(data: { [key: string]: unknown }): Record {
        return decode(data);
    }

    /** Every record of a collection, fetched `batchSize` at a time. */
    async getFullList<T = {}, N extends CollectionName<C> = CollectionName<C>>(collectionIdOrName: N, batchSize = 100, queryParams?: ListQueryParams): Promise<Array<RecordOf<RecordFields<C, N, T>>>> {
        return crud.getFullList(this.client, this.baseCrudPath(collectionIdOrName), decode, batchSize, queryParams) as Promise<Array<RecordOf<RecordFields<C, N, T>>>>;
    }

    /** One page of a collection's records. */
    async getList<T = {}, N extends CollectionName<C> = CollectionName<C>>(collectionIdOrName: N, page = 1, perPage = 30, queryParams?: ListQueryParams): Promise<ListResult<RecordOf<RecordFields<C, N, T>>>> {
        return crud.getList(this.client, this.baseCrudPath(collectionIdOrName), decode, page, perPage, queryParams) as Promise<ListResult<RecordOf<RecordFields<C, N, T>>>>;
    }

    /** One record by id. */
    async getOne<T = {}, N extends CollectionName<C> = CollectionName<C>>(collectionIdOrName: N, id: string, queryParams?: RecordQueryParams): Promise<RecordOf<RecordFields<C, N, T>>> {
        return crud.getOne(this.client, this.baseCrudPath(collectionIdOrName), decode, id, queryParams) as Promise<RecordOf<RecordFields<C, N, T>>>;
    }

    /**
     * Creates a record; pass `FormData` to upload files.
     *
     * @example
     * const form = new FormData();
     * form.append('title', 'Hello');
     * form.append('attachments', new Blob(['hi'], { type: 'text/plain' }), 'hi.txt');
     * await pb.records.create('posts', form);
     */
    async create<T = {}, N extends CollectionName<C> = CollectionName<C>>(collectionIdOrName: N, bodyParams: CreateBody<C, N, T> = {} as CreateBody<C, N, T>, queryParams?: RecordQueryParams): Promise<RecordOf<RecordFields<C, N, T>>> {
        const record = await crud.create(this.client, this.baseCrudPath(collectionIdOrName), decode, bodyParams as BodyParams, queryParams);
        this.client.recordWritten({ action: 'create', collection: collectionIdOrName, id: record.id, record });
        return record as RecordOf<RecordFields<C, N, T>>;
    }

    /** Updates a record by id. */
    async update<T = {}, N extends CollectionName<C> = CollectionName<C>>(collectionIdOrName: N, id: string, bodyParams: UpdateBody<C, N, T> = {} as UpdateBody<C, N, T>, queryParams?: RecordQueryParams): Promise<RecordOf<RecordFields<C, N, T>>> {
        const record = await crud.update(this.client, this.baseCrudPath(collectionIdOrName), decode, id, bodyParams as BodyParams, queryParams);
        this.client.recordWritten({ action: 'update', collection: collectionIdOrName, id, record });
        return record as RecordOf<RecordFields<C, N, T>>;
    }

    /** Deletes a record by id; resolves to true. */
    async delete(collectionIdOrName: CollectionName<C>, id: string, queryParams?: QueryParams): Promise<boolean> {
        await crud.remove(this.client, this.baseCrudPath(collectionIdOrName), id, queryParams);
        this.client.recordWritten({ action: 'delete', collection: collectionIdOrName, id, record: null });
        return true;
    }

    /**
     * The absolute URL of a record's file, e.g. for an `<img src>`; `''` when the record has no
     * id or collection id or the file name is empty, `.` or `..` (a `src` of `''` loads nothing).
     *
     * @example
     * pb.records.getFileUrl(post, post.attachments[0], { thumb: '100x100' });
     */
    getFileUrl(record: Pick<Record, 'id' | '@collectionId'>, filename: string, queryParams: { [key: string]: string } = {}): string {
        const segments = [record['@collectionId'], record.id, filename];
        if (!segments.every(isPathSegment)) return '';
        let result = [this.client.baseUrl.replace(/\/+$/, ''), 'api', 'files', ...segments.map(encodeURIComponent)].join('/');
        const query = new URLSearchParams(queryParams).toString();
        if (query) result += (result.includes('?') ? '&' : '?') + query;
        return result;
    }
}

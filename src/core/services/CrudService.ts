import { BaseService } from './BaseService';
import * as crud from './crud';
import type { ListResult } from '../models/ListResult';
import type { QueryParams } from '../query';
import type { BodyParams, ListQueryParams } from './types';

/** List/view/create/update/delete of one resource path (admins, users, collections). */
export abstract class CrudService<M> extends BaseService {
    /** The resource path without a trailing slash, e.g. `/api/admins`. */
    abstract baseCrudPath(): string;

    /** Builds a model from response data. */
    abstract decode(data: { [key: string]: unknown }): M;

    private readonly decoder = (data: { [key: string]: unknown }): M => this.decode(data);

    /**
     * Every item, fetched `batchSize` at a time.
     *
     * @example
     * const all = await pb.users.getFullList(200, { sort: '-created' });
     */
    getFullList(batchSize = 100, queryParams?: ListQueryParams): Promise<M[]> {
        return crud.getFullList(this.client, this.baseCrudPath(), this.decoder, batchSize, queryParams);
    }

    /**
     * One page of items.
     *
     * @example
     * const { items, totalItems } = await pb.admins.getList(1, 50, { filter: 'email ~ "example.com"' });
     */
    getList(page = 1, perPage = 30, queryParams?: ListQueryParams): Promise<ListResult<M>> {
        return crud.getList(this.client, this.baseCrudPath(), this.decoder, page, perPage, queryParams);
    }

    /** One item by id. */
    getOne(id: string, queryParams?: QueryParams): Promise<M> {
        return crud.getOne(this.client, this.baseCrudPath(), this.decoder, id, queryParams);
    }

    /** Creates an item. */
    create(bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
        return crud.create(this.client, this.baseCrudPath(), this.decoder, bodyParams, queryParams);
    }

    /** Updates an item by id. */
    update(id: string, bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
        return crud.update(this.client, this.baseCrudPath(), this.decoder, id, bodyParams, queryParams);
    }

    /** Deletes an item by id; resolves to true. */
    delete(id: string, queryParams?: QueryParams): Promise<boolean> {
        return crud.remove(this.client, this.baseCrudPath(), id, queryParams);
    }
}

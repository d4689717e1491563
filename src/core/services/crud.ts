import { ListResult } from '../models/ListResult';
import type { Client } from '../Client';
import type { BodyParams, ListQueryParams } from './types';
import type { QueryParams } from '../query';
import { asArray, asObject } from '../normalize';

type Decode<M> = (data: { [key: string]: unknown }) => M;


function num(value: unknown): number {
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** GET one page of `basePath` and decode its items. */
export async function getList<M>(client: Client, basePath: string, decode: Decode<M>, page = 1, perPage = 30, queryParams?: ListQueryParams): Promise<ListResult<M>> {
    const data = asObject(await client.send(basePath, {
        method: 'GET',
        params: { page, perPage, ...queryParams },
    }));
    const items = asArray(data.items).map((item) => decode(asObject(item)));
    return new ListResult<M>(num(data.page) || 1, num(data.perPage), num(data.totalItems), num(data.totalPages), items);
}

/** Every item of `basePath`, fetched page after page of `batchSize`. */
export async function getFullList<M>(client: Client, basePath: string, decode: Decode<M>, batchSize = 100, queryParams?: ListQueryParams): Promise<M[]> {
    const result: M[] = [];
    for (let page = 1; ; page++) {
        const list = await getList(client, basePath, decode, page, batchSize, queryParams);
        result.push(...list.items);
        // Stop on an empty page too: a server whose totalItems lies must not loop forever.
        if (!list.items.length || list.totalItems <= result.length) return result;
    }
}

/** GET `basePath/id`. */
export async function getOne<M>(client: Client, basePath: string, decode: Decode<M>, id: string, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath + '/' + encodeURIComponent(id), { method: 'GET', params: queryParams })));
}

/** POST `basePath`. */
export async function create<M>(client: Client, basePath: string, decode: Decode<M>, bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath, { method: 'POST', params: queryParams, body: bodyParams })));
}

/** PATCH `basePath/id`. */
export async function update<M>(client: Client, basePath: string, decode: Decode<M>, id: string, bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath + '/' + encodeURIComponent(id), { method: 'PATCH', params: queryParams, body: bodyParams })));
}

/** DELETE `basePath/id`; resolves to true. */
export async function remove(client: Client, basePath: string, id: string, queryParams?: QueryParams): Promise<true> {
    await client.send(basePath + '/' + encodeURIComponent(id), { method: 'DELETE', params: queryParams });
    return true;
}


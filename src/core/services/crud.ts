import { ListResult } from '../models/ListResult';
import type { Client } from '../Client';
import type { BodyParams, ListQueryParams } from './types';
import type { QueryParams } from '../query';
import { asArray, asObject } from '../normalize';
import { pathSegment } from '../path';

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
export function getFullList<M>(client: Client, basePath: string, decode: Decode<M>, batchSize = 100, queryParams?: ListQueryParams): Promise<M[]> {
    return collectPages((page) => getList(client, basePath, decode, page, batchSize, queryParams));
}

/**
 * Reads pages 1, 2, ... into one list without repeating an id (a record inserted while the list
 * is paged shifts a record onto the next page too). Bounded even against a lying server: it
 * stops at an empty page, a page that brings no new id, the page count the first answer
 * announced, or once `totalItems` are collected (as the official SDK does).
 */
export async function collectPages<M>(fetchPage: (page: number) => Promise<ListResult<M>>): Promise<M[]> {
    const result: M[] = [];
    const seen = new Set<unknown>();
    let lastPage = Infinity;
    for (let page = 1; page <= lastPage; page++) {
        const list = await fetchPage(page);
        if (page === 1) lastPage = list.totalPages;
        const before = result.length;
        pushUnique(result, list.items, seen);
        if (result.length === before || result.length >= list.totalItems) break;
    }
    return result;
}

/** The items without repeated ids (the first one stays), e.g. for framework keys. */
export function uniqueById<M>(items: M[]): M[] {
    const result: M[] = [];
    pushUnique(result, items, new Set());
    return result.length === items.length ? items : result;
}

function pushUnique<M>(target: M[], items: readonly M[], seen: Set<unknown>): void {
    for (const item of items) {
        const id = (item as { id?: unknown }).id;
        if (id !== undefined && seen.has(id)) continue;
        seen.add(id);
        target.push(item);
    }
}

/** GET `basePath/id`. */
export async function getOne<M>(client: Client, basePath: string, decode: Decode<M>, id: string, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath + '/' + pathSegment(id, 'id'), { method: 'GET', params: queryParams })));
}

/** POST `basePath`. */
export async function create<M>(client: Client, basePath: string, decode: Decode<M>, bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath, { method: 'POST', params: queryParams, body: bodyParams })));
}

/** PATCH `basePath/id`. */
export async function update<M>(client: Client, basePath: string, decode: Decode<M>, id: string, bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<M> {
    return decode(asObject(await client.send(basePath + '/' + pathSegment(id, 'id'), { method: 'PATCH', params: queryParams, body: bodyParams })));
}

/** DELETE `basePath/id`; resolves to true. */
export async function remove(client: Client, basePath: string, id: string, queryParams?: QueryParams): Promise<true> {
    await client.send(basePath + '/' + pathSegment(id, 'id'), { method: 'DELETE', params: queryParams });
    return true;
}


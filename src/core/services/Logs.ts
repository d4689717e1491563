import { BaseService } from './BaseService';
import * as crud from './crud';
import { LogRequest } from '../models/LogRequest';
import { asArray } from '../normalize';
import type { ListResult } from '../models/ListResult';
import type { QueryParams } from '../query';
import type { ListQueryParams } from './types';

/** Requests per hour, as `/api/logs/requests/stats` returns them. */
export interface HourlyStats {
    total: number;
    date: string;
}

const decode = (data: { [key: string]: unknown }): LogRequest => new LogRequest(data);

/** The Logs API (`/api/logs/requests`, admins only). */
export class Logs extends BaseService {
    /**
     * One page of the request log.
     *
     * @example
     * const errors = await pb.logs.getRequestsList(1, 50, { filter: 'status >= 400' });
     */
    getRequestsList(page = 1, perPage = 30, queryParams?: ListQueryParams): Promise<ListResult<LogRequest>> {
        return crud.getList(this.client, '/api/logs/requests', decode, page, perPage, queryParams);
    }

    /** One logged request by id. */
    getRequest(id: string, queryParams?: QueryParams): Promise<LogRequest> {
        return crud.getOne(this.client, '/api/logs/requests', decode, id, queryParams);
    }

    /** Request counts per hour. */
    async getRequestsStats(queryParams?: QueryParams): Promise<HourlyStats[]> {
        const data = await this.client.send('/api/logs/requests/stats', { method: 'GET', params: queryParams });
        return asArray<HourlyStats>(data);
    }
}

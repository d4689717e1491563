import type { BaseModel } from '../models/BaseModel';
import type { QueryParams } from '../query';

/** A JSON request body (a plain object or a model such as a fetched `Record`), or `FormData` for multipart uploads. */
export type BodyParams = { [key: string]: unknown } | BaseModel | FormData;

/** Query parameters of list calls. */
export interface ListQueryParams extends QueryParams {
    /** PocketBase filter expression, e.g. `published = true && created > "2022-08-01"`. */
    filter?: string;
    /** Comma separated fields, `-` for descending, e.g. `-created,title`. */
    sort?: string;
    /** Comma separated relation fields to expand. */
    expand?: string;
}

/** Query parameters of single-record calls. */
export interface RecordQueryParams extends QueryParams {
    /** Comma separated relation fields to expand. */
    expand?: string;
}

import type { Client } from '../../core/Client';
import type { ClientResponseError } from '../../core/errors';
import type { QueryValue } from '../../core/query';
import type { RecordOf } from '../../core/services/Records';
import type { Realtime } from '../../realtime/Realtime';
import type { ConnectionState } from '../../realtime/types';
import type { PendingWrites } from '../cache/entry';
import type { AnyCollections } from '../../core/collections';

export type { ConnectionState };

/** A client with realtime: the package's `PocketBase` (with its collection map `C`). */
export type RealtimeClient<C = AnyCollections> = Client<C> & { readonly realtime: Realtime };

/** One realtime message of a topic, its record typed with your fields. */
export interface RealtimeEvent<T = {}> {
    /** `'create'`, `'update'` or `'delete'`. */
    readonly action: string;
    /** The record after the change (for `delete`: as it was). Realtime records carry no `@expand`. */
    readonly record: RecordOf<T>;
}

/** The latest message of a topic and the subscription's failure, as `eventsAtom` holds them. */
export interface LatestEvent<T = {}> {
    /** The latest message, or null before the first. */
    readonly event: RealtimeEvent<T> | null;
    /** Why the topic could not be subscribed (the connection could not open, the server refused), or null. */
    readonly error: ClientResponseError | null;
}

/** Query of `liveList` / `liveListAtom`. */
export interface LiveListQuery {
    /** PocketBase filter, e.g. `published = true && views > 10`. */
    filter?: string;
    /** Comma separated fields, `-` for descending, e.g. `-created,title`. */
    sort?: string;
    /** Comma separated relation fields to expand. */
    expand?: string;
    /**
     * Page number, from 1. With `page` or `perPage` the live value is that one page (`getList`);
     * with neither it is every matching record (`getFullList`).
     */
    page?: number;
    /** Records per page (default 30 when only `page` is given; the server allows up to 400). */
    perPage?: number;
    /** Other query parameters, sent as they are. */
    [param: string]: QueryValue;
}

/** Query of `liveRecord` / `liveRecordAtom`. */
export interface LiveRecordQuery {
    /** Comma separated relation fields to expand. */
    expand?: string;
    /** Other query parameters, sent as they are. */
    [param: string]: QueryValue;
}

/** What a live value says about its freshness, besides its data. */
export interface LiveStatus {
    /** True while there is nothing to show yet: no data (fetched or hydrated) and no error. */
    readonly loading: boolean;
    /** True while a fetch is in flight: the first one, or a re-fetch in the background (the data stays). */
    readonly fetching: boolean;
    /**
     * True while realtime events may be missed: before the topic is active, while the connection
     * is down or reconnecting, until the re-fetch that follows a reconnect has answered, and for
     * good when the topic could not be subscribed.
     */
    readonly stale: boolean;
    /** The latest failure (fetch or subscription), or null; cleared by the next successful fetch. */
    readonly error: ClientResponseError | null;
    /** When the data was last fetched (ms since the epoch), or 0. */
    readonly updatedAt: number;
    /** Records shown with an optimistic write still in flight, by id (see `optimistic`). */
    readonly pending: PendingWrites;
}

/** The value of `liveList` / `liveListAtom`. */
export interface LiveListValue<T = {}> extends LiveStatus {
    /** The matching records in the server's order (the page, or every record). */
    readonly items: ReadonlyArray<RecordOf<T>>;
    /** All matching records on the server. */
    readonly totalItems: number;
    /** The page shown (the server clamps a page past the end to the last one); 1 for a full list. */
    readonly page: number;
    /** The page size, or null for a full list. */
    readonly perPage: number | null;
    /** Pages at this page size; 1 for a full list (0 when nothing matches). */
    readonly totalPages: number;
}

/** The value of `liveRecord` / `liveRecordAtom`. */
export interface LiveRecordValue<T = {}> extends LiveStatus {
    /** The record, or null while unknown, once deleted, or when it does not exist (404) or is not visible. */
    readonly record: RecordOf<T> | null;
}

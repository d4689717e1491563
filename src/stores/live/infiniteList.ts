// Infinite lists: a live list of the first `pages × perPage` records that grows with loadMore().
// The model is the live list's — a ListWindow at offset 0 holding one "page" of pages × perPage
// records — so realtime deltas apply across every loaded page exactly as in any live list, and a
// delta that cannot be applied exactly re-reads the whole window (coalesced). loadMore() fetches
// only the next page and appends it when that is exact (see `ListModel.grow`); when the list
// shifted meanwhile, or an event arrived during the request, the whole window is read again instead.
import type { QueryValue } from '../../core/query';
import type { RecordOf } from '../../core/services/Records';
import { asObject } from '../../core/normalize';
import type { CacheOptions } from '../cache/options';
import { cacheSource, type CacheSource } from '../cache/source';
import { liveListModel } from './liveList';
import { liveBehaviour, type LiveDriver, type LiveModel } from './liveSource';
import type { LiveStatus, RealtimeClient } from './types';

/** Query of `infiniteList` / `infiniteListAtom`. */
export interface InfiniteListQuery {
    /** PocketBase filter, e.g. `published = true`. */
    filter?: string;
    /** Comma separated fields, `-` for descending, e.g. `-created,id`. */
    sort?: string;
    /** Comma separated relation fields to expand. */
    expand?: string;
    /** The page size: records per `loadMore()` (default 30, at most 400 as on the server). */
    perPage?: number;
    /** Other query parameters, sent as they are (a `page` is ignored). */
    [param: string]: QueryValue;
}

/** The value of `infiniteList` / `infiniteListAtom`. */
export interface InfiniteListValue<T = {}> extends LiveStatus {
    /** The first `pages × perPage` matching records, in the server's order. */
    readonly items: ReadonlyArray<RecordOf<T>>;
    /** All matching records on the server. */
    readonly totalItems: number;
    /** The page size. */
    readonly perPage: number;
    /** Pages loaded (0 before the first answer). */
    readonly pages: number;
    /** Whether the server holds more matching records than `items`. */
    readonly hasMore: boolean;
    /** True while a `loadMore()` runs (`fetching` is true then too). */
    readonly loadingMore: boolean;
    /**
     * Loads the next page; resolves once it shows (or failed: see `error`) and the list has
     * settled (no fetch left running). Does nothing without `hasMore` or without subscribers;
     * while a load runs it only waits for that one.
     */
    loadMore(): Promise<void>;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 400;

/** The page size the server will use for `perPage`. */
function pageSizeOf(perPage: unknown): number {
    return typeof perPage === 'number' && Number.isFinite(perPage) && perPage >= 1 ? Math.min(MAX_PER_PAGE, Math.floor(perPage)) : DEFAULT_PER_PAGE;
}

const done = (): Promise<void> => Promise.resolve();

/** The value every infinite list starts with (nothing fetched yet). */
export function initialInfiniteList<T>(query: InfiniteListQuery = {}): InfiniteListValue<T> {
    return {
        items: [], totalItems: 0, perPage: pageSizeOf(query.perPage), pages: 0, hasMore: false, loadingMore: false, loadMore: done,
        loading: true, fetching: false, stale: true, error: null, updatedAt: 0, pending: {},
    };
}

/**
 * The model of an infinite list: a live list model whose window is the first `pages × perPage`
 * records, and the page count asked for (`target`) against the one held (`loaded`).
 */
export function infiniteListModel<T>(pb: RealtimeClient, collection: string, query: InfiniteListQuery): LiveModel<InfiniteListValue<T>> {
    const pageSize = pageSizeOf(query.perPage);
    let target = 1;
    let loaded = 0;
    let driver: LiveDriver | null = null;
    const list = liveListModel<T>(pb, collection, { ...query, page: undefined, perPage: pageSize }, () => target * pageSize);

    /** The load asked for is over (shown, failed or dropped with the mount). */
    const finish = (): void => {
        if (target > loaded) target = Math.max(1, loaded);
    };

    const loadMore = (): Promise<void> => {
        if (!driver) return done();
        if (target > loaded) return driver.settled();
        if (!list.loaded || list.length >= list.totalItems) return done();
        target = loaded + 1;
        // A patch run appends the next page (a full fetch due anyway reads the larger window).
        driver.requestPatch();
        driver.publish();
        return driver.settled();
    };

    return {
        get loaded() {
            return list.loaded;
        },
        note: (event) => list.note?.(event),
        apply: (event, complete) => list.apply(event, complete),
        current: (id) => list.current(id),
        async fetch(signal) {
            const want = target;
            try {
                await list.fetch(signal);
            } catch (err) {
                if (!signal.aborted) finish();
                throw err;
            }
            loaded = want;
        },
        async patch(signal) {
            if ((await list.patch!(signal)) === 'refetch') return 'refetch';
            if (target <= loaded) return 'applied';
            let outcome: 'applied' | 'refetch';
            try {
                outcome = await list.grow(pageSize, signal);
            } catch (err) {
                if (signal.aborted) throw err;
                return 'refetch'; // the window read at the new size is the retry; its failure shows
            }
            if (outcome === 'applied') loaded = target;
            return outcome;
        },
        value(status) {
            const base = list.value(status);
            const loadingMore = target > loaded && loaded > 0;
            const value = {} as InfiniteListValue<T>;
            // The items stay copied on first read only (see liveListModel).
            Object.defineProperty(value, 'items', { enumerable: true, get: () => base.items });
            return Object.assign(value, {
                totalItems: base.totalItems,
                perPage: pageSize,
                pages: loaded,
                hasMore: list.loaded && list.length < base.totalItems,
                loadingMore,
                loadMore,
                ...status,
                fetching: status.fetching || loadingMore,
            });
        },
        snapshot() {
            const data = list.snapshot();
            return data === undefined ? undefined : { pages: loaded, list: data };
        },
        restore(snapshot) {
            const data = asObject(snapshot);
            const pages = data.pages;
            const window = asObject(data.list);
            if (typeof pages !== 'number' || !Number.isInteger(pages) || pages < 1 || window.page !== 1 || window.perPage !== pages * pageSize) return false;
            if (!list.restore(window)) return false;
            loaded = target = pages;
            return true;
        },
        attach(next) {
            driver = next;
            return () => {
                driver = null;
                finish();
            };
        },
    };
}

/**
 * An infinite list as a cached source (see `liveListSource`): identical infinite lists of one
 * client and identity share one entry — one topic listener, one window, one value — whose loaded
 * pages survive a remount within `gcTime` (and are re-read together then).
 *
 * @example
 * const stop = infiniteListSource<Post>(pb, 'posts', { sort: '-created', perPage: 20 })
 *     .subscribe(({ items, hasMore, loadMore }) => render(items, hasMore ? loadMore : null));
 */
export function infiniteListSource<T>(pb: RealtimeClient, collection: string, query: InfiniteListQuery = {}, options?: CacheOptions): CacheSource<InfiniteListValue<T>> {
    const params: InfiniteListQuery = { ...query, page: undefined, perPage: pageSizeOf(query.perPage) };
    return cacheSource<InfiniteListValue<T>>(pb, {
        meta: { kind: 'infiniteList', collection, params },
        options,
        initial: () => initialInfiniteList<T>(query),
        create: (context) => liveBehaviour(context, pb, collection, infiniteListModel<T>(pb, collection, params)),
        // After the token expired, the previous identity's value stays shown until the new one has data.
        placeholder: (previous, next) => (next.loading ? previous : null),
    });
}

// Infinite lists: a live list of the first `pages × perPage` records that grows with loadMore().
// Each load re-reads the whole window in one request (several beyond 400 records), so whatever
// was inserted or deleted meanwhile, the value stays exactly what the server would return for
// that many records; realtime deltas apply across all loaded pages like in any live list.
import { cacheSource, type CacheSource } from '../cache/source';
import type { CacheOptions } from '../cache/options';
import { asObject } from '../../core/normalize';
import { liveListModel } from './liveList';
import { liveBehaviour, type LiveModel } from './liveSource';
import type { LiveListQuery, LiveListValue, RealtimeClient } from './types';

/** Query of `infiniteList` / `infiniteListAtom`: `perPage` is the page size (default 30); a `page` is ignored. */
export type InfiniteListQuery = LiveListQuery;

/** The value of `infiniteList` / `infiniteListAtom`. */
export interface InfiniteListValue<T = {}> extends LiveListValue<T> {
    /** Pages loaded so far (the items are the first `pages × perPage` records). */
    readonly pages: number;
    /** Whether the server has more records than loaded. */
    readonly hasMore: boolean;
    /** Loads the next page (no-op without `hasMore`, or while loading). */
    loadMore(): void;
}

const DEFAULT_PER_PAGE = 30;

/** The value every infinite list starts with (nothing fetched yet). */
export function initialInfiniteList<T>(query: InfiniteListQuery = {}): InfiniteListValue<T> {
    return {
        items: [], totalItems: 0, page: 1, perPage: query.perPage ?? DEFAULT_PER_PAGE, totalPages: 0,
        loading: true, fetching: false, stale: true, error: null, updatedAt: 0, pending: {},
        pages: 1, hasMore: false, loadMore: () => {},
    };
}

/**
 * An infinite list as a cached source (see `liveListSource`): one entry per client, identity and
 * query, whose loaded page count survives remounts within `gcTime`.
 *
 * @example
 * const stop = infiniteListSource<Post>(pb, 'posts', { sort: '-created', perPage: 20 })
 *     .subscribe(({ items, hasMore, loadMore }) => render(items, hasMore && loadMore));
 */
export function infiniteListSource<T>(pb: RealtimeClient, collection: string, query: InfiniteListQuery = {}, options?: CacheOptions): CacheSource<InfiniteListValue<T>> {
    const pageSize = Math.max(1, Math.floor(query.perPage ?? DEFAULT_PER_PAGE));
    const { page: _page, ...rest } = query as LiveListQuery;
    return cacheSource<InfiniteListValue<T>>(pb, {
        meta: { kind: 'infiniteList', collection, params: { ...rest, perPage: pageSize } },
        options,
        initial: () => initialInfiniteList<T>(query),
        create: (context) => {
            let pages = 1;
            let more: () => void = () => {};
            const list = liveListModel<T>(pb, collection, { ...rest, perPage: pageSize }, () => pages * pageSize);
            // A page asked for and not fetched yet: further calls wait for it.
            let growing = false;
            const loadMore = (): void => {
                const { hasMore, loading } = context.value;
                if (!hasMore || loading || growing) return;
                growing = true;
                pages++;
                more();
            };
            const model: LiveModel<InfiniteListValue<T>> = {
                ...list,
                get loaded() {
                    return list.loaded;
                },
                async fetch(signal) {
                    try {
                        await list.fetch(signal);
                    } finally {
                        growing = false;
                    }
                },
                value(status) {
                    const value = list.value(status) as LiveListValue<T> & Partial<InfiniteListValue<T>>;
                    const loaded = value.items.length;
                    return Object.assign(value, {
                        perPage: pageSize,
                        page: 1,
                        totalPages: Math.ceil(value.totalItems / pageSize),
                        pages,
                        hasMore: list.loaded && loaded < value.totalItems,
                        loadMore,
                    }) as InfiniteListValue<T>;
                },
                snapshot() {
                    const data = list.snapshot();
                    return data === undefined ? undefined : { pages, list: data };
                },
                restore(snapshot) {
                    const data = asObject(snapshot);
                    if (typeof data.pages !== 'number' || data.pages < 1 || !list.restore(data.list)) return false;
                    pages = Math.floor(data.pages);
                    return true;
                },
            };
            const behaviour = liveBehaviour(context, pb, collection, model);
            more = () => behaviour.refetch();
            return behaviour;
        },
        placeholder: (previous, next) => (next.loading ? previous : null),
    });
}

// Framework-free core of the realtime stores; rx/live.ts and nano/live.ts wrap it.
import { ClientResponseError } from '../../core/errors';
import type { Subscribable } from '../core/subscribable';
import { cacheOf } from '../cache/cache';
import type { CacheOptions } from '../cache/options';
import { cacheSource, type CacheSource } from '../cache/source';
import { liveListModel } from './liveList';
import { liveRecordModel } from './liveRecord';
import { liveBehaviour } from './liveSource';
import type {
    ConnectionState, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, LiveStatus, RealtimeClient, RealtimeEvent,
} from './types';

export type {
    ConnectionState, LatestEvent, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, LiveStatus,
    RealtimeClient, RealtimeEvent,
} from './types';
export { liveQueryStats } from './stats';
export { infiniteListSource, initialInfiniteList, type InfiniteListQuery, type InfiniteListValue } from './infiniteList';

/** Callbacks of `subscribeEvents`. */
export interface EventHandlers<T> {
    next(event: RealtimeEvent<T>): void;
    /** The topic could not be subscribed (the connection could not open, the server refused it). */
    error?(error: ClientResponseError): void;
    /** The server accepted the topic: events flow from now on. */
    active?(): void;
}

/**
 * Listens to a realtime topic (`'posts'`, `'posts/RECORD_ID'`) on the client's one connection;
 * returns the remover (the last remover of a topic removes it server-side).
 *
 * @example
 * const stop = subscribeEvents<Post>(pb, 'posts', { next: ({ action, record }) => log(action, record.title) });
 * stop();
 */
export function subscribeEvents<T>(pb: RealtimeClient, topic: string, handlers: EventHandlers<T>): () => void {
    try {
        return pb.realtime.listen(topic, (message) => handlers.next(message as unknown as RealtimeEvent<T>), {
            onActive: () => handlers.active?.(),
            onError: (error) => handlers.error?.(error),
        });
    } catch (err) {
        // An invalid topic: reported like a refused one, never thrown at a store's subscriber.
        handlers.error?.(new ClientResponseError(err));
        return () => {};
    }
}

/**
 * The connection state now and at every change (subscribing opens nothing).
 *
 * @example
 * const stop = connectionStateSource(pb).subscribe((state) => render(state)); // 'closed' first
 */
export function connectionStateSource(pb: RealtimeClient): Subscribable<ConnectionState> {
    return {
        subscribe(listener) {
            listener(pb.realtime.state);
            return pb.realtime.onStateChange(listener);
        },
    };
}

/** The value every live list starts with (nothing fetched yet). */
export function initialLiveList<T>(query: LiveListQuery = {}): LiveListValue<T> {
    const windowed = query.page !== undefined || query.perPage !== undefined;
    return {
        items: [], totalItems: 0, page: 1, perPage: windowed ? query.perPage ?? 30 : null, totalPages: 0,
        loading: true, fetching: false, stale: true, error: null, updatedAt: 0, pending: {},
    };
}

/** The value every live record starts with. */
export function initialLiveRecord<T>(): LiveRecordValue<T> {
    return { record: null, loading: true, fetching: false, stale: true, error: null, updatedAt: 0, pending: {} };
}

/** After the token expired, the previous identity's value stays shown until the new one has data. */
function keepWhileLoading<V extends LiveStatus>(previous: V, next: V): V | null {
    return next.loading ? previous : null;
}

/**
 * A live list as a cached source of `LiveListValue`: identical live lists of one client (and
 * identity) share one entry — one topic listener, one fetch, one value — which outlives a mount
 * for `gcTime` (the rx and nano entry points wrap this).
 *
 * @example
 * const stop = liveListSource<Post>(pb, 'posts', { sort: '-created' }).subscribe(({ items }) => render(items));
 */
export function liveListSource<T>(pb: RealtimeClient, collection: string, query: LiveListQuery = {}, options?: CacheOptions): CacheSource<LiveListValue<T>> {
    return cacheSource<LiveListValue<T>>(pb, {
        meta: { kind: 'liveList', collection, params: query },
        options,
        initial: () => initialLiveList<T>(query),
        create: (context) => liveBehaviour(context, pb, collection, liveListModel<T>(pb, collection, query)),
        placeholder: keepWhileLoading,
    });
}

/**
 * A live record as a cached source of `LiveRecordValue` (shared like `liveListSource`).
 *
 * @example
 * const stop = liveRecordSource<Post>(pb, 'posts', id).subscribe(({ record }) => render(record));
 */
export function liveRecordSource<T>(pb: RealtimeClient, collection: string, id: string, query: LiveRecordQuery = {}, options?: CacheOptions): CacheSource<LiveRecordValue<T>> {
    return cacheSource<LiveRecordValue<T>>(pb, {
        meta: { kind: 'liveRecord', collection, id, params: query },
        options,
        initial: () => initialLiveRecord<T>(),
        create: (context) => liveBehaviour(context, pb, `${collection}/${id}`, liveRecordModel<T>(pb, collection, id, query)),
        placeholder: keepWhileLoading,
    });
}

/** How many live values of this client have subscribers (for leak checks). */
export function runningLiveValues(pb: RealtimeClient): number {
    const live = (kind: string) => kind.startsWith('live') || kind === 'infiniteList';
    return cacheOf(pb).list().filter((entry) => live(entry.meta.kind) && entry.listenerCount > 0).length;
}

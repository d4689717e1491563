// Framework-free core of the realtime stores; rx/live.ts and nano/live.ts wrap it.
import { ClientResponseError } from '../../core/errors';
import type { Subscribable } from '../core/subscribable';
import { stableKey } from '../query/key';
import { liveListModel } from './liveList';
import { liveRecordModel } from './liveRecord';
import { liveSource } from './liveSource';
import { sharedByKey } from './registry';
import type {
    ConnectionState, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, RealtimeClient, RealtimeEvent,
} from './types';

export type {
    ConnectionState, LatestEvent, LiveListQuery, LiveListValue, LiveRecordQuery, LiveRecordValue, LiveStatus,
    RealtimeClient, RealtimeEvent,
} from './types';
export { liveQueryStats } from './stats';
export { runningLiveValues } from './registry';

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
        loading: true, stale: true, error: null,
    };
}

/** The value every live record starts with. */
export function initialLiveRecord<T>(): LiveRecordValue<T> {
    return { record: null, loading: true, stale: true, error: null };
}

/**
 * A live list as a `Subscribable` of `LiveListValue`: identical live lists of one client share
 * one topic listener and one fetch (the rx and nano entry points wrap this).
 *
 * @example
 * const stop = liveListSource<Post>(pb, 'posts', { sort: '-created' }).subscribe(({ items }) => render(items));
 */
export function liveListSource<T>(pb: RealtimeClient, collection: string, query: LiveListQuery = {}): Subscribable<LiveListValue<T>> {
    return sharedByKey(pb, stableKey(['list', collection, query]), () => liveSource(pb, collection, () => liveListModel<T>(pb, collection, query)));
}

/**
 * A live record as a `Subscribable` of `LiveRecordValue` (shared like `liveListSource`).
 *
 * @example
 * const stop = liveRecordSource<Post>(pb, 'posts', id).subscribe(({ record }) => render(record));
 */
export function liveRecordSource<T>(pb: RealtimeClient, collection: string, id: string, query: LiveRecordQuery = {}): Subscribable<LiveRecordValue<T>> {
    return sharedByKey(pb, stableKey(['record', collection, id, query]), () => liveSource(pb, `${collection}/${id}`, () => liveRecordModel<T>(pb, collection, id, query)));
}

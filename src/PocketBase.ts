import { Client, type ClientOptions } from './core/Client';
import type { AnyCollections } from './core/collections';
import type { BaseAuthStore } from './core/auth/BaseAuthStore';
import { Realtime } from './realtime/Realtime';
import type { EventSourceConstructor, RealtimeOptions } from './realtime/types';

/** Options of `PocketBase` beyond the official SDK's three positional arguments. */
export interface PocketBaseOptions extends ClientOptions {
    /**
     * The EventSource implementation for realtime. Default: the global one (browsers), else the
     * `eventsource` package, loaded on first use (Node).
     */
    EventSource?: EventSourceConstructor;
    /** Realtime tuning: connect timeout, reconnection backoff, timers. */
    realtime?: Omit<RealtimeOptions, 'EventSource'>;
}

/**
 * The PocketBase v0.7 client: the official JS SDK's API (same constructor, services, auth store,
 * auto-cancellation and hooks), stricter about failures, plus `realtime`.
 *
 * @example
 * import PocketBase from 'pocketbase-reactive';
 *
 * const pb = new PocketBase('http://127.0.0.1:8090');
 * await pb.users.authViaEmail('user@example.com', 'password123');
 * const posts = await pb.records.getList('posts', 1, 20, { sort: '-created' });
 * await pb.realtime.subscribe('posts', ({ action, record }) => console.log(action, record.id));
 *
 * // With the collection map that `npx pocketbase-reactive typegen` writes, records are typed by
 * // collection name, unknown names are errors and create/update bodies are checked:
 * import type { Collections } from './pb-types';
 * const typed = new PocketBase<Collections>('http://127.0.0.1:8090');
 * const { items } = await typed.records.getList('posts'); // items[0].title: string
 */
export class PocketBase<C = AnyCollections> extends Client<C> {
    /** Realtime subscriptions (one SSE connection per client). */
    readonly realtime: Realtime;

    constructor(baseUrl = '/', lang = 'en-US', authStore?: BaseAuthStore | null, options: PocketBaseOptions = {}) {
        super(baseUrl, lang, authStore, options);
        this.realtime = new Realtime(this, { ...options.realtime, EventSource: options.EventSource });
    }

    /** @deprecated Legacy alias for `realtime`. */
    get Realtime(): Realtime { return this.realtime; }
}

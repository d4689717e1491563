import type { Client, RecordWrite } from '../../core/Client';
import { authIdentity, identityExpiresAt } from '../../core/auth/identity';
import { Listeners } from '../../core/listeners';
import { Entry, type Behaviour, type EntryContext, type EntryMeta } from './entry';
import { stableKey } from './key';
import { resolveOptions, widenOptions, type CacheOptions, type ClientCacheOptions } from './options';
import { defaultPlatform, type CachePlatform } from './platform';

/** Why the identity changed: an auth change (sign-in, sign-out, another user) or the token's expiry. */
export type IdentityChange = 'auth' | 'expiry';

// setTimeout fires at once for delays past 2^31 - 1 ms; longer waits are re-armed.
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The one query cache of a client: every query's state under one stable key that includes the
 * identity the server sees (see `authIdentity`), so data of one identity is never served to
 * another. rx and nano read the same entries. While it holds entries it follows the client's
 * record writes (read-your-writes); while any source is mounted it follows the identity.
 */
export class QueryCache {
    private readonly entries = new Map<string, Entry<unknown>>();
    /** Data from `hydrate`, waiting for the entry of its key (kept for gcTime, like an unwatched entry). */
    private readonly hydrated = new Map<string, { data: unknown; updatedAt: number; at: number }>();
    private options: ClientCacheOptions = {};
    private unbindWrites: (() => void) | null = null;
    private identityValue = '';
    private unbindAuth: (() => void) | null = null;
    private expiryTimer: unknown = null;
    private readonly identityListeners = new Listeners<[change: IdentityChange]>({
        onActive: (active) => (active ? this.watchIdentity() : this.unwatchIdentity()),
    });
    /** Requests in flight, for `queryStats`. */
    inFlight = 0;

    constructor(readonly pb: Client) {}

    get platform(): CachePlatform {
        return this.options.platform ?? defaultPlatform;
    }

    /** Sets the client-wide defaults (merged into the earlier ones). */
    configure(options: ClientCacheOptions): void {
        this.options = { ...this.options, ...options };
    }

    /** The identity the server sees for the token the client would send now. */
    identity(): string {
        return authIdentity(this.pb.authStore.token, this.pb.authStore.model);
    }

    /** The entry of `meta` (under the current identity), created with `create` on first use. */
    entry<V>(meta: Omit<EntryMeta, 'identity'>, options: CacheOptions | undefined, initial: () => V, create: (context: EntryContext<V>) => Behaviour): Entry<V> {
        const full: EntryMeta = { ...meta, identity: this.identity() };
        const key = stableKey([full.identity, full.kind, full.collection, full.id ?? null, full.params]);
        let entry = this.entries.get(key) as Entry<V> | undefined;
        const resolved = resolveOptions(this.options, options);
        if (entry) {
            widenOptions(entry.options, resolved);
            return entry;
        }
        entry = new Entry<V>(this, key, full, initial(), resolved, create);
        this.entries.set(key, entry as Entry<unknown>);
        if (!this.unbindWrites) this.unbindWrites = this.pb.onRecordWrite((write) => this.written(write));
        const snapshot = this.hydrated.get(key);
        if (snapshot) {
            this.hydrated.delete(key);
            if (this.platform.now() - snapshot.at <= resolved.gcTime) entry.behaviour.hydrate?.(snapshot.data, snapshot.updatedAt);
        }
        return entry;
    }

    /** Forgets an entry (its gcTime passed with nobody watching). */
    drop(entry: Entry<unknown>): void {
        if (this.entries.get(entry.key) !== entry) return;
        this.entries.delete(entry.key);
        entry.dispose();
        if (this.entries.size === 0) {
            this.unbindWrites?.();
            this.unbindWrites = null;
        }
    }

    /** Every entry (a copy). */
    list(): Array<Entry<unknown>> {
        return Array.from(this.entries.values());
    }

    /** Keeps data a server rendered until the entry of `key` is created. */
    hydrate(key: string, data: unknown, updatedAt: number): void {
        const entry = this.entries.get(key);
        if (entry) {
            entry.behaviour.hydrate?.(data, updatedAt);
            return;
        }
        const waiting = this.hydrated.get(key);
        if (waiting && waiting.updatedAt > updatedAt) return; // a newer snapshot of the key waits already
        this.hydrated.set(key, { data, updatedAt, at: this.platform.now() });
    }

    /** Forgets hydrated data nobody mounted within gcTime, as an unwatched entry would be. */
    forgetExpiredHydration(): void {
        const now = this.platform.now();
        const { gcTime } = resolveOptions(this.options);
        for (const [key, snapshot] of this.hydrated) {
            if (now - snapshot.at > gcTime) this.hydrated.delete(key);
        }
    }

    /** Drops every entry and pending hydration (their work stops). */
    clear(): void {
        for (const entry of this.list()) this.drop(entry);
        this.hydrated.clear();
    }

    /** A write through this client: every entry of that collection hears of it. */
    private written(write: RecordWrite): void {
        const names = new Set([write.collection, write.record?.['@collectionName'], write.record?.['@collectionId']].filter(Boolean));
        for (const entry of this.list()) {
            if (names.has(entry.meta.collection)) entry.behaviour.written?.(write);
        }
    }

    /** Calls `listener` when the identity changes (while any is registered, the cache watches). */
    onIdentityChange(listener: (change: IdentityChange) => void): () => void {
        return this.identityListeners.add(listener);
    }

    private watchIdentity(): void {
        this.identityValue = this.identity();
        this.unbindAuth = this.pb.onAuthChange(() => this.checkIdentity('auth'));
        this.armExpiry();
    }

    private unwatchIdentity(): void {
        this.unbindAuth?.();
        this.unbindAuth = null;
        this.clearExpiry();
    }

    private checkIdentity(change: IdentityChange): void {
        this.armExpiry();
        const next = this.identity();
        if (next === this.identityValue) return;
        this.identityValue = next;
        this.identityListeners.emit(change);
    }

    private armExpiry(): void {
        this.clearExpiry();
        const at = identityExpiresAt(this.pb.authStore.token);
        if (at === null) return;
        const { platform } = this;
        const delay = at - platform.now();
        this.expiryTimer = platform.setTimeout(() => {
            this.expiryTimer = null;
            if (delay > MAX_DELAY) this.armExpiry();
            else this.checkIdentity('expiry');
        }, Math.min(MAX_DELAY, Math.max(0, delay) + 1));
    }

    private clearExpiry(): void {
        if (this.expiryTimer === null) return;
        this.platform.clearTimeout(this.expiryTimer);
        this.expiryTimer = null;
    }

    /** Counts for leak checks and diagnostics. */
    stats(): QueryStats {
        let mounted = 0;
        let listeners = 0;
        for (const entry of this.entries.values()) {
            if (entry.listenerCount > 0) mounted++;
            listeners += entry.listenerCount;
        }
        return {
            entries: this.entries.size,
            mounted,
            listeners,
            inFlight: this.inFlight,
            identityWatchers: this.identityListeners.size,
        };
    }
}

/** What `queryStats(pb)` reports; every count but `entries` is 0 once nobody listens. */
export interface QueryStats {
    /** Cached entries (watched or kept for `gcTime`). */
    entries: number;
    /** Entries with listeners. */
    mounted: number;
    /** Listeners over all entries. */
    listeners: number;
    /** Requests in flight. */
    inFlight: number;
    /** Sources following the identity. */
    identityWatchers: number;
}

const caches = new WeakMap<Client, QueryCache>();

/** The query cache of `pb` (created on first use). */
export function cacheOf(pb: Client): QueryCache {
    let cache = caches.get(pb);
    if (!cache) {
        cache = new QueryCache(pb);
        caches.set(pb, cache);
    }
    return cache;
}

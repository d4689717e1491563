import type { RecordWrite } from '../../core/Client';
import type { ClientResponseError } from '../../core/errors';
import type { Record } from '../../core/models/Record';
import type { QueryCache } from './cache';
import type { ResolvedCacheOptions } from './options';

/** What an entry is about: enough to match invalidations and writes, and to name it in snapshots. */
export interface EntryMeta {
    /** `list`, `fullList`, `one`, `liveList`, `liveRecord`, `infiniteList`. */
    readonly kind: string;
    readonly collection: string;
    /** The record id of `one` / `liveRecord`. */
    readonly id?: string;
    /** The query's parameters as given (filter, sort, page...). */
    readonly params: { readonly [name: string]: unknown };
    /** Who the server sees: `authIdentity` at the time the entry was created. */
    readonly identity: string;
}

/** What a pending optimistic write does to one record. */
export type PendingAction = 'create' | 'update' | 'delete';

/** The records with an optimistic write in flight, by id (in every value that shows records). */
export type PendingWrites = { readonly [id: string]: PendingAction };

/** An optimistic write as the entries see it. */
export interface OptimisticChange {
    readonly action: PendingAction;
    readonly id: string;
    /** For create: the body; for update: the patch; merged over the record each entry holds. */
    readonly fields: { readonly [field: string]: unknown };
    /** The collection as the caller named it. */
    readonly collection: string;
}

/** What an entry gives back for an optimistic change it shows. */
export interface OptimisticHandle {
    /** The write succeeded (the server's record already arrived through `written`). */
    done(): void;
    /** The write failed: put back exactly what the server last said about the record. */
    rollback(error: ClientResponseError): void;
}

/** Builds the record an optimistic change shows, from the one an entry holds (null: none). */
export type OptimisticRecord = (base: Record | null) => Record;

/** What an entry's behaviour sees of it. */
export interface EntryContext<V> {
    readonly value: V;
    set(value: V): void;
    /** True while someone listens. */
    readonly mounted: boolean;
    readonly options: ResolvedCacheOptions;
    readonly cache: QueryCache;
    readonly meta: EntryMeta;
}

/** The work behind one kind of entry (a fetched query, a live list...). */
export interface Behaviour {
    /** Starts the work when the first listener arrives; returns the function that stops it. */
    start(): () => void;
    /** Another listener arrived while the work runs (a fetched query revalidates stale data). */
    join?(): void;
    /** A create/update/delete through the same client touched the entry's collection. */
    written?(write: RecordWrite): void;
    /** The data may be outdated: re-fetch now if mounted, else on the next mount. */
    invalidate(): void;
    /** Sends the query again now if mounted (never joining an older request). */
    refetch(): void;
    /** The data as JSON-safe values, or undefined when there is nothing worth sending. */
    dehydrate?(): { data: unknown; updatedAt: number } | undefined;
    /** Starts from data a server rendered (decoded into models). */
    hydrate?(data: unknown, updatedAt: number): void;
    /** Shows an optimistic change at once; null when this entry cannot show it exactly. */
    optimistic?(change: OptimisticChange, record: OptimisticRecord): OptimisticHandle | null;
    /** Whether the behaviour has a request in flight (for `queryStats`). */
    readonly fetching?: boolean;
}

/**
 * One cached query: its value, its listeners and the work running while anyone listens. Kept for
 * `gcTime` after the last listener left, so a remount starts from the cached value.
 */
export class Entry<V> {
    private readonly listeners = new Set<(value: V) => void>();
    private stopWork: (() => void) | null = null;
    private gcTimer: unknown = null;
    readonly behaviour: Behaviour;

    constructor(
        readonly cache: QueryCache,
        readonly key: string,
        readonly meta: EntryMeta,
        public value: V,
        readonly options: ResolvedCacheOptions,
        create: (context: EntryContext<V>) => Behaviour,
    ) {
        const entry = this;
        this.behaviour = create({
            get value() { return entry.value; },
            set: (next) => entry.set(next),
            get mounted() { return entry.listeners.size > 0; },
            options,
            cache,
            meta,
        });
        this.scheduleGc();
    }

    /** Listeners right now (for stats and leak checks). */
    get listenerCount(): number {
        return this.listeners.size;
    }

    /** Adds a listener, which gets the current value at once; returns its remover. */
    subscribe(listener: (value: V) => void): () => void {
        // The work starts (or revalidates) first, so the listener's first value already says
        // whether a request runs; it gets the value once, either way.
        let heard = false;
        const entry = (value: V): void => {
            heard = true;
            listener(value);
        };
        this.listeners.add(entry);
        if (!this.stopWork) {
            this.cancelGc();
            this.stopWork = this.behaviour.start();
        } else {
            this.behaviour.join?.();
        }
        if (!heard && this.listeners.has(entry)) entry(this.value);
        let removed = false;
        return () => {
            if (removed) return;
            removed = true;
            this.listeners.delete(entry);
            if (this.listeners.size > 0 || !this.stopWork) return;
            const stop = this.stopWork;
            this.stopWork = null;
            stop();
            this.scheduleGc();
        };
    }

    /** Replaces the value and tells every listener (a listener removed meanwhile hears nothing). */
    set(value: V): void {
        if (Object.is(value, this.value)) return;
        this.value = value;
        for (const listener of Array.from(this.listeners)) {
            if (this.listeners.has(listener)) listener(value);
        }
    }

    /** Drops the entry `gcTime` after it became unwatched (at once for a gcTime of 0). */
    private scheduleGc(): void {
        this.cancelGc();
        const { platform } = this.cache;
        this.gcTimer = platform.setTimeout(() => {
            this.gcTimer = null;
            if (this.listeners.size === 0) this.cache.drop(this as unknown as Entry<unknown>);
        }, this.options.gcTime);
    }

    private cancelGc(): void {
        if (this.gcTimer === null) return;
        this.cache.platform.clearTimeout(this.gcTimer);
        this.gcTimer = null;
    }

    /** Stops everything the entry holds (the cache is being cleared). */
    dispose(): void {
        this.cancelGc();
        this.listeners.clear();
        const stop = this.stopWork;
        this.stopWork = null;
        stop?.();
    }
}

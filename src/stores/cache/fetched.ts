import { ClientResponseError } from '../../core/errors';
import type { Record } from '../../core/models/Record';
import type { Behaviour, EntryContext, OptimisticHandle, PendingWrites } from './entry';
import { isRetryable } from './retry';

/**
 * The state of a fetched query, in every atom and Observable of it.
 *
 * `loading` is true only while there is nothing to show yet (no data, no error); `fetching` is
 * true while any request of it runs, also a background re-fetch that keeps the data shown.
 */
export interface QueryState<T> {
    /** No data and no error yet: the first load. */
    readonly loading: boolean;
    /** A request is in flight (the first load, a retry, or a re-fetch in the background). */
    readonly fetching: boolean;
    /** The latest result, kept during re-fetches and after a failed one; undefined before the first. */
    readonly data: T | undefined;
    /** The latest failure (after its retries), or null; cleared by the next success. */
    readonly error: ClientResponseError | null;
    /** When `data` was fetched (ms since the epoch), or 0. */
    readonly updatedAt: number;
    /** Records shown with an optimistic write still in flight, by id (see `optimistic`). */
    readonly pending: PendingWrites;
}

/** The state of a query nothing is known about. */
export function initialQueryState<T>(): QueryState<T> {
    return { loading: true, fetching: false, data: undefined, error: null, updatedAt: 0, pending: {} };
}

function asClientError(err: unknown): ClientResponseError {
    return err instanceof ClientResponseError ? err : new ClientResponseError(err);
}

/** How a fetched query gets and decodes its data. */
export interface FetchedQuery<T> {
    fetch(signal: AbortSignal): Promise<T>;
    /** Turns JSON from `dehydrate` back into the models `fetch` returns. */
    decode(json: unknown): T;
    /** The record with this id in the data, if the data holds records. */
    find?(data: T, id: string): Record | undefined;
    /** The data with that record replaced (or removed: null), or null when that cannot be shown. */
    replace?(data: T, id: string, record: Record | null): T | null;
}

/**
 * The behaviour of a fetched query (`list`, `fullList`, `one`): stale-while-revalidate with
 * `staleTime`, one request at a time (concurrent subscribers share it), retries with backoff for
 * network errors and 5xx, aborted with the last listener, re-fetched on focus/online when stale
 * and after writes to its collection.
 */
export function fetchedBehaviour<T>(context: EntryContext<QueryState<T>>, query: FetchedQuery<T>): Behaviour {
    const { options, cache } = context;
    let invalidated = false;
    /** The failure of the last optimistic write, shown as `error` until a later write or fetch succeeds. */
    let writeError: ClientResponseError | null = null;
    let controller: AbortController | null = null;
    let retryTimer: unknown = null;

    const patch = (next: Partial<QueryState<T>>): void => {
        const merged = { ...context.value, ...next };
        const value: QueryState<T> = { ...merged, loading: merged.data === undefined && merged.error === null };
        const held = context.value;
        if (value.loading === held.loading && value.fetching === held.fetching && value.data === held.data
            && value.error === held.error && value.updatedAt === held.updatedAt && value.pending === held.pending) return;
        context.set(value);
    };

    const isStale = (): boolean => {
        const { data, updatedAt } = context.value;
        return invalidated || data === undefined || cache.platform.now() - updatedAt >= options.staleTime;
    };

    /** Aborts the request in flight and any retry it waits for. */
    const abort = (): void => {
        if (retryTimer !== null) {
            cache.platform.clearTimeout(retryTimer);
            retryTimer = null;
        }
        if (controller) {
            controller.abort();
            controller = null;
            cache.inFlight--;
        }
    };

    /** Sends the query; `fresh` replaces a request in flight (its answer may predate a write). */
    const run = (fresh: boolean): void => {
        if (controller && !fresh) return;
        abort();
        const current = new AbortController();
        controller = current;
        cache.inFlight++;
        patch({ fetching: true });
        let attempt = 0;
        const attemptOnce = (): void => {
            query.fetch(current.signal).then(
                (data) => {
                    if (controller !== current) return;
                    controller = null;
                    cache.inFlight--;
                    invalidated = false;
                    patch({ data, error: null, fetching: false, updatedAt: cache.platform.now() });
                },
                (err: unknown) => {
                    if (controller !== current) return;
                    const error = asClientError(err);
                    if (isRetryable(error) && attempt < options.retry) {
                        retryTimer = cache.platform.setTimeout(() => {
                            retryTimer = null;
                            if (controller === current) attemptOnce();
                        }, options.retryDelay(attempt++));
                        return;
                    }
                    controller = null;
                    cache.inFlight--;
                    patch({ error, fetching: false });
                },
            );
        };
        attemptOnce();
    };

    return {
        join() {
            if (isStale()) run(false);
        },
        start() {
            if (isStale()) run(false);
            const revalidate = (): void => {
                if (isStale()) run(false);
            };
            const offFocus = options.refetchOnFocus ? cache.platform.onFocus(revalidate) : noop;
            const offOnline = options.refetchOnReconnect ? cache.platform.onOnline(revalidate) : noop;
            return () => {
                offFocus();
                offOnline();
                abort();
                patch({ fetching: false });
            };
        },
        written() {
            this.invalidate();
        },
        optimistic(change, makeRecord): OptimisticHandle | null {
            const { data } = context.value;
            // A created record's place in a page is the server's to decide: creates show after the answer.
            if (data === undefined || change.action === 'create' || !query.find || !query.replace) return null;
            const before = query.find(data, change.id);
            if (!before) return null;
            const shown = query.replace(data, change.id, change.action === 'delete' ? null : makeRecord(before));
            if (shown === null) return null;
            const pendingWith = (on: boolean): PendingWrites => {
                const next = { ...context.value.pending };
                if (on) next[change.id] = change.action;
                else delete next[change.id];
                return next;
            };
            patch({ data: shown, pending: pendingWith(true) });
            return {
                done() {
                    // A write that succeeds after a refused one clears that refusal.
                    const cleared = writeError !== null && context.value.error === writeError ? { error: null } : {};
                    writeError = null;
                    patch({ ...cleared, pending: pendingWith(false) });
                },
                rollback(error) {
                    // Unless a fetch replaced the optimistic data meanwhile (then it is the server's word).
                    const restore = context.value.data === shown ? { data } : {};
                    writeError = error;
                    patch({ ...restore, error, pending: pendingWith(false) });
                },
            };
        },
        invalidate() {
            invalidated = true;
            if (context.mounted) run(true);
        },
        refetch() {
            if (context.mounted) run(true);
        },
        dehydrate() {
            const { data, updatedAt } = context.value;
            return data === undefined ? undefined : { data: JSON.parse(JSON.stringify(data)) as unknown, updatedAt };
        },
        hydrate(json, updatedAt) {
            patch({ data: query.decode(json), error: null, updatedAt });
        },
        get fetching() {
            return controller !== null;
        },
    };
}

function noop(): void {}

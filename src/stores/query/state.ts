import type { ClientResponseError } from '../../core/errors';
import { shared } from '../core/shared';
import type { Subscribable } from '../core/subscribable';
import { runQuery, type Query } from './requests';

/** What a query atom holds. */
export interface QueryState<T> {
    /** True until the current subscription's request has answered (also while re-fetching). */
    readonly loading: boolean;
    /** The latest result, kept while re-fetching and after a failed re-fetch; undefined before the first. */
    readonly data: T | undefined;
    /** The latest failure, or null; cleared by the next success. */
    readonly error: ClientResponseError | null;
}

/** A query's state over time, with a way to run it again. */
export interface QuerySource<T> extends Subscribable<QueryState<T>> {
    /** Sends the query again now if anyone listens (never joining an older request); no-op otherwise. */
    refetch(): void;
}

/** The state every query starts in. */
export function initialQueryState<T>(): QueryState<T> {
    return { loading: true, data: undefined, error: null };
}

/** Equal states hold the same things (used to skip notifications that change nothing). */
export function sameQueryState<T>(a: QueryState<T>, b: QueryState<T>): boolean {
    return a.loading === b.loading && a.data === b.data && a.error === b.error;
}

/**
 * Runs a query while someone listens and reports `{ loading, data, error }`: the first listener
 * sends the request (stale data from an earlier run is kept, with `loading: true`), the last one
 * leaving aborts it. Errors are values here, never rejections.
 */
export function querySource<T>(query: Query<T>): QuerySource<T> {
    let state = initialQueryState<T>();
    let emit: ((next: QueryState<T>) => void) | null = null;
    let leave: (() => void) | null = null;

    const set = (next: QueryState<T>): void => {
        if (sameQueryState(state, next)) return;
        state = next;
        emit?.(next);
    };
    const start = (fresh: boolean): void => {
        leave?.();
        leave = null;
        set({ loading: true, data: state.data, error: state.error });
        let settled = false;
        const remove = runQuery(query, (outcome) => {
            settled = true;
            if (leave === remove) leave = null;
            remove();
            set(outcome.ok
                ? { loading: false, data: outcome.value, error: null }
                : { loading: false, data: state.data, error: outcome.error });
        }, fresh);
        if (!settled) leave = remove;
    };

    const source = shared<QueryState<T>>((push) => {
        emit = push;
        push(state);
        start(false);
        return () => {
            emit = null;
            leave?.();
            leave = null;
        };
    });

    return {
        subscribe: (listener) => source.subscribe(listener),
        refetch: () => {
            if (emit) start(true);
        },
    };
}

import type { Client } from '../../core/Client';
import { ClientResponseError } from '../../core/errors';
import { shared, type Shared } from '../core/shared';

/** What one request ended with. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClientResponseError };

/** A request the reactive layer can run: `key` names it (equal keys share one request). */
export interface Query<T> {
    readonly pb: Client;
    /** Read once per run: it may depend on the auth state at that moment. */
    readonly key: string;
    run(signal: AbortSignal): Promise<T>;
}

interface Registry {
    readonly entries: Map<string, Shared<Outcome<unknown>>>;
    inFlight: number;
}

const registries = new WeakMap<Client, Registry>();

function registryOf(pb: Client): Registry {
    let registry = registries.get(pb);
    if (!registry) {
        registry = { entries: new Map(), inFlight: 0 };
        registries.set(pb, registry);
    }
    return registry;
}

/**
 * Runs a query for one listener, sharing the request with every concurrent listener of the same
 * key; `listener` gets the one outcome. The returned remover leaves; when the last listener of an
 * unfinished request leaves, its AbortController aborts it. A settled request is forgotten at
 * once, so the next listener starts a new one (nothing is cached). `fresh` does not join a
 * request already in flight (a re-fetch after a mutation must not get an older answer).
 */
export function runQuery<T>(query: Query<T>, listener: (outcome: Outcome<T>) => void, fresh = false): () => void {
    const registry = registryOf(query.pb);
    const { entries } = registry;
    const key = query.key;
    let entry = fresh ? undefined : entries.get(key);
    if (!entry) {
        const created: Shared<Outcome<unknown>> = shared<Outcome<unknown>>((emit) => {
            const controller = new AbortController();
            let settled = false;
            const settle = (outcome: Outcome<unknown>): void => {
                if (settled) return;
                settled = true;
                registry.inFlight--;
                if (entries.get(key) === created) entries.delete(key);
                emit(outcome);
            };
            registry.inFlight++;
            query.run(controller.signal).then(
                (value) => settle({ ok: true, value }),
                (error: unknown) => settle({ ok: false, error: error instanceof ClientResponseError ? error : new ClientResponseError(error) }),
            );
            return () => {
                if (settled) return;
                settled = true;
                registry.inFlight--;
                controller.abort();
            };
        }, {
            onIdle: () => { if (entries.get(key) === created) entries.delete(key); },
        });
        entries.set(key, created);
        entry = created;
    }
    return entry.subscribe(listener as (outcome: Outcome<unknown>) => void);
}

/**
 * Diagnostics for leak checks: requests the reactive queries of `pb` have in flight, and keys
 * being shared. Both are 0 once every subscriber has left.
 */
export function queryStats(pb: Client): { inFlight: number; keys: number } {
    const registry = registries.get(pb);
    return { inFlight: registry?.inFlight ?? 0, keys: registry?.entries.size ?? 0 };
}

import type { Client } from '../../core/Client';
import type { Subscribable } from '../core/subscribable';
import { cacheOf } from './cache';
import type { Behaviour, EntryContext, EntryMeta } from './entry';
import type { CacheOptions } from './options';

/** A cached query as the rx and nano adapters see it. */
export interface CacheSource<V> extends Subscribable<V> {
    /** Sends the query again now if anyone listens (never joining an older request). */
    refetch(): void;
    /** The value cached for the current identity, without subscribing (hydrated data included). */
    peek(): V;
}

/** What a cached query is: its entry's description, first value and behaviour. */
export interface QuerySpec<V> {
    readonly meta: Omit<EntryMeta, 'identity'>;
    readonly options?: CacheOptions;
    initial(): V;
    create(context: EntryContext<V>): Behaviour;
    /**
     * While the entry of a new identity has nothing to show, what to show instead of `next` when
     * the identity changed only because the token expired (the data stays until the answer);
     * null when `next` can be shown.
     */
    placeholder?(previous: V, next: V): V | null;
}

/**
 * The query of `spec` under the identity the server sees now, following it: after sign-in,
 * sign-out or a switch of user the subscriber moves at once to the entry of the new identity
 * (no data of the previous one is shown); when the token merely expires, the previous value is
 * shown until the new identity's first answer.
 */
export function cacheSource<V>(pb: Client, spec: QuerySpec<V>): CacheSource<V> {
    const cache = cacheOf(pb);
    const current = () => cache.entry(spec.meta, spec.options, () => spec.initial(), (context) => spec.create(context));
    return {
        subscribe(listener) {
            let entry = current();
            let previous: { value: V } | null = null;
            const deliver = (value: V): void => {
                if (previous) {
                    const shown = spec.placeholder?.(previous.value, value) ?? null;
                    if (shown !== null) {
                        listener(shown);
                        return;
                    }
                    previous = null;
                }
                listener(value);
            };
            let leave = entry.subscribe(deliver);
            const offIdentity = cache.onIdentityChange((change) => {
                const next = current();
                if (next === entry) return;
                previous = change === 'expiry' ? { value: entry.value } : null;
                entry = next;
                const leaveOld = leave;
                // Join the new entry first: a realtime topic both share is kept, not removed and re-added.
                leave = next.subscribe(deliver);
                leaveOld();
            });
            return () => {
                offIdentity();
                leave();
            };
        },
        refetch() {
            current().behaviour.refetch();
        },
        peek() {
            return current().value;
        },
    };
}

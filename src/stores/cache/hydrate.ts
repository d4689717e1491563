import type { Client } from '../../core/Client';
import { authIdentity } from '../../core/auth/identity';
import { isRecord } from '../../core/normalize';
import { cacheOf } from './cache';
import type { Entry } from './entry';

/** One cached query in a snapshot. */
export interface DehydratedQuery {
    /** The entry's key (identity, kind, collection, id, parameters). */
    key: string;
    data: unknown;
    updatedAt: number;
}

/** What `dehydrate` returns: JSON-safe (send it with the page), no token unless asked for. */
export interface DehydratedState {
    version: 1;
    queries: DehydratedQuery[];
    /** The auth state, only with `dehydrate(pb, { auth: true })`. */
    auth?: { token: string; model: unknown };
}

/** Options of `dehydrate`. */
export interface DehydrateOptions {
    /** Include the token and model (default false: the page's own auth store or cookie carries them). */
    auth?: boolean;
}

/**
 * A JSON-safe snapshot of the data `pb`'s cached queries hold, for server rendering: run the
 * page's queries to completion on the server (`await load($posts)`, `firstValueFrom(list(...))`),
 * then embed `dehydrate(pb)` in the page; on the client `hydrate(pb, snapshot)` makes the same
 * queries start with that data (`loading: false`), live ones reconciling in the background.
 *
 * Only the queries of the identity the client has now are included: data a client fetched
 * before a sign-out or a switch of user never reaches a page made for someone else.
 *
 * @example
 * const snapshot = dehydrate(pb);
 * html += `<script>window.__PB__ = ${JSON.stringify(snapshot).replace(/</g, '\\u003c')}</script>`;
 */
export function dehydrate(pb: Client, options: DehydrateOptions = {}): DehydratedState {
    const cache = cacheOf(pb);
    const identity = cache.identity();
    const queries: DehydratedQuery[] = [];
    for (const entry of cache.list()) {
        if (entry.meta.identity !== identity) continue;
        const dehydrated = entry.behaviour.dehydrate?.();
        if (dehydrated) queries.push({ key: entry.key, data: dehydrated.data, updatedAt: dehydrated.updatedAt });
    }
    const state: DehydratedState = { version: 1, queries };
    if (options.auth) {
        const { token, model } = pb.authStore;
        state.auth = { token, model: model == null ? null : JSON.parse(JSON.stringify(model)) as unknown };
    }
    return state;
}

/** A list of records as values hold them: objects with distinct, non-empty string ids. */
function records(value: unknown): boolean {
    if (!Array.isArray(value)) return false;
    const ids = new Set<string>();
    for (const item of value) {
        if (!isRecord(item) || typeof item.id !== 'string' || !item.id || ids.has(item.id)) return false;
        ids.add(item.id);
    }
    return true;
}

const oneRecord = (value: unknown): boolean => records([value]);

/** Whether `data` has the shape the entries of `kind` dehydrate (unknown kinds decide for themselves). */
function usable(kind: unknown, data: unknown): boolean {
    switch (kind) {
        case 'list':
        case 'liveList':
            return isRecord(data) && records(data.items);
        case 'fullList':
            return records(data);
        case 'one':
            return oneRecord(data);
        case 'liveRecord':
            return isRecord(data) && (data.record === null || oneRecord(data.record));
        case 'infiniteList':
            return isRecord(data) && isRecord(data.list) && records(data.list.items);
        default:
            return true;
    }
}

/** The kind named in a cache key (`[identity, kind, collection, id, params]`), or undefined when it is not one. */
function kindOf(key: string): unknown {
    try {
        const parsed: unknown = JSON.parse(key);
        return Array.isArray(parsed) && parsed.length === 5 && typeof parsed[0] === 'string' ? parsed[1] : undefined;
    } catch {
        return undefined;
    }
}

/**
 * Loads a `dehydrate` snapshot into `pb`'s cache: each query starts with its data when first used
 * under the same identity (a snapshot made for another user is never shown). A snapshot with
 * `auth` also signs the client in with it (only a token the server would accept: an unexpired
 * one with an id). Data a query already holds is kept when it is as new as the snapshot's, or
 * when the query is mounted (it keeps itself current); malformed input is ignored, never thrown.
 *
 * @example
 * hydrate(pb, window.__PB__);
 * const $posts = liveListAtom(pb, 'posts'); // has the server's items at once
 */
export function hydrate(pb: Client, snapshot: unknown): void {
    if (!isRecord(snapshot)) return;
    const { queries, auth } = snapshot as Partial<DehydratedState>;
    if (isRecord(auth) && typeof auth.token === 'string' && authIdentity(auth.token, auth.model) !== ''
        && (auth.token !== pb.authStore.token || !pb.authStore.model)) {
        pb.authStore.save(auth.token, isRecord(auth.model) ? auth.model : null);
    }
    if (!Array.isArray(queries)) return;
    const cache = cacheOf(pb);
    cache.forgetExpiredHydration();
    const now = cache.platform.now();
    const entries = new Map<string, Entry<unknown>>();
    for (const entry of cache.list()) entries.set(entry.key, entry);
    // The newest data of each key (a snapshot may repeat one).
    const newest = new Map<string, { data: unknown; updatedAt: number }>();
    for (const query of queries as unknown[]) {
        if (!isRecord(query) || typeof query.key !== 'string' || query.data === undefined) continue;
        if (!usable(kindOf(query.key), query.data)) continue;
        // Data is never from the future: a server clock ahead of the client's must not extend staleTime.
        const updatedAt = typeof query.updatedAt === 'number' && Number.isFinite(query.updatedAt) ? Math.min(Math.max(0, query.updatedAt), now) : 0;
        const held = newest.get(query.key);
        if (!held || updatedAt > held.updatedAt) newest.set(query.key, { data: query.data, updatedAt });
    }
    for (const [key, { data, updatedAt }] of newest) {
        const entry = entries.get(key);
        if (entry) {
            const current = entry.behaviour.dehydrate?.();
            // A mounted query keeps itself current; held data as new as the snapshot's stays.
            if (current && (entry.listenerCount > 0 || current.updatedAt >= updatedAt)) continue;
        }
        cache.hydrate(key, data, updatedAt);
    }
}

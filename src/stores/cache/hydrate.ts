import type { Client } from '../../core/Client';
import type { AuthModel } from '../../core/auth/index';
import { cacheOf } from './cache';

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
 * @example
 * const snapshot = dehydrate(pb);
 * html += `<script>window.__PB__ = ${JSON.stringify(snapshot).replace(/</g, '\\u003c')}</script>`;
 */
export function dehydrate(pb: Client, options: DehydrateOptions = {}): DehydratedState {
    const queries: DehydratedQuery[] = [];
    for (const entry of cacheOf(pb).list()) {
        const dehydrated = entry.behaviour.dehydrate?.();
        if (dehydrated) queries.push({ key: entry.key, data: dehydrated.data, updatedAt: dehydrated.updatedAt });
    }
    const state: DehydratedState = { version: 1, queries };
    if (options.auth) state.auth = { token: pb.authStore.token, model: JSON.parse(JSON.stringify(pb.authStore.model)) as unknown };
    return state;
}

/**
 * Loads a `dehydrate` snapshot into `pb`'s cache: each query starts with its data when first used
 * under the same identity (a snapshot made for another user is never shown). A snapshot with
 * `auth` also signs the client in with it. Malformed input is ignored, never thrown.
 *
 * @example
 * hydrate(pb, window.__PB__);
 * const $posts = liveListAtom(pb, 'posts'); // has the server's items at once
 */
export function hydrate(pb: Client, snapshot: unknown): void {
    if (!snapshot || typeof snapshot !== 'object') return;
    const { queries, auth } = snapshot as Partial<DehydratedState>;
    if (auth && typeof auth.token === 'string') pb.authStore.save(auth.token, auth.model as AuthModel);
    if (!Array.isArray(queries)) return;
    const cache = cacheOf(pb);
    for (const query of queries) {
        if (!query || typeof query.key !== 'string' || query.data === undefined) continue;
        cache.hydrate(query.key, query.data, typeof query.updatedAt === 'number' ? query.updatedAt : 0);
    }
}

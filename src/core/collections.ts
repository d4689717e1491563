// Type-level only: how a client's collection map (`new PocketBase<Collections>(url)`) types the
// records API and the stores. Without a map (the default) everything is typed as before: any
// collection name, and fields `unknown` unless the call gives its record type (`getList<Post>`).
import type { BodyParams } from './services/types';

/**
 * A client's collection map when none is given: any collection name, no field types. A map is
 * an interface of collection name → record fields, like the `Collections` that
 * `npx pocketbase-reactive typegen` writes.
 */
export type AnyCollections = any;

/** The collection names a client accepts: its map's names, or any string without a map. */
export type CollectionName<C> = string extends keyof C ? string : Extract<keyof C, string>;

/** A client's realtime topics: a collection (`'posts'`) or one of its records (`'posts/RECORD_ID'`). */
export type CollectionTopic<C> = CollectionName<C> | `${CollectionName<C>}/${string}`;

/** The collection of a topic: `'posts/RECORD_ID'` → `'posts'`. */
export type TopicCollection<Topic extends string> = Topic extends `${infer N}/${string}` ? N : Topic;

// Decided on C first, so that without a map the result is T itself, also for a generic T.
type Mapped<C> = string extends keyof C ? false : true;
// Exactly `{}`: the record type argument was left out.
type Omitted<T> = (<G>() => G extends T ? 1 : 2) extends (<G>() => G extends {} ? 1 : 2) ? true : false;

/**
 * The fields of the records a call resolves to: with a map and no type argument, collection
 * `N`'s type with every field present (PocketBase v0.7 sends every field of the schema, an empty
 * one as '', 0, false, [] or null); else the call's `T` (`{}` by default: every field `unknown`).
 */
export type RecordFields<C, N, T> = Mapped<C> extends true
    ? Omitted<T> extends true ? (N extends keyof C ? Required<C[N]> : {}) : T
    : T;

/** Set by the server, never part of a body. */
type SystemKey = 'id' | 'created' | 'updated' | '@collectionId' | '@collectionName' | '@expand';
type Writable<T> = T extends unknown ? Omit<T, SystemKey> : never;

/**
 * The body of `create`: with a map and no type argument, collection `N`'s fields (the required
 * ones required) and an optional custom `id` (15 characters), or `FormData`; else any body.
 */
export type CreateBody<C, N, T> = Mapped<C> extends true
    ? Omitted<T> extends true ? (N extends keyof C ? Writable<C[N]> & { id?: string } : never) | FormData : BodyParams
    : BodyParams;

/** The body of `update`: like `CreateBody`, with every field optional. */
export type UpdateBody<C, N, T> = Mapped<C> extends true
    ? Omitted<T> extends true ? (N extends keyof C ? Partial<Writable<C[N]>> : never) | FormData : BodyParams
    : BodyParams;

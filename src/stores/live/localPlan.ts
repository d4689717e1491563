// Whether a live list can evaluate its `filter` and `sort` on the client exactly as the server
// does, and the helpers that do it. Anything the client cannot see (relation paths, @request.*,
// @collection.*, @now) makes the list fall back to a re-fetch.
import {
    compareBy, evaluateFilter, filterIdentifiers, parseFilter, parseSort, storedValue,
    type FilterGroup, type FilterNode, type FilterValue, type SortField,
} from '../../core/filter/index';

/** Thrown (and caught by the list reducer) when an event cannot be evaluated locally. */
export class NotLocal extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = 'NotLocal';
    }
}

/** What a live list knows about evaluating its query locally. */
export interface LocalPlan {
    /** The parsed filter, or null for "no filter". */
    readonly filter: FilterNode | null;
    /** The sort keys (empty: the server's scan order). */
    readonly sort: readonly SortField[];
    /**
     * True when a created record is known to come last: no sort and a filter that touches
     * neither `id` nor `created` (the two indexed columns of a v0.7 records table), so SQLite
     * scans in rowid order and a new row has the largest rowid.
     */
    readonly createsAppend: boolean;
}

// A column of the record itself: no relation path, no @request/@collection, no `@now`.
const PLAIN_FIELD = /^\w+$/;

function usesNow(group: FilterGroup): boolean {
    return group.items.some(({ node }) => node.kind === 'group'
        ? usesNow(node)
        : [node.left, node.right].some((t) => t.type === 'identifier' && t.literal === '@now'));
}

/**
 * The local plan of a query, or null when its filter or sort cannot be evaluated on the client
 * (then every change that is not a plain removal is a re-fetch).
 *
 * @example
 * planLocal({ filter: 'published = true', sort: '-created' }) // { filter: ..., sort: [{ field: 'created', desc: true }], createsAppend: false }
 * planLocal({ filter: 'author.name = "x"' }) // null
 */
export function planLocal(query: { filter?: string | undefined; sort?: string | undefined }): LocalPlan | null {
    let filter: FilterNode | null = null;
    const fields = new Set<string>();
    try {
        if (query.filter) {
            filter = parseFilter(query.filter);
            // `@now` moves with the clock: a record can start or stop matching without any event.
            if (usesNow(filter)) return null;
            for (const id of filterIdentifiers(filter)) fields.add(id);
        }
    } catch {
        return null; // the server answers 400; the fetch reports it
    }
    const sort = query.sort ? parseSort(query.sort) : [];
    for (const { field } of sort) fields.add(field);
    for (const field of fields) if (!PLAIN_FIELD.test(field)) return null;
    return { filter, sort, createsAppend: sort.length === 0 && !fields.has('id') && !fields.has('created') };
}

/**
 * A record field as its SQL column holds it, for the evaluator: scalars as they are, arrays and
 * objects (multi-value select/relation/file/user fields) as the Go JSON text PocketBase stores.
 * Undefined for a field the record does not carry (the evaluator then tries the literals
 * `null`/`true`/`false`, or fails, which means a re-fetch).
 */
function columnValue(record: { readonly [key: string]: unknown }, field: string): FilterValue | undefined {
    const value = record[field];
    return value === undefined ? undefined : storedValue(value);
}

/**
 * Whether `record` matches the plan's filter.
 *
 * @throws {NotLocal} when a field the filter needs is missing or not a scalar
 */
export function matchesFilter(plan: LocalPlan, record: { readonly [key: string]: unknown }): boolean {
    if (!plan.filter) return true;
    try {
        return evaluateFilter(plan.filter, (id) => columnValue(record, id));
    } catch (err) {
        if (err instanceof NotLocal) throw err;
        throw new NotLocal(String(err));
    }
}

/** The values of a record's sort fields, as their columns hold them. */
export type SortKey = readonly FilterValue[];

/** The record's sort key, or null when it lacks one of the sort fields. */
export function sortKey(plan: LocalPlan, record: { readonly [key: string]: unknown }): SortKey | null {
    const key: FilterValue[] = [];
    for (const { field } of plan.sort) {
        const value = columnValue(record, field);
        if (value === undefined) return null;
        key.push(value);
    }
    return key;
}

const comparators = new WeakMap<LocalPlan, (a: SortKey | null, b: SortKey | null) => number>();

/**
 * A comparator of sort keys with SQLite ORDER BY semantics (0 for equal keys). Keys are computed
 * once per record, so a binary search costs O(log n) cheap comparisons.
 *
 * @throws {NotLocal} (from the comparator) for a null key (a record without a sort field)
 */
export function keyComparator(plan: LocalPlan): (a: SortKey | null, b: SortKey | null) => number {
    let compare = comparators.get(plan);
    if (!compare) {
        // Keys are arrays: field i of the sort is element i.
        const byIndex = compareBy<SortKey>(plan.sort.map(({ desc }, i) => ({ field: String(i), desc })), (key, i) => key[Number(i)]);
        compare = (a, b) => {
            if (!a || !b) throw new NotLocal('a record lacks a sort field');
            return byIndex(a, b);
        };
        comparators.set(plan, compare);
    }
    return compare;
}

// Whether a live list can evaluate its `filter` and `sort` on the client exactly as the server
// does, and the helpers that do it. Anything the client cannot see (relation paths, @request.*,
// @collection.*, @now) makes the list fall back to a re-fetch, and so does a record whose values
// do not tell what the server stored when that changes the answer (a json field holding null).
import {
    compareBy, evaluateFilter, filterIdentifiers, goJson, isLiteralIdentifier, parseFilter, parseSort, storedValue,
    type FilterGroup, type FilterNode, type FilterValue, type SortField, type StoredJson,
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
    /** The record fields the filter reads (the words null/true/false too: a field may have that name). */
    readonly filterFields: readonly string[];
    /** Whether the filter uses `~`/`!~`, the only operators that see a number's text form. */
    readonly likes: boolean;
}

// A column of the record itself: no relation path, no @request/@collection, no `@now`.
const PLAIN_FIELD = /^\w+$/;

function usesNow(group: FilterGroup): boolean {
    return group.items.some(({ node }) => node.kind === 'group'
        ? usesNow(node)
        : [node.left, node.right].some((t) => t.type === 'identifier' && t.literal === '@now'));
}

function usesLike(group: FilterGroup): boolean {
    return group.items.some(({ node }) => node.kind === 'group' ? usesLike(node) : node.op === '~' || node.op === '!~');
}

function literalWords(group: FilterGroup, into: Set<string>): Set<string> {
    for (const { node } of group.items) {
        if (node.kind === 'group') literalWords(node, into);
        else for (const t of [node.left, node.right]) if (t.type === 'identifier' && isLiteralIdentifier(t.literal)) into.add(t.literal);
    }
    return into;
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
    let filterFields: string[] = [];
    try {
        if (query.filter) {
            filter = parseFilter(query.filter);
            // `@now` moves with the clock: a record can start or stop matching without any event.
            if (usesNow(filter)) return null;
            for (const id of filterIdentifiers(filter)) fields.add(id);
            filterFields = [...fields, ...literalWords(filter, new Set())];
        }
    } catch {
        return null; // the server answers 400; the fetch reports it
    }
    const sort = query.sort ? parseSort(query.sort) : [];
    for (const { field } of sort) fields.add(field);
    for (const field of fields) if (!PLAIN_FIELD.test(field)) return null;
    return {
        filter,
        sort,
        createsAppend: sort.length === 0 && !fields.has('id') && !fields.has('created'),
        filterFields,
        likes: filter !== null && usesLike(filter),
    };
}

/** The possible column values of one API value; the first is the likely one. */
type Candidates = readonly FilterValue[];

// A json field holding the text `null` (sent as the string "null") and an empty json field
// (SQL NULL) both come back as null from the API.
const JSON_NULL_TEXT: StoredJson = { json: 'null' };
const SQL_NULL: Candidates = [null, JSON_NULL_TEXT];
// More combinations than this are not evaluated one by one: the list re-fetches instead.
const MAX_COMBINATIONS = 64;

/**
 * What the column may hold for a field value as the API returns it. Only a json field is ever
 * null in a v0.7 record, and its column may be NULL or the text `null`. A number is a number
 * field (REAL) or a json number (`1` is stored as the INTEGER 1): in a filter they differ in
 * their text form (`1.0` against `1`, seen only by LIKE, so only when `likes`) and, beyond 2^53,
 * in value (json keeps the shortest digits: 2^62 is 4611686018427388000); ORDER BY ranks them
 * alike (a field has one type, and the shortest digits keep the order of the numbers), so a sort
 * key (`likes` null) takes a number as it is. Strings and booleans are taken as text and bool
 * fields (a json field holding one is a known limit: only the schema tells). Arrays of strings
 * (multi-value fields) and other arrays and objects (json) are their Go JSON text.
 */
function candidates(record: { readonly [key: string]: unknown }, field: string, likes: boolean | null): Candidates | undefined {
    // Own fields only: the Record class's methods (load, clone, export…) are no columns.
    const value = Object.prototype.hasOwnProperty.call(record, field) ? record[field] : undefined;
    if (value === undefined) return undefined;
    if (value === null) return SQL_NULL;
    if (likes !== null && typeof value === 'number' && Number.isInteger(value) && (likes || Math.abs(value) >= 2 ** 53)) {
        return [value, { json: goJson(value) }];
    }
    return [storedValue(value)];
}

/**
 * Whether `record` matches the plan's filter. When the record's values leave the stored values
 * open (a json null), every possibility is evaluated and they must agree.
 *
 * @throws {NotLocal} when a field the filter needs is missing, or the answer depends on what
 *   the API value cannot tell
 */
export function matchesFilter(plan: LocalPlan, record: { readonly [key: string]: unknown }): boolean {
    if (!plan.filter) return true;
    const filter = plan.filter;
    const options = new Map<string, Candidates | undefined>();
    let combinations = 1;
    for (const field of plan.filterFields) {
        const list = candidates(record, field, plan.likes);
        options.set(field, list);
        combinations *= list?.length ?? 1;
    }
    if (combinations > MAX_COMBINATIONS) throw new NotLocal('too many possible stored values');
    const open = [...options].filter((entry): entry is [string, Candidates] => (entry[1]?.length ?? 1) > 1);
    const evaluate = (chosen: ReadonlyMap<string, FilterValue>): boolean => {
        try {
            return evaluateFilter(filter, (id) => (chosen.has(id) ? chosen.get(id) : options.get(id)?.[0]));
        } catch (err) {
            throw new NotLocal(String(err));
        }
    };
    const first = evaluate(new Map());
    // Every other combination of the open fields' values (index 0 of each is the one above).
    for (let n = 1; n < combinations; n++) {
        const chosen = new Map<string, FilterValue>();
        let rest = n;
        for (const [field, list] of open) {
            chosen.set(field, list[rest % list.length] as FilterValue);
            rest = Math.floor(rest / list.length);
        }
        if (evaluate(chosen) !== first) throw new NotLocal('the record does not tell what the server stored');
    }
    return first;
}

/** The possible column values of a record's sort fields (one list per sort field). */
export type SortKey = readonly Candidates[];

/** The record's sort key, or null when it lacks one of the sort fields. */
export function sortKey(plan: LocalPlan, record: { readonly [key: string]: unknown }): SortKey | null {
    const key: Candidates[] = [];
    for (const { field } of plan.sort) {
        const list = candidates(record, field, null);
        if (list === undefined) return null;
        key.push(list);
    }
    return key;
}

const comparators = new WeakMap<LocalPlan, (a: SortKey | null, b: SortKey | null) => number>();
const ascending = compareBy<FilterValue>([{ field: '', desc: false }], (v) => v);

/**
 * A comparator of sort keys with SQLite ORDER BY semantics (0 for equal keys). Keys are computed
 * once per record, so a binary search costs O(log n) cheap comparisons.
 *
 * @throws {NotLocal} (from the comparator) for a null key (a record without a sort field), or
 *   when the order depends on what the API values cannot tell (a json null against a text)
 */
export function keyComparator(plan: LocalPlan): (a: SortKey | null, b: SortKey | null) => number {
    let compare = comparators.get(plan);
    if (!compare) {
        const sort = plan.sort;
        compare = (a, b) => {
            if (!a || !b) throw new NotLocal('a record lacks a sort field');
            for (let i = 0; i < sort.length; i++) {
                const xs = a[i] as Candidates;
                const ys = b[i] as Candidates;
                const c = ascending(xs[0] as FilterValue, ys[0] as FilterValue);
                if (xs.length > 1 || ys.length > 1) {
                    for (const x of xs) {
                        for (const y of ys) {
                            if (ascending(x, y) !== c) throw new NotLocal('the order depends on what the server stored');
                        }
                    }
                }
                if (c !== 0) return sort[i]!.desc ? -c : c;
            }
            return 0;
        };
        comparators.set(plan, compare);
    }
    return compare;
}

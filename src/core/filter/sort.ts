// `?sort=` as PocketBase v0.7.10 reads it (tools/search/sort.go) and SQLite orders it.
import { isStoredJson, type ResolvedValue } from './operands';
import { isAllowedIdentifier, isRequestValue } from './identifiers';
import { compareValues, numericAffinity, type SqlValue } from './sqlite';

/** One sort key: a field path and its direction. */
export interface SortField {
    readonly field: string;
    readonly desc: boolean;
}

/**
 * Splits a `sort` parameter like PocketBase: on commas, each part trimmed, a leading `-` means
 * descending and a leading `+` (or none) ascending. Empty parts are kept as `field: ''`, which
 * {@link isSortableField} rejects, because the server fails them ("Invalid sort field").
 * An empty `sort` parameter means "no sort" on the server: don't call this with ''.
 *
 * @example
 * parseSort('-created, +title,id')
 * // [{ field: 'created', desc: true }, { field: 'title', desc: false }, { field: 'id', desc: false }]
 */
export function parseSort(src: string): SortField[] {
    return src.split(',').map((part) => {
        const field = part.trim();
        if (field.startsWith('-')) return { field: field.slice(1), desc: true };
        return { field: field.startsWith('+') ? field.slice(1) : field, desc: false };
    });
}

/**
 * Whether the server can sort by this name at all: record paths (`title`, `author.name`),
 * `@collection.<name>.<field>` and `@request.user.profile.<field>` (columns reached by joins).
 * `@request.*` values and `@now` are not columns, so they are rejected (400). The field must
 * still exist: the resolver decides that.
 *
 * @example
 * isSortableField('author.name') // true
 * isSortableField('@request.user.id') // false
 */
export function isSortableField(field: string): boolean {
    return isAllowedIdentifier(field) && !isRequestValue(field);
}

function sqlValue(value: ResolvedValue | undefined): SqlValue {
    // A relation path joining several rows orders by one of them; we take the first.
    let v = value;
    while (Array.isArray(v)) v = (v as readonly ResolvedValue[])[0];
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (isStoredJson(v)) return numericAffinity(v.json);
    return v as string | number;
}

/**
 * A comparator with SQLite `ORDER BY` semantics for the given keys: NULL first when ascending,
 * then numbers, then text by BINARY collation (code point order, case-sensitive); json values
 * as their column holds them (numbers as numbers, the rest as JSON text: `"a"` < `["a"]` <
 * `false` < `null` < `true` < `{…}`); each key
 * reversed when `desc`. Equal items compare 0, so `Array.prototype.sort` (stable) keeps their
 * input order. `resolve` returns the stored value (see {@link FilterValue}); an array uses its
 * first value.
 *
 * @example
 * items.sort(compareBy(parseSort('-views,title'), (item, field) => item[field]))
 */
export function compareBy<T>(
    sort: readonly SortField[],
    resolve: (item: T, field: string) => ResolvedValue | undefined,
): (a: T, b: T) => number {
    return (a, b) => {
        for (const { field, desc } of sort) {
            const c = compareValues(sqlValue(resolve(a, field)), sqlValue(resolve(b, field)));
            if (c !== 0) return desc ? -Math.sign(c) : Math.sign(c);
        }
        return 0;
    };
}

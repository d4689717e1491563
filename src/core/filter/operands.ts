// Turns filter tokens into operands the way tools/search/filter.go binds them into SQL.
import type { FilterToken } from './ast';
import { FilterEvalError } from './errors';
import { isAllowedIdentifier, isLiteralIdentifier, isRequestValue } from './identifiers';
import { joinChain } from './joins';
import { goFloatText, numericAffinity, type Affinity, type SqlValue } from './sqlite';
import { goJson } from './values';

/**
 * The value of a `json` field's column: the JSON text PocketBase stored (see `storedJson`). Its
 * column is declared `JSON`, which SQLite gives NUMERIC affinity, so a text that is a number is
 * kept as a number: `1` is the INTEGER 1 (LIKE sees `1`, not `1.0`), `1.5` a REAL, while `"a"`,
 * `true`, `null`, `[1]` and `{}` stay TEXT (`j = true` is false for `true`).
 */
export interface StoredJson {
    readonly json: string;
}

/**
 * A stored value as a resolver hands it over: TEXT columns (text, email, url, date, single
 * select/relation/file/user, and multi-value fields as their JSON array text such as
 * `["a","b"]`) as strings; number fields (REAL) as numbers; bool fields as booleans (stored
 * as 0/1); json fields as {@link StoredJson}; NULL (an empty json field) as null.
 */
export type FilterValue = string | number | boolean | null | StoredJson;

/** Whether a resolved value is a json field's {@link StoredJson}. */
export const isStoredJson = (value: unknown): value is StoredJson =>
    typeof value === 'object' && value !== null && typeof (value as StoredJson).json === 'string';

/** A resolved value: a {@link FilterValue}, or one array level per joined relation hop. */
export type ResolvedValue = FilterValue | readonly ResolvedValue[];

/**
 * Gives the value of an identifier for the record being tested, or `undefined` for an unknown
 * field (→ {@link FilterEvalError}, the server's 400).
 *
 * Paths through relations (`comments.text`, `@collection.members.user`,
 * `@request.user.profile.name`) return one array level per join on the way (see
 * {@link joinChain}): `comments.text` → `['first', 'second']` (one per comment row),
 * `comments.author.name` → `[['Ann'], ['Bob']]`. A hop that can only give one row (a single
 * relation, the profile) may give the value itself instead of a one-element array; an empty
 * array is one row of NULLs (LEFT JOIN). Identifiers with the same join prefix are matched
 * row by row, exactly like the SQL join; the record matches if any combination of rows does.
 *
 * `@request.*` identifiers (except `@request.user.profile.*`) are request values:
 * `undefined` there means "absent" and reads as NULL, as on the server.
 *
 * @example
 * const resolve: FieldResolver = (id) => id === 'comments.text' ? ['first', 'second'] : record[id]
 */
export type FieldResolver = (identifier: string) => ResolvedValue | undefined;

/** One SQLite value with the affinity of the expression that produced it. */
export interface Cell {
    readonly v: SqlValue;
    readonly affinity: Affinity;
}

/** A resolved operand of one expression. */
export interface Operand {
    /** Join aliases its value is nested by (outermost first). */
    readonly chain: readonly string[];
    /** Column values nested per join; undefined for parameters and literals. */
    readonly value?: ResolvedValue;
    /** The single value of a parameter or literal. */
    readonly cell?: Cell;
    /** Set when PocketBase binds this operand as a placeholder parameter (its LIKE text). */
    readonly paramText?: string;
}

const NULL_CELL: Cell = { v: null, affinity: 'none' };
const LITERALS: Record<string, Operand> = {
    null: { chain: [], cell: NULL_CELL },
    true: { chain: [], cell: { v: 1n, affinity: 'none' } },
    false: { chain: [], cell: { v: 0n, affinity: 'none' } },
};

/** Formats a date as PocketBase's `@now` (types.DateTime: UTC, `2006-01-02 15:04:05.000`). */
export function formatNow(now: Date): string {
    return now.toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * A column value as SQLite holds it, with its column's affinity (REAL, Boolean and JSON numeric,
 * others TEXT). A json text is stored as SQLite's NUMERIC affinity converts it.
 */
export function columnCell(value: FilterValue): Cell {
    if (isStoredJson(value)) return { v: numericAffinity(value.json), affinity: 'numeric' };
    if (typeof value === 'string') return { v: value, affinity: 'text' };
    if (typeof value === 'number') return { v: value, affinity: 'numeric' };
    if (typeof value === 'boolean') return { v: value ? 1n : 0n, affinity: 'numeric' };
    return NULL_CELL;
}

const param = (v: SqlValue, text: string): Operand => ({ chain: [], cell: { v, affinity: 'none' }, paramText: text });

function requestOperand(value: ResolvedValue | undefined): Operand {
    if (value === undefined || value === null) return LITERALS.null as Operand; // bound as NULL
    if (typeof value === 'string') return param(value, value);
    if (typeof value === 'number') return param(value, goFloatText(value));
    if (typeof value === 'boolean') return param(value ? 1n : 0n, String(value)); // cast.ToString(bool)
    // Non-plain values are JSON-encoded by the server (json.Marshal).
    const json = isStoredJson(value) ? value.json : goJson(value);
    return param(json, json);
}

/**
 * Resolves one token: texts, numbers (bound as float64 = REAL, LIKE text as Go prints them)
 * and `@now` become parameters; identifiers go to the resolver, and only when it fails do
 * `null`/`true`/`false` (any case) become the NULL/1/0 literals, as in filter.go.
 */
export function resolveOperand(token: FilterToken, resolve: FieldResolver, now: Date): Operand {
    if (token.type === 'text') return param(token.literal, token.literal);
    if (token.type === 'number') return param(Number(token.literal), goFloatText(Number(token.literal)));
    const name = token.literal;
    if (name === '@now') {
        const text = formatNow(now);
        return param(text, text);
    }
    if (isAllowedIdentifier(name)) {
        if (isRequestValue(name)) return requestOperand(resolve(name));
        const value = resolve(name);
        if (value !== undefined) return { chain: joinChain(name), value };
    }
    const literal = isLiteralIdentifier(name) ? LITERALS[name.toLowerCase()] : undefined;
    if (literal) return literal;
    throw new FilterEvalError(`Invalid filter identifier "${name}"`, name);
}

/** The value one join level down for a row index (a non-array stands for every row). */
export function rowOf(value: ResolvedValue, index: number): ResolvedValue {
    if (!Array.isArray(value)) return value;
    return (value as readonly ResolvedValue[])[index] ?? null;
}

/**
 * The candidate cells of an operand once its joins are bound to rows. Array levels left over
 * (a resolver giving an array where no join is expected) count as "any of".
 */
export function cellsOf(operand: Operand, rows: ReadonlyMap<string, number>): Cell[] {
    if (operand.cell) return [operand.cell];
    let value = operand.value as ResolvedValue;
    for (const alias of operand.chain) value = rowOf(value, rows.get(alias) ?? 0);
    if (!Array.isArray(value)) return [columnCell(value as FilterValue)];
    const cells: Cell[] = [];
    const collect = (v: ResolvedValue): void => {
        if (Array.isArray(v)) (v as readonly ResolvedValue[]).forEach(collect);
        else cells.push(columnCell(v as FilterValue));
    };
    collect(value);
    return cells.length === 0 ? [NULL_CELL] : cells;
}

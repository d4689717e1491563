// Evaluates a parsed filter the way PocketBase v0.7.10 turns it into SQL
// (tools/search/filter.go) and SQLite then runs it.
import type { FilterExpr, FilterGroup, FilterNode, FilterToken } from './ast'
import { FilterEvalError } from './errors'
import { isAllowedIdentifier, isLiteralIdentifier, isRequestValue } from './identifiers'
import { compareValues, compareWithAffinity, goFloatText, sqlLike, toText, type Affinity, type SqlValue } from './sqlite'

/**
 * A stored value as a resolver hands it over: TEXT columns (text, email, url, date, single
 * select/relation/file/user, and multi-value fields as their JSON array text such as
 * `["a","b"]`) as strings; number fields (REAL) as numbers; bool fields as booleans (stored
 * as 0/1); NULL as null.
 */
export type FilterValue = string | number | boolean | null

/**
 * Gives the value of an identifier for the record being tested. Return an array for a path
 * through a relation joining several records: the expression matches if any of them matches
 * (an empty array behaves like one NULL, as a LEFT JOIN does). Return `undefined` for an
 * unknown field. `@request.*` identifiers (except `@request.user.profile.*`) are request
 * values: `undefined` there means "absent" and reads as NULL, as on the server.
 *
 * @example
 * const resolve: FieldResolver = (id) => id === 'author.name' ? ['Ann', 'Bob'] : record[id]
 */
export type FieldResolver = (identifier: string) => FilterValue | readonly FilterValue[] | undefined

/** One resolved operand: its candidate values and, for bound parameters, the LIKE text. */
interface Operand {
  readonly values: readonly { readonly v: SqlValue; readonly affinity: Affinity }[]
  /** Set when PocketBase binds this operand as a placeholder parameter (see filter.go). */
  readonly paramText?: string
}

const NULL_OPERAND: Operand = { values: [{ v: null, affinity: 'none' }] }
const LITERALS: Record<string, Operand> = {
  null: NULL_OPERAND,
  true: { values: [{ v: 1n, affinity: 'none' }] },
  false: { values: [{ v: 0n, affinity: 'none' }] },
}

/** Formats a date as PocketBase's `@now` (types.DateTime: UTC, `2006-01-02 15:04:05.000`). */
export function formatNow(now: Date): string {
  return now.toISOString().replace('T', ' ').slice(0, 23)
}

function columnValue(value: FilterValue): { v: SqlValue; affinity: Affinity } {
  // A column has its declared affinity: REAL and Boolean columns are numeric, the rest TEXT.
  if (typeof value === 'string') return { v: value, affinity: 'text' }
  if (typeof value === 'number') return { v: value, affinity: 'numeric' }
  if (typeof value === 'boolean') return { v: value ? 1n : 0n, affinity: 'numeric' }
  return { v: null, affinity: 'none' }
}

function param(v: SqlValue, text: string): Operand {
  return { values: [{ v, affinity: 'none' }], paramText: text }
}

function requestOperand(value: FilterValue | readonly FilterValue[] | undefined): Operand {
  if (value === undefined || value === null) return NULL_OPERAND // the server binds "NULL"
  if (typeof value === 'string') return param(value, value)
  if (typeof value === 'number') return param(value, goFloatText(value))
  if (typeof value === 'boolean') return param(value ? 1n : 0n, String(value)) // cast.ToString(bool)
  const json = JSON.stringify(value) // non-plain values are JSON-encoded by the server
  return param(json, json)
}

function resolveOperand(token: FilterToken, resolve: FieldResolver, now: Date): Operand {
  if (token.type === 'text') return param(token.literal, token.literal)
  // Numbers are bound as float64 (REAL); as LIKE text they are formatted by Go's cast.ToString.
  if (token.type === 'number') return param(Number(token.literal), goFloatText(Number(token.literal)))
  const name = token.literal
  if (name === '@now') {
    const text = formatNow(now)
    return param(text, text)
  }
  if (isAllowedIdentifier(name)) {
    if (isRequestValue(name)) return requestOperand(resolve(name))
    const value = resolve(name)
    if (value !== undefined) {
      const list = Array.isArray(value) ? value : [value as FilterValue]
      return list.length === 0 ? NULL_OPERAND : { values: list.map(columnValue) }
    }
  }
  // Unresolvable: PocketBase falls back to the NULL/1/0 literals for these words only.
  const literal = isLiteralIdentifier(name) ? LITERALS[name.toLowerCase()] : undefined
  if (literal) return literal
  throw new FilterEvalError(`Invalid filter identifier "${name}"`, name)
}

// `~`/`!~` with a bound operand: every bound operand becomes `%text%` unless it already has a %.
const likeParam = (o: Operand): SqlValue | undefined =>
  o.paramText === undefined ? undefined : o.paramText.includes('%') ? o.paramText : `%${o.paramText}%`

function likeMatch(left: Operand, right: Operand, l: SqlValue, r: SqlValue): boolean | null {
  const lp = likeParam(left)
  const rp = likeParam(right)
  // No bound operand: `l LIKE ('%' || r || '%')` (NULL || text is NULL).
  if (lp === undefined && rp === undefined) return sqlLike(l, r === null ? null : `%${toText(r)}%`)
  // A bound left operand swaps the sides: `r LIKE l`.
  if (lp !== undefined) return sqlLike(rp ?? r, lp)
  return sqlLike(l, rp ?? r)
}

function testPair(expr: FilterExpr, left: Operand, right: Operand, a: { v: SqlValue; affinity: Affinity }, b: { v: SqlValue; affinity: Affinity }): boolean {
  switch (expr.op) {
    // `COALESCE(a, '') = COALESCE(b, '')`: NULL equals '', and COALESCE drops the column
    // affinity, so a number never equals a numeric-looking text.
    case '=':
      return compareValues(a.v ?? '', b.v ?? '') === 0
    case '!=':
      return compareValues(a.v ?? '', b.v ?? '') !== 0
    case '~':
      return likeMatch(left, right, a.v, b.v) === true
    case '!~':
      return likeMatch(left, right, a.v, b.v) === false // NOT NULL is NULL: no match
    default: {
      const c = compareWithAffinity(a.v, a.affinity, b.v, b.affinity)
      if (c === null) return false
      if (expr.op === '<') return c < 0
      if (expr.op === '<=') return c <= 0
      if (expr.op === '>') return c > 0
      return c >= 0
    }
  }
}

function evaluateExpr(expr: FilterExpr, resolve: FieldResolver, now: Date): boolean {
  const left = resolveOperand(expr.left, resolve, now)
  const right = resolveOperand(expr.right, resolve, now)
  return left.values.some((a) => right.values.some((b) => testPair(expr, left, right, a, b)))
}

function evaluateGroup(group: FilterGroup, resolve: FieldResolver, now: Date): boolean {
  let result: boolean | undefined
  for (const { join, node } of group.items) {
    // No short-circuit: the server resolves every identifier while building the SQL, so an
    // unknown field fails the whole filter even in a branch that would not decide it.
    const value = node.kind === 'expr' ? evaluateExpr(node, resolve, now) : evaluateGroup(node, resolve, now)
    // Left fold without precedence, like dbx.And(result, expr) / dbx.Or(result, expr).
    result = result === undefined ? value : join === '&&' ? result && value : result || value
  }
  return result ?? false
}

/**
 * Whether a record matches a parsed filter, with PocketBase v0.7.10 + SQLite semantics:
 * `=`/`!=` compare `COALESCE(x, '')` (so `x = null` also matches ''), `<`… follow SQLite
 * affinity (a REAL field against '10' compares numerically; a text field against 5 compares
 * with the text '5.0'), `~`/`!~` are LIKE / NOT LIKE with `%…%` added to a bound operand
 * lacking a `%` (ASCII-only case folding, `_` wildcard), any comparison with NULL is false,
 * `@now` is the current UTC time as PocketBase formats dates. Multi-valued (array) operands
 * match if any value does, per expression (see the module notes for the one deviation).
 *
 * @throws {FilterEvalError} for an identifier the resolver does not know (the server's 400)
 * @example
 * const record = { title: 'Hello', views: 10, tags: '["a","b"]' }
 * evaluateFilter(parseFilter("title ~ 'hell' && views >= 10 && tags ~ '\"a\"'"),
 *   (id) => (record as Record<string, FilterValue>)[id]) // true
 */
export function evaluateFilter(node: FilterNode, resolve: FieldResolver, now: Date = new Date()): boolean {
  return evaluateGroup(node, resolve, now)
}

/**
 * PocketBase v0.7.10 `filter` / `sort` / pagination semantics as pure functions, for the test
 * emulator and for evaluating live queries on the client.
 *
 * Known deviation: a filter that mentions several fields through the same multi-valued
 * relation (`tags.name = 'a' && tags.rank > 1`) is evaluated per expression ("some tag is
 * named a, and some tag has rank > 1"), while SQLite joins once and needs one tag to satisfy
 * both. Single-valued paths are exact.
 */
export type { FilterExpr, FilterGroup, FilterItem, FilterJoin, FilterNode, FilterOperator, FilterToken } from './ast'
export { FilterEvalError, FilterSyntaxError } from './errors'
export { evaluateFilter, formatNow, type FieldResolver, type FilterValue } from './evaluate'
export { filterIdentifiers, isAllowedIdentifier, isLiteralIdentifier, isRequestValue } from './identifiers'
export { DEFAULT_PER_PAGE, MAX_PER_PAGE, paginate, type Pagination } from './pagination'
export { parseFilter } from './parser'
export { compareBy, isSortableField, parseSort, type SortField } from './sort'

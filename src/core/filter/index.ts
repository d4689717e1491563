/**
 * PocketBase v0.7.10 `filter` / `sort` / pagination semantics as pure functions, for the test
 * emulator and for evaluating live queries on the client.
 */
export type { FilterExpr, FilterGroup, FilterItem, FilterJoin, FilterNode, FilterOperator, FilterToken } from './ast';
export { FilterEvalError, FilterSyntaxError } from './errors';
export { evaluateFilter } from './evaluate';
export { joinChain } from './joins';
export { formatNow, isStoredJson, type FieldResolver, type FilterValue, type ResolvedValue, type StoredJson } from './operands';
export { filterIdentifiers, isAllowedIdentifier, isLiteralIdentifier, isRequestValue } from './identifiers';
export { DEFAULT_PER_PAGE, MAX_PER_PAGE, paginate, type Pagination } from './pagination';
export { parseFilter } from './parser';
export { goJson, storedJson, storedValue } from './values';
export { compareBy, isSortableField, parseSort, type SortField } from './sort';

/**
 * search.Provider (tools/search/provider.go) over in-memory rows: `page`, `perPage`, `sort`,
 * `filter` parsed from the raw query string, extra rule filters, SQLite-like filtering and
 * ordering from src/core/filter, and the server's paging clamps.
 */
import {
  compareBy, evaluateFilter, filterIdentifiers, isRequestValue, isSortableField, paginate,
  parseFilter, parseSort, type FilterNode, type FilterValue,
} from '../../../src/core/filter/index.ts';

/** Resolves an identifier for one row; `row` null asks only whether the identifier exists. */
export type RowResolver<T> = (row: T | null, identifier: string) => FilterValue | readonly FilterValue[] | undefined;

/** Any parse/resolve failure of the search params (the handlers turn it into a 400). */
export class SearchError extends Error {}

export interface SearchResult<T> {
  page: number;
  perPage: number;
  totalItems: number;
  totalPages: number;
  items: T[];
}

/** Go's strconv.Atoi. */
function atoi(raw: string): number {
  if (!/^[+-]?\d+$/.test(raw)) throw new SearchError(`invalid integer ${raw}`);
  return Number(raw);
}

/** Parses a filter and checks that every identifier resolves (the SQL build step). */
export function compileFilter<T>(src: string, resolve: RowResolver<T>): FilterNode {
  let node: FilterNode;
  try {
    node = parseFilter(src);
  } catch (err) {
    throw new SearchError(err instanceof Error ? err.message : 'invalid filter');
  }
  for (const identifier of filterIdentifiers(node)) {
    if (isRequestValue(identifier)) continue;
    if (resolve(null, identifier) === undefined) throw new SearchError(`unknown field ${identifier}`);
  }
  return node;
}

export function matchesFilter<T>(node: FilterNode, row: T, resolve: RowResolver<T>): boolean {
  try {
    return evaluateFilter(node, (identifier) => resolve(row, identifier));
  } catch (err) {
    throw new SearchError(err instanceof Error ? err.message : 'filter evaluation failed');
  }
}

/** url.ParseQuery rejects bad %-escapes and `;` separators, which the handlers report as 400. */
function checkQuerySyntax(rawQuery: string): void {
  if (rawQuery.includes(';')) throw new SearchError('invalid semicolon separator in query');
  if (/%(?![0-9a-fA-F]{2})/.test(rawQuery)) throw new SearchError('invalid URL escape');
}

export function search<T>(rows: readonly T[], rawQuery: string, resolve: RowResolver<T>, ruleFilters: string[] = []): SearchResult<T> {
  checkQuerySyntax(rawQuery);
  const params = new URLSearchParams(rawQuery);
  const page = params.get('page') ? atoi(params.get('page')!) : 0;
  const perPage = params.get('perPage') ? atoi(params.get('perPage')!) : 0;
  const sortParam = params.get('sort') ?? '';
  const sort = sortParam === '' ? [] : parseSort(sortParam);
  for (const { field } of sort) {
    if (!isSortableField(field) || resolve(null, field) === undefined) throw new SearchError(`Invalid sort field "${field}".`);
  }
  const filters = [...ruleFilters, params.get('filter') ?? ''].filter((f) => f !== '');
  const nodes = filters.map((f) => compileFilter(f, resolve));
  let matched = rows.filter((row) => nodes.every((node) => matchesFilter(node, row, resolve)));
  if (sort.length > 0) matched = [...matched].sort(compareBy(sort, (row: T, field) => resolve(row, field)));
  const p = paginate(page, perPage, matched.length);
  return {
    page: p.page,
    perPage: p.perPage,
    totalItems: p.totalItems,
    totalPages: p.totalPages,
    items: matched.slice(p.offset, p.offset + p.perPage),
  };
}

/** SimpleFieldResolver: only the listed top-level columns. */
export function simpleResolver<T extends object>(allowed: readonly string[], value: (row: T, field: string) => FilterValue): RowResolver<T> {
  return (row, identifier) => {
    if (!allowed.includes(identifier)) return undefined;
    return row === null ? null : value(row, identifier);
  };
}

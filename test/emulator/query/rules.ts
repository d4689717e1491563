/**
 * API rule checks for one record, the way apis/record.go and apis/realtime.go apply them:
 * `null` = admins only, `""` = everyone, otherwise the rule must match the record with the
 * request's `@request.*` data. A rule that fails to build counts as "no access".
 */
import type { State } from '../store/state.ts';
import type { CollectionRow, RecordRow, UserRow } from '../store/types.ts';
import { exportUser } from '../store/export.ts';
import { RecordResolver, type RequestData } from './record-resolver.ts';
import { compileFilter, matchesFilter, SearchError, type RowResolver } from './search.ts';

export function userAsMap(state: State, user: UserRow | null): Record<string, unknown> | null {
  return user ? (JSON.parse(JSON.stringify(exportUser(state, user))) as Record<string, unknown>) : null;
}

export function requestData(
  state: State,
  method: string,
  query: URLSearchParams,
  data: Record<string, unknown>,
  user: UserRow | null,
): RequestData {
  const q: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    q[key] = all.length === 1 ? all[0] : all;
  }
  return { method, query: q, data, user: userAsMap(state, user) };
}

export function recordResolver(state: State, collection: CollectionRow, data: RequestData | null): RowResolver<RecordRow> {
  const resolver = new RecordResolver(state, collection, data);
  return (row, identifier) => resolver.resolve(identifier, row);
}

/**
 * Builds a non-empty rule into a row test, or returns null when it fails to build (an unknown
 * field, a parse error) — the server's BuildExpr error, which fails the whole query.
 */
export function compileRule(state: State, collection: CollectionRow, rule: string, data: RequestData): ((row: RecordRow) => boolean) | null {
  if (rule === '') return () => true;
  const resolve = recordResolver(state, collection, data);
  let node;
  try {
    node = compileFilter(rule, resolve);
  } catch (err) {
    if (err instanceof SearchError) return null;
    throw err;
  }
  return (row) => {
    try {
      return matchesFilter(node, row, resolve);
    } catch (err) {
      if (err instanceof SearchError) return false;
      throw err;
    }
  };
}

/** Whether a non-empty rule matches the record; errors count as no match. */
export function ruleMatches(state: State, collection: CollectionRow, rule: string, row: RecordRow, data: RequestData): boolean {
  return compileRule(state, collection, rule, data)?.(row) ?? false;
}

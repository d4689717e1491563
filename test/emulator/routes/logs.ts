/** /api/logs/requests (admin only, not itself logged) — apis/logs.go */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { requireAdmin } from './guards.ts';
import type { RequestLogRow } from '../store/types.ts';
import { compileFilter, matchesFilter, SearchError, simpleResolver } from '../query/search.ts';
import { searchOr400 } from './list.ts';

const FIELDS = ['rowid', 'id', 'created', 'updated', 'url', 'method', 'status', 'auth', 'remoteIp', 'userIp', 'referer', 'userAgent'];

/** rowid: the position in insertion order, like SQLite's implicit rowid. */
function resolverFor(logs: RequestLogRow[]) {
  return simpleResolver<RequestLogRow>(FIELDS, (row, field) => {
    if (field === 'rowid') return logs.indexOf(row) + 1;
    const value = row[field as keyof RequestLogRow];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  });
}

function list(ctx: Ctx): Reply {
  requireAdmin(ctx);
  return { status: 200, body: searchOr400(ctx.state.requestLogs, ctx.rawQuery, resolverFor(ctx.state.requestLogs)) };
}

/** RequestsStats: request counts grouped by hour ("2006-01-02 15:00:00.000"). */
function stats(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const filter = ctx.query.get('filter') ?? '';
  let rows = ctx.state.requestLogs;
  const resolve = resolverFor(rows);
  try {
    if (filter !== '') {
      const node = compileFilter(filter, resolve);
      rows = rows.filter((row) => matchesFilter(node, row, resolve));
    }
  } catch (err) {
    if (err instanceof SearchError) throw badRequest('Invalid filter format.');
    throw err;
  }
  const buckets = new Map<string, number>();
  for (const row of rows) {
    const hour = `${row.created.slice(0, 13)}:00:00.000`;
    buckets.set(hour, (buckets.get(hour) ?? 0) + 1);
  }
  const items = [...buckets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, total]) => ({ total, date }));
  return { status: 200, body: items };
}

export function registerLogRoutes(router: Router): void {
  const quiet = { logged: false };
  router.add('GET', '/api/logs/requests', list, quiet);
  router.add('GET', '/api/logs/requests/stats', stats, quiet);
  router.add('GET', '/api/logs/requests/:id', (ctx) => {
    requireAdmin(ctx);
    const row = ctx.state.requestLogs.find((r) => r.id === ctx.params.id);
    if (!row) throw notFound();
    return { status: 200, body: row };
  }, quiet);
}

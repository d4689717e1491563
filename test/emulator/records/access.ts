/** Shared pieces of the record routes: collection context, request data, rule-aware lookups. */
import type { Ctx } from '../http/context.ts';
import { decodeJson, isPlainObject, mediaType } from '../http/body.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import type { RequestData } from '../query/record-resolver.ts';
import { compileRule, requestData, ruleMatches } from '../query/rules.ts';
import type { ExpandFetch } from '../query/expand.ts';

/** LoadCollectionContext: 404 when the `:collection` param matches no collection. */
export function collectionFromPath(ctx: Ctx): CollectionRow {
  const collection = ctx.state.findCollection(ctx.params.collection ?? '');
  if (!collection) throw notFound();
  return collection;
}

export type RuleName = 'listRule' | 'viewRule' | 'createRule' | 'updateRule' | 'deleteRule';

/** A `null` rule lets only admins through. */
export function requireRuleOrAdmin(ctx: Ctx, collection: CollectionRow, rule: RuleName): void {
  if (!ctx.auth.admin && collection[rule] === null) throw forbidden('Only admins can perform this action.');
}

/**
 * rest.BindBody into a map, ignoring failures (as exportRequestData does); JSON goes through
 * rest.ReadJsonBodyCopy (the first 32 MiB).
 */
export async function lenientBodyData(ctx: Ctx): Promise<Record<string, unknown>> {
  try {
    const body = await ctx.body();
    if (body.length === 0) return {};
    const type = mediaType(ctx.header('content-type'));
    if (type.startsWith('application/json')) {
      const parsed = decodeJson(await ctx.jsonBodyCopy());
      return isPlainObject(parsed) ? parsed : {};
    }
    if (type === 'multipart/form-data') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of (await ctx.multipart()).values) out[k] = v.length === 1 ? v[0] : v;
      return out;
    }
    if (type === 'application/x-www-form-urlencoded') {
      return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    }
  } catch {
    // the server ignores body binding errors here
  }
  return {};
}

export async function requestDataOf(ctx: Ctx): Promise<RequestData> {
  return requestData(ctx.state, ctx.method, ctx.query, await lenientBodyData(ctx), ctx.auth.user);
}

/** FindRecordById with the rule applied for non-admins; 404 when missing or not allowed. */
export function findWithRule(ctx: Ctx, collection: CollectionRow, rule: RuleName, data: RequestData): RecordRow {
  const row = ctx.state.findRecord(collection, ctx.params.id ?? '');
  if (!row) throw notFound();
  const expr = collection[rule];
  if (!ctx.auth.admin && expr !== null && expr !== '' && !ruleMatches(ctx.state, collection, expr, row, data)) throw notFound();
  return row;
}

/**
 * apis/record.go expandFunc: related records filtered by their collection's view rule. Fails
 * (null) for a guest or user on an admin-only collection or when the rule does not build,
 * whether or not there are ids to fetch.
 */
export function expandFetch(ctx: Ctx, data: RequestData): ExpandFetch {
  return (relCollection, ids) => {
    const rows = ctx.state.recordsOf(relCollection).filter((r) => ids.includes(r.id));
    if (ctx.auth.admin) return rows;
    const rule = relCollection.viewRule;
    if (rule === null) return null;
    const test = compileRule(ctx.state, relCollection, rule, data);
    return test ? rows.filter(test) : null;
  };
}

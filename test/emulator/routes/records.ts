/** /api/collections/:collection/records — apis/record.go */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, forbidden, throwIfInvalid, wrapBadRequest } from '../http/errors.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import { newModelId, now } from '../store/ids.ts';
import { expandNodes, renderNode, type RecordNode } from '../query/expand.ts';
import { recordResolver, ruleMatches } from '../query/rules.ts';
import { searchOr400 } from './list.ts';
import { validateRecordData } from '../schema/validate.ts';
import { loadRecordForm, validateFormId, type RecordForm } from '../records/form.ts';
import { deleteRecord, insertRecord, ReferenceError, updateRecord } from '../records/store-ops.ts';
import {
  collectionFromPath, expandFetch, findWithRule, requestDataOf, requireRuleOrAdmin,
} from '../records/access.ts';
import type { RequestData } from '../query/record-resolver.ts';

function render(ctx: Ctx, collection: CollectionRow, rows: RecordRow[], data: RequestData): Record<string, unknown>[] {
  const nodes: RecordNode[] = rows.map((row) => ({ collection, row }));
  expandNodes(ctx.state, nodes, ctx.query.get('expand') ?? '', expandFetch(ctx, data));
  return nodes.map(renderNode);
}

async function list(ctx: Ctx): Promise<Reply> {
  const collection = collectionFromPath(ctx);
  requireRuleOrAdmin(ctx, collection, 'listRule');
  if (!ctx.auth.admin) {
    const q = ctx.query;
    const text = (q.get('filter') ?? '') + (q.get('sort') ?? '');
    if (text.includes('@collection.') || text.includes('@request.')) {
      throw forbidden('Only admins can filter by @collection and @request query params');
    }
  }
  const data = await requestDataOf(ctx);
  const rules = !ctx.auth.admin && collection.listRule ? [collection.listRule] : [];
  const result = searchOr400(ctx.state.recordsOf(collection), ctx.rawQuery, recordResolver(ctx.state, collection, data), { rules, message: 'Invalid filter parameters.' });
  return { status: 200, body: { ...result, items: render(ctx, collection, result.items, data) } };
}

async function view(ctx: Ctx): Promise<Reply> {
  const collection = collectionFromPath(ctx);
  requireRuleOrAdmin(ctx, collection, 'viewRule');
  const data = await requestDataOf(ctx);
  const row = findWithRule(ctx, collection, 'viewRule', data);
  return { status: 200, body: render(ctx, collection, [row], data)[0] };
}

function validateForm(ctx: Ctx, collection: CollectionRow, form: RecordForm, existing: RecordRow | null): void {
  throwIfInvalid(validateFormId(form, existing));
  throwIfInvalid(validateRecordData(ctx.state, collection, existing?.id ?? form.id, form.data, form.uploads));
}

function storeFiles(ctx: Ctx, collection: CollectionRow, row: RecordRow, form: RecordForm): void {
  for (const file of form.uploads) ctx.services.files.save(collection.id, row.id, file.name, file.bytes);
  for (const name of form.filesToDelete) ctx.services.files.remove(collection.id, row.id, name);
}

async function create(ctx: Ctx): Promise<Reply> {
  const collection = collectionFromPath(ctx);
  requireRuleOrAdmin(ctx, collection, 'createRule');
  const data = await requestDataOf(ctx);
  const rule = collection.createRule;
  if (!ctx.auth.admin && rule) {
    // DrySubmit: validate and check the rule against the would-be record
    const test = await loadRecordForm(ctx, collection, null);
    try {
      validateForm(ctx, collection, test, null);
    } catch (err) {
      throw wrapBadRequest('Failed to create record.', err);
    }
    const stamp = now();
    const draft: RecordRow = { id: test.id || newModelId(), created: stamp, updated: stamp, data: test.data };
    if (!ruleMatches(ctx.state, collection, rule, draft, { ...data, data: test.requestData })) {
      throw badRequest('Failed to create record.');
    }
  }
  const form = await loadRecordForm(ctx, collection, null);
  validateForm(ctx, collection, form, null);
  if (form.id && ctx.state.findRecord(collection, form.id)) throw badRequest('Failed to create record.');
  const row = insertRecord(ctx.state, collection, form.id, form.data);
  storeFiles(ctx, collection, row, form);
  return { status: 200, body: render(ctx, collection, [row], data)[0] };
}

async function update(ctx: Ctx): Promise<Reply> {
  const collection = collectionFromPath(ctx);
  requireRuleOrAdmin(ctx, collection, 'updateRule');
  const data = await requestDataOf(ctx);
  const row = findWithRule(ctx, collection, 'updateRule', data);
  const form = await loadRecordForm(ctx, collection, row);
  validateForm(ctx, collection, form, row);
  updateRecord(ctx.state, collection, row, form.data);
  storeFiles(ctx, collection, row, form);
  return { status: 200, body: render(ctx, collection, [row], data)[0] };
}

async function remove(ctx: Ctx): Promise<Reply> {
  const collection = collectionFromPath(ctx);
  requireRuleOrAdmin(ctx, collection, 'deleteRule');
  const data = await requestDataOf(ctx);
  const row = findWithRule(ctx, collection, 'deleteRule', data);
  try {
    deleteRecord(ctx.state, ctx.services.files, collection, row);
  } catch (err) {
    if (err instanceof ReferenceError) {
      throw badRequest('Failed to delete record. Make sure that the record is not part of a required relation reference.');
    }
    throw err;
  }
  return { status: 204 };
}

export function registerRecordRoutes(router: Router): void {
  const base = '/api/collections/:collection/records';
  router.add('GET', base, list);
  router.add('POST', base, create);
  router.add('GET', `${base}/:id`, view);
  router.add('PATCH', `${base}/:id`, update);
  router.add('DELETE', `${base}/:id`, remove);
}

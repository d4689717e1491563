/** /api/collections (admin only) — apis/collection.go */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, notFound, throwIfInvalid, wrapBadRequest, ValidationFailure } from '../http/errors.ts';
import { bindOr400 } from '../http/bind.ts';
import { decodeJson } from '../http/body.ts';
import { requireAdmin } from './guards.ts';
import type { CollectionRow, SchemaField } from '../store/types.ts';
import { exportCollection } from '../store/export.ts';
import { newModelId } from '../store/ids.ts';
import { referencingCollections, removeCollection, saveCollection } from '../store/collections.ts';
import { decodeField, OptionsDecodeError } from '../schema/fields.ts';
import { validateCollection, type CollectionDraft } from '../schema/collection-form.ts';
import { simpleResolver } from '../query/search.ts';
import { searchOr400 } from './list.ts';
import { fieldError } from '../http/errors.ts';

const LOAD_ERROR = 'Failed to load the submitted data due to invalid formatting.';
const RULES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'] as const;

function decodeSchema(raw: unknown): SchemaField[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) throw new OptionsDecodeError('schema must be an array');
  const fields: SchemaField[] = [];
  for (const item of raw) {
    const field = decodeField(item);
    const index = fields.findIndex((f) => f.id === field.id);
    if (index >= 0) fields[index] = field; // Schema.AddField replaces by id
    else fields.push(field);
  }
  return fields;
}

/** Binds the upsert form over the existing values; rules must be strings or null. */
async function bindDraft(ctx: Ctx, existing: CollectionRow | null): Promise<CollectionDraft> {
  const body = await bindOr400(ctx, {
    id: 'string', name: 'string', system: 'bool', schema: 'raw',
    listRule: 'raw', viewRule: 'raw', createRule: 'raw', updateRule: 'raw', deleteRule: 'raw',
  }, LOAD_ERROR);
  const draft: CollectionDraft = {
    id: existing?.id ?? '',
    name: existing?.name ?? '',
    system: existing?.system ?? false,
    schema: structuredClone(existing?.schema ?? []),
    listRule: existing?.listRule ?? null,
    viewRule: existing?.viewRule ?? null,
    createRule: existing?.createRule ?? null,
    updateRule: existing?.updateRule ?? null,
    deleteRule: existing?.deleteRule ?? null,
  };
  if (typeof body.id === 'string') draft.id = body.id;
  if (typeof body.name === 'string') draft.name = body.name;
  if (typeof body.system === 'boolean') draft.system = body.system;
  try {
    if ('schema' in body) draft.schema = decodeSchema(body.schema);
  } catch {
    throw badRequest(LOAD_ERROR);
  }
  const raw = await rawRules(ctx);
  for (const rule of RULES) {
    if (!(rule in raw)) continue;
    const value = raw[rule];
    if (value !== null && typeof value !== 'string') throw badRequest(LOAD_ERROR);
    draft[rule] = value;
  }
  return draft;
}

/** Rules need "present and null" vs "absent", which the typed binder drops. */
async function rawRules(ctx: Ctx): Promise<Record<string, unknown>> {
  try {
    const body = await ctx.body();
    const parsed = body.length === 0 ? {} : decodeJson(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function list(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const resolve = simpleResolver<CollectionRow>(['id', 'created', 'updated', 'name', 'system'], (row, f) => {
    const v = row[f as 'id'];
    return typeof v === 'boolean' || typeof v === 'string' ? v : null;
  });
  const result = searchOr400(ctx.state.collections, ctx.rawQuery, resolve);
  return { status: 200, body: { ...result, items: result.items.map(exportCollection) } };
}

function find(ctx: Ctx): CollectionRow {
  const collection = ctx.state.findCollection(ctx.params.collection ?? '');
  if (!collection) throw notFound();
  return collection;
}

async function create(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const draft = await bindDraft(ctx, null);
  throwIfInvalid(validateCollection(ctx.state, draft, null));
  const collection: CollectionRow = { ...draft, id: draft.id || newModelId(), created: '', updated: '' };
  saveCollection(ctx.state, collection, null);
  return { status: 200, body: exportCollection(collection) };
}

async function update(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const collection = find(ctx);
  const draft = await bindDraft(ctx, collection);
  throwIfInvalid(validateCollection(ctx.state, draft, collection));
  const oldSchema = collection.schema;
  if (!collection.system) collection.name = draft.name;
  collection.schema = draft.schema;
  for (const rule of RULES) collection[rule] = draft[rule];
  saveCollection(ctx.state, collection, oldSchema);
  return { status: 200, body: exportCollection(collection) };
}

function remove(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const collection = find(ctx);
  if (collection.system || referencingCollections(ctx.state, collection, collection.id).length > 0) {
    throw badRequest('Failed to delete collection. Make sure that the collection is not referenced by other collections.');
  }
  removeCollection(ctx.state, ctx.services.files, collection);
  return { status: 204 };
}

async function bulkImport(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const body = await bindOr400(ctx, { collections: 'raw', deleteMissing: 'bool' }, LOAD_ERROR);
  let imported: CollectionDraft[];
  try {
    const raw = Array.isArray(body.collections) ? body.collections : body.collections == null ? [] : null;
    if (!raw) throw new OptionsDecodeError('collections must be an array');
    imported = raw.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) throw new OptionsDecodeError('bad collection');
      const c = item as Record<string, unknown>;
      const rule = (v: unknown): string | null => (typeof v === 'string' ? v : null);
      return {
        id: typeof c.id === 'string' ? c.id : '',
        name: typeof c.name === 'string' ? c.name : '',
        system: c.system === true,
        schema: decodeSchema(c.schema),
        listRule: rule(c.listRule), viewRule: rule(c.viewRule), createRule: rule(c.createRule),
        updateRule: rule(c.updateRule), deleteRule: rule(c.deleteRule),
      };
    });
  } catch {
    throw badRequest(LOAD_ERROR);
  }
  if (imported.length === 0) throw new ValidationFailure({ collections: fieldError('validation_required', 'cannot be blank') });
  const failed = (code: string, message: string) =>
    wrapBadRequest('Failed to import the submitted collections.', new ValidationFailure({ collections: fieldError(code, message) }));
  const state = ctx.state;
  const deleteMissing = body.deleteMissing === true;
  const snapshot = { collections: [...state.collections], schemas: new Map(state.collections.map((c) => [c, { ...c }])) };
  const ids = new Set(imported.map((c) => c.id).filter(Boolean));
  if (deleteMissing) {
    const missing = state.collections.filter((c) => !ids.has(c.id));
    if (missing.some((c) => c.system)) throw failed('collections_import_failure', 'Failed to import the collections configuration.');
  }
  const next: Array<{ row: CollectionRow; oldSchema: SchemaField[] | null }> = [];
  for (const draft of imported) {
    const existing = draft.id ? state.findCollection(draft.id) : undefined;
    if (existing && existing.id === draft.id) {
      const schema = deleteMissing ? draft.schema : mergeSchema(existing.schema, draft.schema);
      next.push({ row: { ...draft, schema, id: existing.id, created: existing.created, updated: existing.updated }, oldSchema: existing.schema });
    } else {
      next.push({ row: { ...draft, id: draft.id || newModelId(), created: '', updated: '' }, oldSchema: null });
    }
  }
  // the inserts/updates, in order, hit the _collections table's constraints before any
  // validation runs: a generic failure for each
  const table = new Map(state.collections.filter((c) => !deleteMissing || ids.has(c.id)).map((c) => [c.id, c.name]));
  for (const { row, oldSchema } of next) {
    if (violatesCollectionsTable(table, row, oldSchema !== null)) {
      throw failed('collections_import_failure', 'Failed to import the collections configuration.');
    }
    table.set(row.id, row.name);
  }
  const kept = deleteMissing ? [] : state.collections.filter((c) => !next.some((n) => n.row.id === c.id));
  const candidate = [...kept, ...next.map((n) => n.row)];
  // validate every resulting collection against the resulting set (beforeRecordsSync)
  state.collections = candidate;
  for (const { row, oldSchema } of next) {
    const errors = validateCollection(state, { ...row }, oldSchema ? { ...row, schema: oldSchema } : null);
    delete errors.id;
    if (Object.keys(errors).length > 0) {
      state.collections = snapshot.collections;
      throw failed('collections_import_validate_failure', `Data validations failed for collection "${row.name}" (${row.id}):\n${JSON.stringify(errors, null, 2)}`);
    }
  }
  for (const old of snapshot.collections) {
    if (!candidate.some((c) => c.id === old.id)) {
      state.records.delete(old.id);
      ctx.services.files.removeCollection(old.id);
    }
  }
  state.collections = candidate;
  for (const { row, oldSchema } of next) {
    state.collections = state.collections.filter((c) => c !== row);
    if (oldSchema) {
      state.collections.push(row);
      saveCollection(state, row, oldSchema);
    } else {
      saveCollection(state, row, null);
    }
  }
  return { status: 204 };
}

/**
 * The _collections table's constraints (migrations/1640988000_init.go): `schema` is NOT NULL
 * and a schema without fields is written as NULL (Schema.Value); `id` is the primary key
 * (a new collection whose id is already in the table); `name` is UNIQUE, compared exactly
 * (SQLite's BINARY collation).
 */
function violatesCollectionsTable(table: Map<string, string>, row: CollectionRow, isUpdate: boolean): boolean {
  if (row.schema.length === 0) return true;
  if (!isUpdate && table.has(row.id)) return true;
  for (const [id, name] of table) if (id !== row.id && name === row.name) return true;
  return false;
}

function mergeSchema(existing: SchemaField[], incoming: SchemaField[]): SchemaField[] {
  const out = structuredClone(existing);
  for (const f of incoming) {
    const i = out.findIndex((o) => o.id === f.id);
    if (i >= 0) out[i] = f;
    else out.push(f);
  }
  return out;
}

export function registerCollectionRoutes(router: Router): void {
  router.add('GET', '/api/collections', list);
  router.add('POST', '/api/collections', create);
  router.add('PUT', '/api/collections/import', bulkImport);
  router.add('GET', '/api/collections/:collection', (ctx) => (requireAdmin(ctx), { status: 200, body: exportCollection(find(ctx)) }));
  router.add('PATCH', '/api/collections/:collection', update);
  router.add('DELETE', '/api/collections/:collection', remove);
}

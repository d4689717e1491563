/** Collection persistence: saving with record-table sync (SyncRecordTableSchema) and deleting. */
import type { State } from './state.ts';
import type { FileStore } from './files.ts';
import type { CollectionRow, SchemaField } from './types.ts';
import { now } from './ids.ts';
import { emptyValue, prepareValue } from '../schema/fields.ts';

/** Keeps record data in step with a schema change: fields matched by id, renamed, added or dropped. */
function syncRecords(state: State, collection: CollectionRow, oldSchema: SchemaField[]): void {
  for (const row of state.recordsOf(collection)) {
    const next: Record<string, unknown> = {};
    for (const field of collection.schema) {
      const old = oldSchema.find((f) => f.id === field.id);
      next[field.name] = old && old.name in row.data ? prepareValue(field, row.data[old.name]) : emptyValue(field);
    }
    row.data = next;
  }
}

export function saveCollection(state: State, collection: CollectionRow, oldSchema: SchemaField[] | null): void {
  const stamp = now();
  if (!state.collections.includes(collection)) {
    if (!collection.created) collection.created = stamp;
    collection.updated = stamp;
    state.collections.push(collection);
    state.recordsOf(collection);
    return;
  }
  collection.updated = stamp;
  syncRecords(state, collection, oldSchema ?? []);
}

/** Collections (other than `exclude`) with relation fields pointing at `collection`. */
export function referencingCollections(state: State, collection: CollectionRow, excludeId: string): CollectionRow[] {
  return state.collections.filter(
    (c) => c.id !== excludeId && c.schema.some((f) => f.type === 'relation' && f.options.collectionId === collection.id),
  );
}

export function removeCollection(state: State, files: FileStore, collection: CollectionRow): void {
  state.collections = state.collections.filter((c) => c !== collection);
  state.records.delete(collection.id);
  files.removeCollection(collection.id);
}

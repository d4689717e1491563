/**
 * Record persistence: insert/update/delete with the side effects the DAO has — relation
 * reference clean-up or cascade on delete (daos/record.go DeleteRecord), stored file removal,
 * and the model events realtime listens to.
 */
import type { State } from '../store/state.ts';
import type { FileStore } from '../store/files.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import { newModelId, now } from '../store/ids.ts';
import { toUniqueStrings } from '../schema/cast.ts';
import { prepareValue } from '../schema/fields.ts';

export function insertRecord(state: State, collection: CollectionRow, id: string, data: Record<string, unknown>): RecordRow {
  const stamp = now();
  const row: RecordRow = { id: id || newModelId(), created: stamp, updated: stamp, data };
  state.recordsOf(collection).push(row);
  state.emitRecord('create', collection, row);
  return row;
}

export function updateRecord(state: State, collection: CollectionRow, row: RecordRow, data: Record<string, unknown>): RecordRow {
  row.data = data;
  row.updated = now();
  state.emitRecord('update', collection, row);
  return row;
}

/** Thrown when a required relation still points at the record being deleted. */
export class ReferenceError extends Error {}

/** Deletes a record, fixing or cascading the relation fields that reference it. */
export function deleteRecord(state: State, files: FileStore, collection: CollectionRow, row: RecordRow): void {
  // the realtime "delete" event fires before the delete (OnModelBeforeDelete)
  const plan: Array<() => void> = [];
  collectDelete(state, files, collection, row, plan, new Set());
  state.emitRecord('delete', collection, row);
  for (const step of plan) step();
}

function collectDelete(
  state: State,
  files: FileStore,
  collection: CollectionRow,
  row: RecordRow,
  plan: Array<() => void>,
  seen: Set<string>,
): void {
  seen.add(row.id);
  for (const ref of state.collections) {
    for (const field of ref.schema) {
      if (field.type !== 'relation' || field.options.collectionId !== collection.id) continue;
      for (const refRow of state.recordsOf(ref)) {
        if (refRow.id === row.id || seen.has(refRow.id)) continue;
        const ids = toUniqueStrings(refRow.data[field.name]);
        if (!ids.includes(row.id)) continue;
        const rest = ids.filter((id) => id !== row.id);
        if (field.options.cascadeDelete === true && rest.length === 0) {
          // its own "delete" event fires before its removal, like the parent's
          plan.push(() => state.emitRecord('delete', ref, refRow));
          collectDelete(state, files, ref, refRow, plan, seen);
          continue;
        }
        if (field.required && rest.length === 0) {
          throw new ReferenceError(`The record cannot be deleted because it is part of a required reference in record ${refRow.id} (${ref.name} collection).`);
        }
        plan.push(() => updateRecord(state, ref, refRow, { ...refRow.data, [field.name]: prepareValue(field, rest) }));
      }
    }
  }
  plan.push(() => {
    const rows = state.recordsOf(collection);
    const index = rows.indexOf(row);
    if (index >= 0) rows.splice(index, 1);
    files.removeRecord(collection.id, row.id);
  });
}

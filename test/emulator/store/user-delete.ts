/**
 * daos DeleteUser: removes the user from `user` fields of every record (cascading when the
 * field allows it and no user is left), refusing when a required reference would be emptied.
 */
import type { State } from './state.ts';
import type { FileStore } from './files.ts';
import type { UserRow } from './types.ts';
import { toUniqueStrings } from '../schema/cast.ts';
import { prepareValue } from '../schema/fields.ts';
import { deleteRecord, updateRecord } from '../records/store-ops.ts';

export function deleteUser(state: State, files: FileStore, user: UserRow): boolean {
  const steps: Array<() => void> = [];
  for (const collection of state.collections) {
    for (const row of state.recordsOf(collection)) {
      let next: Record<string, unknown> | null = null;
      let cascade = false;
      for (const field of collection.schema) {
        if (field.type !== 'user') continue;
        const ids = toUniqueStrings(row.data[field.name]);
        if (!ids.includes(user.id)) continue;
        const rest = ids.filter((id) => id !== user.id);
        if (field.options.cascadeDelete === true && rest.length === 0) {
          cascade = true;
          break;
        }
        if (field.required && rest.length === 0) return false;
        next = { ...(next ?? row.data), [field.name]: prepareValue(field, rest) };
      }
      if (cascade) steps.push(() => deleteRecord(state, files, collection, row));
      else if (next) {
        const data = next;
        steps.push(() => updateRecord(state, collection, row, data));
      }
    }
  }
  for (const step of steps) step();
  state.users = state.users.filter((u) => u !== user);
  state.emitAccount('user', 'delete', user.id);
  return true;
}

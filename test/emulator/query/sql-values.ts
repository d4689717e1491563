/**
 * How record values look inside SQLite (what filters compare against): bools are 0/1,
 * multi-value fields are their Go JSON text, json fields are the JSON text PocketBase stores
 * (types.JsonRaw in a column declared JSON, so SQLite keeps numbers as numbers), everything
 * else is stored as is.
 */
import type { SchemaField } from '../store/types.ts';
import { InvalidJson } from '../schema/fields.ts';
import { goJson, storedJson, type FilterValue } from '../../../src/core/filter/index.ts';

/** FilterValue of src/core/filter: bools stay booleans (the evaluator knows they are 0/1). */
export type SqlValue = FilterValue;

export function toSqlValue(field: SchemaField | undefined, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  // The emulator keeps the decoded value; the server keeps the text it got. They agree for
  // values sent as JSON (re-encoded by json.Marshal), not always for JSON text sent as a
  // string, which the server stores as written (spacing, key order, escapes) — and the text
  // "null" is stored as the TEXT `null` there, while schema/fields.ts decodes it to an empty field.
  if (field?.type === 'json') return value instanceof InvalidJson ? { json: value.raw } : storedJson(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return goJson(value); // multi-value fields: types.JsonArray, json.Marshal of the list
}

/** Static request values (@request.*) are bound as query parameters; non-plain ones as their json.Marshal text. */
export function paramValue(value: unknown): SqlValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return goJson(value);
}

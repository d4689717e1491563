/**
 * How record values look inside SQLite (what filters compare against): bools are 0/1,
 * multi-value fields and json are JSON text, everything else is stored as is.
 */
import type { SchemaField } from '../store/types.ts';
import { InvalidJson } from '../schema/fields.ts';

/** FilterValue of src/core/filter: bools stay booleans (the evaluator knows they are 0/1). */
export type SqlValue = null | number | string | boolean;

export function toSqlValue(field: SchemaField | undefined, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (field?.type === 'json') return value instanceof InvalidJson ? value.raw : JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Static request values (@request.*) are bound as query parameters. */
export function paramValue(value: unknown): SqlValue | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Schema field shapes and value normalisation (models/schema/schema_field.go): option
 * structs with their Go field order and zero values, and SchemaField.PrepareValue.
 */
import type { FieldType, SchemaField } from '../store/types.ts';
import { normalizeDate, randomString } from '../store/ids.ts';
import { toBool, toFloat, toStringValue, toUniqueStrings } from './cast.ts';

export const FIELD_TYPES: readonly FieldType[] = [
  'text', 'number', 'bool', 'email', 'url', 'date', 'select', 'json', 'file', 'relation', 'user',
];
export const MULTI_VALUE_TYPES: readonly FieldType[] = ['select', 'file', 'relation', 'user'];

export const isFieldType = (value: unknown): value is FieldType =>
  typeof value === 'string' && (FIELD_TYPES as readonly string[]).includes(value);

/** Thrown when submitted options cannot be decoded into the type's option struct. */
export class OptionsDecodeError extends Error {}

const intOr = (v: unknown, fallback = 0): number => {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new OptionsDecodeError('expected an integer');
  return v;
};
const numOrNull = (v: unknown): number | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number') throw new OptionsDecodeError('expected a number');
  return v;
};
const intOrNull = (v: unknown): number | null => {
  const n = numOrNull(v);
  if (n !== null && !Number.isInteger(n)) throw new OptionsDecodeError('expected an integer');
  return n;
};
const str = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new OptionsDecodeError('expected a string');
  return v;
};
const bool = (v: unknown): boolean => {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new OptionsDecodeError('expected a bool');
  return v;
};
const strList = (v: unknown): string[] | null => {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new OptionsDecodeError('expected strings');
  return v as string[];
};

/** The option struct of a field type, keys in Go declaration order, zero values filled in. */
export function normalizeOptions(type: FieldType, raw: unknown): Record<string, unknown> {
  const o = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  switch (type) {
    case 'text':
      return { min: intOrNull(o.min), max: intOrNull(o.max), pattern: str(o.pattern) };
    case 'number':
      return { min: numOrNull(o.min), max: numOrNull(o.max) };
    case 'bool':
    case 'json':
      return {};
    case 'email':
    case 'url':
      return { exceptDomains: strList(o.exceptDomains), onlyDomains: strList(o.onlyDomains) };
    case 'date':
      return { min: normalizeDate(str(o.min)), max: normalizeDate(str(o.max)) };
    case 'select':
      return { maxSelect: intOr(o.maxSelect), values: strList(o.values) };
    case 'file':
      return { maxSelect: intOr(o.maxSelect), maxSize: intOr(o.maxSize), mimeTypes: strList(o.mimeTypes), thumbs: strList(o.thumbs) };
    case 'relation':
      return { maxSelect: intOr(o.maxSelect), collectionId: str(o.collectionId), cascadeDelete: bool(o.cascadeDelete) };
    case 'user':
      return { maxSelect: intOr(o.maxSelect), cascadeDelete: bool(o.cascadeDelete) };
  }
}

/**
 * Decodes one submitted schema field (SchemaField.UnmarshalJSON). Throws OptionsDecodeError
 * when the type is unknown or the options do not fit, which the server reports as a bind failure.
 */
export function decodeField(raw: unknown): SchemaField {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new OptionsDecodeError('field must be an object');
  const f = raw as Record<string, unknown>;
  if (!isFieldType(f.type)) throw new OptionsDecodeError('Missing or unknown field field type.');
  return {
    system: bool(f.system),
    id: str(f.id) || randomString(8).toLowerCase(),
    name: str(f.name),
    type: f.type,
    required: bool(f.required),
    unique: bool(f.unique),
    options: normalizeOptions(f.type, f.options),
  };
}

export const maxSelectOf = (field: SchemaField): number => {
  const value = field.options.maxSelect;
  return typeof value === 'number' ? value : 0;
};

/** Marks a json field value that is not valid JSON (reported as validation_invalid_json). */
export class InvalidJson {
  constructor(readonly raw: string) {}
  toJSON(): string {
    return this.raw;
  }
}

/** SchemaField.PrepareValue: the normalised value stored for a field. */
export function prepareValue(field: SchemaField, value: unknown): unknown {
  switch (field.type) {
    case 'text':
    case 'email':
    case 'url':
      return toStringValue(value);
    case 'number':
      return toFloat(value);
    case 'bool':
      return toBool(value);
    case 'date':
      return normalizeDate(value);
    case 'json':
      return prepareJson(value);
    case 'select':
    case 'file':
    case 'relation':
    case 'user': {
      const list = toUniqueStrings(value);
      if (maxSelectOf(field) <= 1) return list[0] ?? '';
      return list;
    }
  }
}

function prepareJson(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof InvalidJson) return value;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return new InvalidJson(value);
    }
  }
  return value;
}

/** The zero value stored for a field that was never set. */
export const emptyValue = (field: SchemaField): unknown => prepareValue(field, null);

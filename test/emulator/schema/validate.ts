/**
 * RecordDataValidator (forms/validators/record_data.go): required, per-type checks and
 * uniqueness, first error per field, same codes and messages as v0.7.10.
 */
import { fieldError, type FieldError, type ValidationErrors } from '../http/errors.ts';
import type { State } from '../store/state.ts';
import type { CollectionRow, SchemaField } from '../store/types.ts';
import { toUniqueStrings } from './cast.ts';
import { InvalidJson, maxSelectOf } from './fields.ts';
import { isEmailFormat, isEmpty } from './ozzo.ts';

const requiredErr = (): FieldError => fieldError('validation_required', 'Missing required value');

/** An uploaded file waiting to be stored, keyed by its generated name. */
export interface PendingFile {
  name: string;
  bytes: Buffer;
  type: string;
}

/** Go's %f: six decimals. */
const goFloat = (n: number): string => n.toFixed(6);

export function validateRecordData(
  state: State,
  collection: CollectionRow,
  recordId: string,
  data: Record<string, unknown>,
  uploads: PendingFile[],
): ValidationErrors {
  const errors: ValidationErrors = {};
  for (const field of collection.schema) {
    const value = data[field.name];
    // a json value is raw JSON text on the server: only null/absent is blank
    const blank = field.type === 'json' ? value === null || value === undefined : isEmpty(value);
    if (field.required && blank) {
      errors[field.name] = requiredErr();
      continue;
    }
    const err = checkValue(state, field, value, uploads);
    if (err) {
      errors[field.name] = err;
      continue;
    }
    if (field.unique && !isUnique(state, collection, field, value, recordId)) {
      errors[field.name] = fieldError('validation_not_unique', 'Value must be unique');
    }
  }
  return errors;
}

/** IsRecordValueUnique compares the stored value as is: even two empty values collide. */
function isUnique(state: State, collection: CollectionRow, field: SchemaField, value: unknown, excludeId: string): boolean {
  const key = JSON.stringify(value);
  return !state.recordsOf(collection).some((r) => r.id !== excludeId && JSON.stringify(r.data[field.name]) === key);
}

function checkValue(state: State, field: SchemaField, value: unknown, uploads: PendingFile[]): FieldError | null {
  const o = field.options;
  switch (field.type) {
    case 'text': {
      const v = typeof value === 'string' ? value : '';
      if (v === '') return null;
      const bytes = Buffer.byteLength(v);
      if (typeof o.min === 'number' && bytes < o.min) return fieldError('validation_min_text_constraint', `Must be at least ${o.min} character(s)`);
      if (typeof o.max === 'number' && bytes > o.max) return fieldError('validation_max_text_constraint', `Must be less than ${o.max} character(s)`);
      if (typeof o.pattern === 'string' && o.pattern !== '' && !safeRegex(o.pattern)?.test(v)) {
        return fieldError('validation_invalid_format', 'Invalid value format');
      }
      return null;
    }
    case 'number': {
      const v = typeof value === 'number' ? value : 0;
      if (typeof o.min === 'number' && v < o.min) return fieldError('validation_min_number_constraint', `Must be larger than ${goFloat(o.min)}`);
      if (typeof o.max === 'number' && v > o.max) return fieldError('validation_max_number_constraint', `Must be less than ${goFloat(o.max)}`);
      return null;
    }
    case 'email': {
      const v = typeof value === 'string' ? value : '';
      if (v === '') return null;
      if (!isEmailFormat(v)) return fieldError('validation_invalid_email', 'Must be a valid email');
      const domain = v.slice(v.lastIndexOf('@') + 1);
      if (!domainAllowed(domain, o)) return fieldError('validation_email_domain_not_allowed', 'Email domain is not allowed');
      return null;
    }
    case 'url': {
      const v = typeof value === 'string' ? value : '';
      if (v === '') return null;
      let host: string;
      try {
        const u = new URL(v);
        if (!u.host) throw new Error('no host');
        host = u.host;
      } catch {
        return fieldError('validation_invalid_url', 'Must be a valid url');
      }
      if (!domainAllowed(host, o)) return fieldError('validation_url_domain_not_allowed', 'Url domain is not allowed');
      return null;
    }
    case 'date': {
      const v = typeof value === 'string' ? value : '';
      if (v === '') return field.required ? requiredErr() : null;
      if (typeof o.min === 'string' && o.min !== '' && v < o.min) {
        return fieldError('validation_min_greater_equal_than_required', `must be no less than ${goTimeString(o.min)}`);
      }
      if (typeof o.max === 'string' && o.max !== '' && v > o.max) {
        return fieldError('validation_max_less_equal_than_required', `must be no greater than ${goTimeString(o.max)}`);
      }
      return null;
    }
    case 'select': {
      const values = toUniqueStrings(value);
      if (values.length === 0) return field.required ? requiredErr() : null;
      const max = maxSelectOf(field);
      if (values.length > max) return fieldError('validation_too_many_values', `Select no more than ${max}`);
      const allowed = Array.isArray(o.values) ? (o.values as string[]) : [];
      const bad = values.find((v) => !allowed.includes(v));
      return bad === undefined ? null : fieldError('validation_invalid_value', `Invalid value ${bad}`);
    }
    case 'json':
      return value instanceof InvalidJson ? fieldError('validation_invalid_json', 'Must be a valid json value') : null;
    case 'file': {
      const names = toUniqueStrings(value);
      if (names.length === 0 && field.required) return requiredErr();
      const max = maxSelectOf(field);
      if (names.length > max) return fieldError('validation_too_many_values', `Select no more than ${max}`);
      for (const file of uploads.filter((u) => names.includes(u.name))) {
        const maxSize = typeof o.maxSize === 'number' ? o.maxSize : 0;
        if (file.bytes.length > maxSize) return fieldError('validation_file_size_limit', `Maximum allowed file size is ${maxSize} bytes.`);
        const mimeTypes = Array.isArray(o.mimeTypes) ? (o.mimeTypes as string[]) : [];
        if (mimeTypes.length > 0 && !mimeTypes.includes(file.type.split(';')[0]!.trim())) {
          return fieldError('validation_invalid_mime_type', `The following mime types are only allowed: ${mimeTypes.join(',')}.`);
        }
      }
      return null;
    }
    case 'relation': {
      const ids = toUniqueStrings(value);
      if (ids.length === 0) return field.required ? requiredErr() : null;
      const max = maxSelectOf(field);
      if (ids.length > max) return fieldError('validation_too_many_values', `Select no more than ${max}`);
      const rel = state.findCollection(String(o.collectionId ?? ''));
      if (!rel) return fieldError('validation_missing_rel_collection', 'Relation connection is missing or cannot be accessed');
      const found = ids.filter((id) => state.findRecord(rel, id)).length;
      return found === ids.length ? null : fieldError('validation_missing_rel_records', 'Failed to fetch all relation records with the provided ids');
    }
    case 'user': {
      const ids = toUniqueStrings(value);
      if (ids.length === 0) return field.required ? requiredErr() : null;
      const max = maxSelectOf(field);
      if (ids.length > max) return fieldError('validation_too_many_values', `Select no more than ${max}`);
      const found = ids.filter((id) => state.findUser(id)).length;
      return found === ids.length ? null : fieldError('validation_missing_users', 'Failed to fetch all users with the provided ids');
    }
    case 'bool':
      return null;
  }
}

function domainAllowed(domain: string, o: Record<string, unknown>): boolean {
  const only = Array.isArray(o.onlyDomains) ? (o.onlyDomains as string[]) : [];
  const except = Array.isArray(o.exceptDomains) ? (o.exceptDomains as string[]) : [];
  if (only.length > 0 && !only.includes(domain)) return false;
  return !(except.length > 0 && except.includes(domain));
}

function safeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/**
 * time.Time.String() of a stored date option (`2006-01-02 15:04:05.000`, UTC), which ozzo's
 * Min/Max messages print: "2006-01-02 15:04:05.999999999 -0700 MST", so the fraction loses its
 * trailing zeros (and the dot when it is zero) and the zone is `+0000 UTC`.
 */
export function goTimeString(date: string): string {
  const [day = '', time = ''] = date.split(' ');
  const [clock = '', fraction = ''] = time.split('.');
  const digits = fraction.replace(/0+$/, '');
  return `${day} ${clock}${digits ? `.${digits}` : ''} +0000 UTC`;
}

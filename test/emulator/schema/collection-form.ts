/**
 * CollectionUpsert validation (forms/collection_upsert.go) including Schema.Validate and each
 * field's option rules (models/schema/*.go).
 */
import { fieldError, type FieldError, type ValidationErrors } from '../http/errors.ts';
import type { State } from '../store/state.ts';
import type { CollectionRow, RecordRow, SchemaField } from '../store/types.ts';
import { RecordResolver } from '../query/record-resolver.ts';
import { compileFilter, SearchError } from '../query/search.ts';
import { FIELD_TYPES } from './fields.ts';
import { check, ID_REGEX, length, match, min, max, notIn, oneOf, required } from './ozzo.ts';

const COLLECTION_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_]*$/;
const FIELD_NAME_RE = /^#?\w+$/;
const DOMAIN_RE = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$/;
const THUMB_RE = /^(\d+)x(\d+)(t|b|f)?$/;

/** A collection as submitted: the stored row without its timestamps. */
export type CollectionDraft = Omit<CollectionRow, 'created' | 'updated'>;

const RULES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'] as const;

function optionErrors(field: SchemaField): ValidationErrors {
  const o = field.options;
  const num = (k: string): number | null => (typeof o[k] === 'number' ? (o[k] as number) : null);
  const list = (k: string): string[] => (Array.isArray(o[k]) ? (o[k] as string[]) : []);
  const errs: Record<string, FieldError | null> = {};
  switch (field.type) {
    case 'text': {
      errs.min = check(num('min'), min(0));
      errs.max = check(num('max'), min(num('min') ?? 0));
      const pattern = typeof o.pattern === 'string' ? o.pattern : '';
      if (pattern !== '') {
        try {
          new RegExp(pattern);
        } catch (err) {
          errs.pattern = fieldError('validation_invalid_regex', err instanceof Error ? err.message : 'invalid regex');
        }
      }
      break;
    }
    case 'number':
      if (num('min') !== null && num('max') !== null) errs.max = check(num('max'), min(num('min')!));
      break;
    case 'email':
    case 'url': {
      const only = list('onlyDomains');
      const except = list('exceptDomains');
      const domains = (items: string[], other: string[]): FieldError | null =>
        items.length > 0 && other.length > 0
          ? fieldError('validation_empty', 'must be blank')
          : items.some((d) => !DOMAIN_RE.test(d)) ? fieldError('validation_is_domain', 'must be a valid domain') : null;
      errs.exceptDomains = domains(except, only);
      errs.onlyDomains = domains(only, except);
      break;
    }
    case 'select':
      errs.values = check(list('values'), required);
      errs.maxSelect = check(num('maxSelect'), required, min(1), max(list('values').length));
      break;
    case 'file':
      errs.maxSelect = check(num('maxSelect'), required, min(1));
      errs.maxSize = check(num('maxSize'), required, min(1));
      if (list('thumbs').some((t) => ['0x0', '0x0t', '0x0b', '0x0f'].includes(t) || !THUMB_RE.test(t))) {
        errs.thumbs = fieldError('validation_invalid_value', 'invalid thumb size');
      }
      break;
    case 'relation':
      errs.maxSelect = check(num('maxSelect'), required, min(1));
      errs.collectionId = check(o.collectionId, required);
      break;
    case 'user':
      errs.maxSelect = check(num('maxSelect'), required, min(1));
      break;
    default:
      break;
  }
  const out: ValidationErrors = {};
  for (const [k, v] of Object.entries(errs)) if (v) out[k] = v;
  return out;
}

function fieldErrors(field: SchemaField): ValidationErrors {
  const out: ValidationErrors = {};
  const options = optionErrors(field);
  if (Object.keys(options).length > 0) out.options = options;
  const id = check(field.id, required, length(5, 255));
  if (id) out.id = id;
  const name = check(field.name, required, length(1, 255), match(FIELD_NAME_RE), notIn(['id', 'created', 'updated', 'null', 'true', 'false']));
  if (name) out.name = name;
  const type = check(field.type, required, oneOf(FIELD_TYPES));
  if (type) out.type = type;
  if (field.type === 'file' && field.unique) out.unique = fieldError('validation_empty', 'must be blank');
  return out;
}

function schemaErrors(state: State, draft: CollectionDraft, existing: CollectionRow | null): FieldError | ValidationErrors | null {
  for (const old of existing?.schema ?? []) {
    if (!old.system) continue;
    const next = draft.schema.find((f) => f.id === old.id);
    if (!next || JSON.stringify(next) !== JSON.stringify(old)) return fieldError('validation_system_field_change', 'System fields cannot be deleted or changed.');
  }
  for (const [i, f] of draft.schema.entries()) {
    const old = existing?.schema.find((o) => o.id === f.id);
    if (old && old.type !== f.type) return { [i]: fieldError('validation_field_type_change', 'Field type cannot be changed.') };
  }
  for (const [i, f] of draft.schema.entries()) {
    if (f.type === 'relation' && !state.findCollection(String(f.options.collectionId ?? ''))) {
      return { [i]: fieldError('validation_field_invalid_relation', "The relation collection doesn't exist.") };
    }
  }
  if (draft.schema.length === 0) return fieldError('validation_required', 'cannot be blank');
  const ids: string[] = [];
  const names: string[] = [];
  for (const [i, f] of draft.schema.entries()) {
    if (ids.includes(f.id)) return { [i]: { id: fieldError('validation_duplicated_field_id', 'Duplicated or invalid schema field id') } };
    if (names.includes(f.name.toLowerCase())) return { [i]: { name: fieldError('validation_duplicated_field_name', 'Duplicated or invalid schema field name') } };
    ids.push(f.id);
    names.push(f.name.toLowerCase());
  }
  const perField: ValidationErrors = {};
  for (const [i, f] of draft.schema.entries()) {
    const errs = fieldErrors(f);
    if (Object.keys(errs).length > 0) perField[i] = errs;
  }
  return Object.keys(perField).length > 0 ? perField : null;
}

function ruleError(state: State, draft: CollectionDraft, rule: string | null): FieldError | null {
  if (rule === null || rule === '') return null;
  const dummy: CollectionRow = { ...draft, created: '', updated: '' };
  const resolver = new RecordResolver(state, dummy, null);
  try {
    compileFilter<RecordRow>(rule, (row, identifier) => resolver.resolve(identifier, row));
    return null;
  } catch (err) {
    if (err instanceof SearchError) return fieldError('validation_collection_rule', 'Invalid filter rule.');
    throw err;
  }
}

export function validateCollection(state: State, draft: CollectionDraft, existing: CollectionRow | null): ValidationErrors {
  const errors: ValidationErrors = {};
  if (draft.id !== '') {
    const idErr = existing
      ? draft.id === existing.id ? null : fieldError('validation_in_invalid', 'must be a valid value')
      : check(draft.id, length(15, 15), match(ID_REGEX));
    if (idErr) errors.id = idErr;
  }
  if (existing && draft.system !== existing.system) {
    errors.system = fieldError('validation_system_collection_flag_change', 'System collection state cannot be changed.');
  }
  const nameErr = check(draft.name, required, length(1, 255), match(COLLECTION_NAME_RE), (v) =>
    existing && existing.system && v !== existing.name ? fieldError('validation_system_collection_name_change', 'System collections cannot be renamed.') : null,
  (v) => {
    const selfId = existing?.id ?? draft.id;
    const taken = state.collections.some((c) => c.id !== selfId && c.name.toLowerCase() === String(v).toLowerCase());
    return taken ? fieldError('validation_collection_name_exists', 'Collection name must be unique (case insensitive).') : null;
  });
  if (nameErr) errors.name = nameErr;
  const schemaErr = schemaErrors(state, draft, existing);
  if (schemaErr) errors.schema = schemaErr;
  for (const rule of RULES) {
    const err = ruleError(state, draft, draft[rule]);
    if (err) errors[rule] = err;
  }
  return errors;
}

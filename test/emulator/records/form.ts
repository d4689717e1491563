/**
 * RecordUpsert.LoadData (forms/record_upsert.go): decodes a JSON or multipart body into the
 * record's next field values, the files to upload and the stored files to delete.
 * File fields can only be changed through uploads or deletions: `field: []`/`""`/`null`
 * removes all, `"field.<name>": ""` or `"field.<index>": ""` removes one.
 */
import type { Ctx } from '../http/context.ts';
import { decodeJson, isPlainObject, mediaType } from '../http/body.ts';
import { ApiError, fieldError, type ValidationErrors } from '../http/errors.ts';
import type { CollectionRow, RecordRow } from '../store/types.ts';
import { generateFileName } from '../store/files.ts';
import { toStringValue, toUniqueStrings } from '../schema/cast.ts';
import { MULTI_VALUE_TYPES, maxSelectOf, prepareValue } from '../schema/fields.ts';
import type { PendingFile } from '../schema/validate.ts';
import { ID_REGEX } from '../schema/ozzo.ts';

export interface RecordForm {
  /** The submitted `id` (create only), "" when none. */
  id: string;
  data: Record<string, unknown>;
  uploads: PendingFile[];
  filesToDelete: string[];
  /** The raw body as `@request.data` sees it. */
  requestData: Record<string, unknown>;
}

export const LOAD_ERROR = 'Failed to load the submitted data due to invalid formatting.';

interface DecodedBody {
  values: Record<string, unknown>;
  files: Map<string, PendingFile[]>;
  multipart: boolean;
  /** A JSON `null` body: the submitted data replaces all of the record's data with nothing. */
  reset: boolean;
}

async function decodeBody(ctx: Ctx, collection: CollectionRow): Promise<DecodedBody> {
  const type = mediaType(ctx.header('content-type'));
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      // rest.ReadJsonBodyCopy: a body over 32 MiB is decoded from its first 32 MiB only
      parsed = decodeJson(await ctx.jsonBodyCopy());
    } catch {
      throw new ApiError(400, LOAD_ERROR);
    }
    // decoding `null` sets the map to nil, and unmarshalling that over the record's data
    // empties it too: every field is reset
    if (parsed === null) return { values: {}, files: new Map(), multipart: false, reset: true };
    if (!isPlainObject(parsed)) throw new ApiError(400, LOAD_ERROR);
    return { values: parsed, files: new Map(), multipart: false, reset: false };
  }
  if (type === 'multipart/form-data') {
    let parsed;
    try {
      parsed = await ctx.multipart();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(400, LOAD_ERROR);
    }
    const values: Record<string, unknown> = {};
    for (const [key, list] of parsed.values) {
      const field = collection.schema.find((f) => f.name === key);
      values[key] = field && MULTI_VALUE_TYPES.includes(field.type) ? list : list[0];
    }
    const files = new Map<string, PendingFile[]>();
    for (const part of parsed.files) {
      const list = files.get(part.field) ?? [];
      list.push({ name: generateFileName(part.filename), bytes: part.bytes, type: part.type });
      files.set(part.field, list);
    }
    return { values, files, multipart: true, reset: false };
  }
  throw new ApiError(400, LOAD_ERROR);
}

export async function loadRecordForm(ctx: Ctx, collection: CollectionRow, existing: RecordRow | null): Promise<RecordForm> {
  const body = await decodeBody(ctx, collection);
  const form: RecordForm = {
    id: existing?.id ?? '',
    data: {},
    uploads: [],
    filesToDelete: [],
    requestData: body.values,
  };
  if ('id' in body.values) form.id = toStringValue(body.values.id);
  const extended: Record<string, unknown> = body.reset ? {} : { ...(existing?.data ?? {}), ...body.values };
  for (const field of collection.schema) {
    const key = field.name;
    const value = prepareValue(field, extended[key]);
    if (field.type !== 'file') {
      form.data[key] = value;
      continue;
    }
    const current = existing?.data[key] ?? null;
    let oldNames = toUniqueStrings(current);
    form.data[key] = current;
    if (toUniqueStrings(value).length === 0 && oldNames.length > 0) {
      form.filesToDelete.push(...oldNames);
      form.data[key] = [];
    } else if (oldNames.length > 0) {
      const keep = oldNames.filter((name, index) => {
        const byName = extended[`${key}.${name}`];
        const byIndex = extended[`${key}.${index}`];
        const remove = (byName !== undefined && toStringValue(byName) === '') || (byIndex !== undefined && toStringValue(byIndex) === '');
        if (remove) form.filesToDelete.push(name);
        return !remove;
      });
      form.data[key] = keep;
    }
    const files = body.multipart ? body.files.get(key) : undefined;
    if (!files || files.length === 0) continue;
    oldNames = toUniqueStrings(form.data[key]);
    const maxSelect = maxSelectOf(field);
    if (maxSelect === 1) {
      for (const name of oldNames) if (!form.filesToDelete.includes(name)) form.filesToDelete.push(name);
      form.uploads.push(files[0]!);
      form.data[key] = files[0]!.name;
    } else if (maxSelect > 1) {
      form.uploads.push(...files);
      form.data[key] = [...oldNames, ...files.map((f) => f.name)];
    }
  }
  for (const field of collection.schema) form.data[field.name] = prepareValue(field, form.data[field.name]);
  return form;
}

/** The id rule of RecordUpsert.Validate. */
export function validateFormId(form: RecordForm, existing: RecordRow | null): ValidationErrors {
  if (form.id === '') return {};
  if (!existing) {
    if ([...form.id].length !== 15) return { id: fieldError('validation_length_invalid', 'the length must be exactly 15') };
    if (!ID_REGEX.test(form.id)) return { id: fieldError('validation_match_invalid', 'must be in a valid format') };
    return {};
  }
  return form.id === existing.id ? {} : { id: fieldError('validation_in_invalid', 'must be a valid value') };
}

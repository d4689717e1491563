/**
 * echo's DefaultBinder for the forms: an empty body binds nothing; JSON must decode into the
 * form's field types; urlencoded/multipart bind by key; any other content type is rejected.
 * Each handler wraps a bind failure in its own 400 message.
 */
import type { Ctx } from './context.ts';
import { decodeJson, isPlainObject, mediaType } from './body.ts';
import { ApiError, badRequest } from './errors.ts';

export type FieldKind = 'string' | 'bool' | 'int' | 'strings' | 'raw';

export class BindError extends Error {}

function checkKind(key: string, kind: FieldKind, value: unknown): unknown {
  if (value === null) return undefined;
  const fail = (): never => {
    throw new BindError(`json: cannot unmarshal field ${key}`);
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : fail();
    case 'bool':
      return typeof value === 'boolean' ? value : fail();
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) ? value : fail();
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : fail();
    case 'raw':
      return value;
  }
}

function fromText(kind: FieldKind, values: string[]): unknown {
  const first = values[0] ?? '';
  switch (kind) {
    case 'bool':
      if (first === '') return false;
      if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(first)) return true;
      if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(first)) return false;
      throw new BindError('invalid bool');
    case 'int':
      if (first === '') return 0;
      if (!/^[+-]?\d+$/.test(first)) throw new BindError('invalid int');
      return Number(first);
    case 'strings':
      return values;
    default:
      return first;
  }
}

/**
 * Binds the request body into a plain object holding only the spec's keys that were sent.
 * Throws BindError (or a 413 ApiError) on failure.
 */
export async function bindBody(ctx: Ctx, spec: Record<string, FieldKind>): Promise<Record<string, unknown>> {
  const body = await ctx.body();
  const out: Record<string, unknown> = {};
  if (body.length === 0) return out;
  const type = mediaType(ctx.header('content-type'));
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = decodeJson(body);
    } catch {
      throw new BindError('malformed JSON');
    }
    if (parsed === null) return out;
    if (!isPlainObject(parsed)) throw new BindError('json: cannot unmarshal into the form');
    for (const [key, kind] of Object.entries(spec)) {
      if (key in parsed) {
        const value = checkKind(key, kind, parsed[key]);
        if (value !== undefined) out[key] = value;
      }
    }
    return out;
  }
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    const values = new Map<string, string[]>();
    if (type === 'multipart/form-data') {
      try {
        for (const [k, v] of (await ctx.multipart()).values) values.set(k, v);
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new BindError('malformed multipart body');
      }
    } else {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) values.set(k, [...(values.get(k) ?? []), v]);
    }
    for (const [key, kind] of Object.entries(spec)) {
      const list = values.get(key);
      if (list && kind !== 'raw') out[key] = fromText(kind, list);
    }
    return out;
  }
  throw new BindError('Unsupported Media Type');
}

/** bindBody with the handler's 400 message for any bind failure. */
export async function bindOr400(ctx: Ctx, spec: Record<string, FieldKind>, message: string): Promise<Record<string, unknown>> {
  try {
    return await bindBody(ctx, spec);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw badRequest(message);
  }
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

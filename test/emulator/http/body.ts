/**
 * Request body reading, plus the decoders the server uses: JSON the way Go's json.Decoder reads
 * it (the first value; what follows is never looked at) and multipart/form-data (parsed with
 * the platform's Request#formData()).
 */
import type { IncomingMessage } from 'node:http';

/**
 * The most bytes of a body the emulator keeps in memory (the real server has no overall limit).
 * The rest of a longer body is read and dropped.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 << 20;

/** rest.DefaultMaxMemory: rest.ReadJsonBodyCopy (the record routes' JSON) reads this much only. */
export const JSON_COPY_LIMIT = 32 << 20;

export interface BodyBytes {
  /** The first `limit` bytes at most. */
  bytes: Buffer;
  /** Whether the body was longer than what `bytes` holds. */
  cut: boolean;
}

/** Reads the body, keeping the first `limit` bytes; the rest is drained without being stored. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyBytes> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (cut) return;
      const room = limit - size;
      if (chunk.length > room) {
        cut = true;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size = limit;
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ bytes: Buffer.concat(chunks), cut });
      done = true;
    });
    req.on('error', (err) => {
      if (!done) reject(err);
      done = true;
    });
    req.on('aborted', () => {
      if (!done) reject(new Error('request aborted'));
      done = true;
    });
  });
}

/** Thrown for a body Go's json.Decoder cannot decode (syntax error, unexpected EOF). */
export class JsonDecodeError extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Index just past the JSON value starting at `i` (its extent only; JSON.parse checks it). */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = stringEnd(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    throw new JsonDecodeError('unexpected EOF');
  }
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  if (!m) throw new JsonDecodeError(`invalid character ${JSON.stringify(c ?? '')} looking for beginning of value`);
  const end = i + m[0].length;
  // the scanner takes a `.` or an exponent mark and then needs digits
  const next = text[end];
  if ((next === '.' && m[1] === undefined && m[2] === undefined) || ((next === 'e' || next === 'E') && m[2] === undefined)) {
    throw new JsonDecodeError('invalid numeric literal');
  }
  return end;
}

function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new JsonDecodeError('unexpected EOF');
}

/**
 * json.NewDecoder(body).Decode(&v): decodes the first JSON value after optional whitespace;
 * anything after it is ignored (so a body cut short fails, a value followed by junk does not).
 */
export function decodeJson(body: Buffer | string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  let i = 0;
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  if (i >= text.length) throw new JsonDecodeError('EOF');
  const end = valueEnd(text, i);
  try {
    return JSON.parse(text.slice(i, end)) as unknown;
  } catch (err) {
    throw new JsonDecodeError(err instanceof Error ? err.message : 'invalid JSON');
  }
}

/** The media type without parameters, like RecordUpsert.getContentType. */
export function mediaType(contentType: string | undefined): string {
  const t = contentType ?? '';
  const cut = t.search(/[ ;]/);
  return cut === -1 ? t : t.slice(0, cut);
}

/** An uploaded file part. */
export interface UploadedPart {
  field: string;
  filename: string;
  type: string;
  bytes: Buffer;
}

export interface MultipartData {
  /** Text values per key, in submission order. */
  values: Map<string, string[]>;
  files: UploadedPart[];
}

export async function parseMultipart(body: Buffer, contentType: string): Promise<MultipartData> {
  const request = new Request('http://emulator.local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(body),
  });
  const form = await request.formData();
  const values = new Map<string, string[]>();
  const files: UploadedPart[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      const list = values.get(key) ?? [];
      list.push(value);
      values.set(key, list);
    } else {
      files.push({
        field: key,
        filename: value.name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { values, files };
}

/** Plain object check (JSON objects only, not arrays/null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

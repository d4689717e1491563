/**
 * Request body reading with a size limit, plus the two decoders the server uses:
 * JSON and multipart/form-data (parsed with the platform's Request#formData()).
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.ts';

export const DEFAULT_MAX_BODY_BYTES = 32 << 20; // rest.DefaultMaxMemory

/** Reads the whole body; a body over `limit` bytes is rejected with 413 (echo BodyLimit style). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      reject(new ApiError(413, 'Request Entity Too Large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new ApiError(413, 'Request Entity Too Large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
      failed = true;
    });
    req.on('aborted', () => {
      if (!failed) reject(new Error('request aborted'));
      failed = true;
    });
  });
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

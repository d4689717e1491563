/**
 * Uploaded file storage in a temp dir (`<dir>/<collectionId>/<recordId>/<name>`), the server's
 * file naming (snake_case name + "_" + 10 random chars + sanitized extension) and a small
 * content sniffer standing in for gabriel-vasile/mimetype.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { randomString } from './ids.ts';

/** inflector.Snakecase */
export function snakecase(text: string): string {
  const words = text.split(/[\W_]+/).filter(Boolean);
  return words
    .map((word) => {
      let out = '';
      for (let i = 0; i < word.length; i++) {
        const c = word[i]!;
        const upper = c !== c.toLowerCase();
        const prevUpper = i > 0 && word[i - 1] !== word[i - 1]!.toLowerCase();
        if (upper && i > 0 && !prevUpper) out += '_';
        out += c;
      }
      return out;
    })
    .join('_')
    .toLowerCase();
}

/** rest.FindUploadedFiles naming. */
export function generateFileName(original: string): string {
  const ext = extname(original);
  const safeExt = ext.replace(/[^\w.*\-+=#]+/g, '');
  let name = snakecase(original.slice(0, original.length - ext.length));
  if (name.length < 3) name += `_${randomString(10)}`;
  else if (name.length > 100) name = name.slice(0, 100);
  return `${name}_${randomString(10)}${safeExt}`;
}

const startsWith = (bytes: Buffer, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** Detects the stored content type from the bytes, like mimetype.Detect for common files. */
export function sniffContentType(bytes: Buffer): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1').startsWith('GIF8')) return 'image/gif';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes) && !text.includes('\u0000')) {
    const head = text.trimStart().slice(0, 256).toLowerCase();
    if (head.startsWith('<svg') || (head.startsWith('<?xml') && text.includes('<svg'))) return 'image/svg+xml';
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'text/html; charset=utf-8';
    return 'text/plain; charset=utf-8';
  }
  return 'application/octet-stream';
}

export class FileStore {
  constructor(readonly root: string) {}

  private dir(collectionId: string, recordId: string): string {
    return join(this.root, collectionId, recordId);
  }

  save(collectionId: string, recordId: string, name: string, bytes: Buffer): void {
    const dir = this.dir(collectionId, recordId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }

  read(collectionId: string, recordId: string, name: string): { bytes: Buffer; modified: Date } | null {
    try {
      const path = join(this.dir(collectionId, recordId), name);
      return { bytes: readFileSync(path), modified: statSync(path).mtime };
    } catch {
      return null;
    }
  }

  remove(collectionId: string, recordId: string, name: string): void {
    rmSync(join(this.dir(collectionId, recordId), name), { force: true });
  }

  removeRecord(collectionId: string, recordId: string): void {
    rmSync(this.dir(collectionId, recordId), { recursive: true, force: true });
  }

  removeCollection(collectionId: string): void {
    rmSync(join(this.root, collectionId), { recursive: true, force: true });
  }
}

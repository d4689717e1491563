/**
 * GET /api/files/:collection/:recordId/:filename — apis/file.go and filesystem.Serve.
 * Thumbnails (`?thumb=`) are not generated: the original file is served.
 */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { notFound } from '../http/errors.ts';
import { sniffContentType } from '../store/files.ts';
import { toUniqueStrings } from '../schema/cast.ts';

const INLINE_TYPES = [
  'image/png', 'image/jpg', 'image/jpeg', 'image/gif', 'image/webp', 'image/x-icon', 'image/bmp',
  'video/webm', 'video/mp4', 'video/3gpp', 'video/quicktime', 'video/x-ms-wmv',
  'audio/basic', 'audio/aiff', 'audio/mpeg', 'audio/midi', 'audio/mp3', 'audio/wave',
  'audio/wav', 'audio/x-wav', 'audio/x-mpeg', 'audio/x-m4a', 'audio/aac',
  'application/pdf', 'application/x-pdf',
];
const EXTENSION_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.css': 'text/css' };

/** Go's "Mon, 02 Jan 06 15:04:05 MST" in GMT (note the two-digit year the server uses). */
function lastModified(date: Date): string {
  const [day, dd, mon, yyyy, time] = date.toUTCString().replace(',', '').split(' ');
  return `${day}, ${dd} ${mon} ${yyyy!.slice(2)} ${time} GMT`;
}

function download(ctx: Ctx): Reply {
  const collection = ctx.state.findCollection(ctx.params.collection ?? '');
  if (!collection) throw notFound();
  const record = ctx.state.findRecord(collection, ctx.params.recordId ?? '');
  if (!record) throw notFound();
  const filename = ctx.params.filename ?? '';
  const owns = collection.schema.some((f) => f.type === 'file' && toUniqueStrings(record.data[f.name]).includes(filename));
  if (!owns) throw notFound();
  const file = ctx.services.files.read(collection.id, record.id, filename);
  if (!file) throw notFound();
  const real = sniffContentType(file.bytes);
  const ext = filename.slice(filename.lastIndexOf('.'));
  const type = EXTENSION_TYPES[ext] ?? real;
  ctx.res.removeHeader('X-Frame-Options');
  ctx.res.writeHead(200, {
    'Content-Disposition': `${INLINE_TYPES.includes(real) ? 'inline' : 'attachment'}; filename=${filename}`,
    'Content-Type': type,
    'Content-Length': file.bytes.length,
    'Content-Security-Policy': "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Last-Modified': lastModified(file.modified),
  });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : file.bytes);
  return null;
}

export function registerFileRoutes(router: Router): void {
  router.add('GET', '/api/files/:collection/:recordId/:filename', download);
}

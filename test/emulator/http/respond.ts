/**
 * Writes responses the way echo does: `c.JSON` appends a newline and Go's encoder escapes
 * <, > and & (plus U+2028/U+2029); the Secure() middleware adds three headers to everything.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Encodes like Go's json.Encoder with SetEscapeHTML(true), including the trailing newline. */
export function goJson(value: unknown, indent = ''): string {
  return (
    JSON.stringify(value, null, indent || undefined)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029') + '\n'
  );
}

/** Headers echo's Secure() middleware (default config) sets on every response. */
export function applySecureHeaders(res: ServerResponse): void {
  res.setHeader('X-Xss-Protection', '1; mode=block');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
}

export const CORS_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

/**
 * echo's CORS middleware with AllowOrigins ["*"] (the `serve --origins` default): it always
 * adds `Vary: Origin`, but sets Access-Control-Allow-Origin only when the request has an
 * Origin header. Returns true when the request was a preflight that has been answered (204).
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  res.appendHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS';
  if (!origin) {
    if (!preflight) return false;
    res.writeHead(204).end();
    return true;
  }
  if (!preflight) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    return false;
  }
  res.appendHeader('Vary', 'Access-Control-Request-Method');
  res.appendHeader('Vary', 'Access-Control-Request-Headers');
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
  const requested = req.headers['access-control-request-headers'];
  if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
  res.writeHead(204).end();
  return true;
}

/** `pretty`: echo indents with two spaces when the query has a `pretty` param. */
export function sendJson(res: ServerResponse, status: number, body: unknown, method = 'GET', pretty = false): void {
  if (method === 'HEAD') {
    res.writeHead(status).end();
    return;
  }
  const text = goJson(body, pretty ? '  ' : '');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse, status = 204): void {
  res.writeHead(status).end();
}

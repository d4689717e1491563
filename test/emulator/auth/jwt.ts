/**
 * HS256 JWTs as golang-jwt v4 produces them: header {"alg":"HS256","typ":"JWT"}, claims
 * with sorted keys (Go marshals maps sorted), signing key = account tokenKey + settings secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function sortedJson(claims: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(claims).sort()) sorted[key] = claims[key];
  return JSON.stringify(sorted);
}

/** security.NewToken: adds `exp` = now + duration seconds. */
export function signToken(payload: Record<string, unknown>, signingKey: string, durationSeconds: number): string {
  const claims = { ...payload, exp: Math.floor(Date.now() / 1000) + durationSeconds };
  const head = b64url('{"alg":"HS256","typ":"JWT"}');
  const body = b64url(sortedJson(claims));
  const sig = createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * security.ParseUnverifiedJWT: decodes the claims and checks exp (when present);
 * null when malformed or expired.
 */
export function parseUnverified(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    const record = claims as Record<string, unknown>;
    if (typeof record.exp === 'number' && record.exp * 1000 < Date.now()) return null;
    return record;
  } catch {
    return null;
  }
}

/** security.ParseJWT: HS256 only, valid signature and not expired. */
export function verifyToken(token: string, key: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'HS256') return null;
  } catch {
    return null;
  }
  const expected = createHmac('sha256', key).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return parseUnverified(token);
}

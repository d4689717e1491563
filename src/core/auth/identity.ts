import { getTokenPayload, isTokenExpired, tokenExpiresAt } from '../jwt';
import { authKind } from './model';

/**
 * Who a PocketBase v0.7 server takes a request for, given the token the client will send:
 * `'admin:<id>'`, `'user:<id>'`, or `''` for a guest. The server treats a missing, malformed or
 * expired token, and one without an `id` claim, as no token at all, so those are guests too.
 * This is the SDK's one definition of identity: realtime binds its connection to it (v0.7
 * refuses to move a realtime client to another identity) and live queries re-fetch when it
 * changes. The kind is the one the `Authorization` header names (see `Client.authHeader`).
 */
export function authIdentity(token: string, model: unknown): string {
    if (!token || isTokenExpired(token)) return '';
    const id = getTokenPayload(token).id;
    if (typeof id !== 'string' || !id) return '';
    return (authKind(token, model) === 'admin' ? 'admin:' : 'user:') + id;
}

/**
 * When `authIdentity` of this token turns into a guest by itself (its expiry, ms since the
 * epoch), or null when it never does (no token, already expired, no `exp`).
 */
export function identityExpiresAt(token: string): number | null {
    return token && !isTokenExpired(token) ? tokenExpiresAt(token) : null;
}

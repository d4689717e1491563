import { asObject } from './normalize';

/** The claims PocketBase v0.7 puts in its tokens (others are kept). */
export interface TokenPayload {
    [claim: string]: unknown;
    id?: string;
    type?: string;
    exp?: number;
}

/**
 * Decodes a JWT's payload without verifying it (the server does that). Anything that is not a
 * well-formed token gives `{}`, never an exception.
 *
 * @example
 * getTokenPayload(pb.authStore.token).type; // 'user' | 'admin' | undefined
 */
export function getTokenPayload(token: string): TokenPayload {
    if (typeof token !== 'string') return {};
    try {
        // No payload part, bad base64, bad UTF-8, bad JSON: all throw here and read as no claims.
        return asObject(JSON.parse(decodeBase64Url(token.split('.')[1]!))) as TokenPayload;
    } catch {
        return {};
    }
}

/**
 * Whether a token is missing, malformed or past its `exp` (minus `expirationThreshold` seconds).
 * A well-formed token without `exp` never expires, as in the official SDK.
 *
 * @example
 * isTokenExpired(token, 60); // expires within the next minute?
 */
export function isTokenExpired(token: string, expirationThreshold = 0): boolean {
    const payload = getTokenPayload(token);
    if (Object.keys(payload).length === 0) return true;
    if (payload.exp == null) return false; // undefined or null: no expiry
    const exp = Number(payload.exp);
    if (!Number.isFinite(exp)) return true;
    return exp - expirationThreshold <= Date.now() / 1000;
}

/** Milliseconds since the epoch at which the token expires, or null (no `exp`, or not a token). */
export function tokenExpiresAt(token: string): number | null {
    const exp = Number(getTokenPayload(token).exp);
    return Number.isFinite(exp) && exp > 0 ? exp * 1000 : null;
}

function decodeBase64Url(input: string): string {
    const base64 = input.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    // atob is global in browsers and Node >= 16; its output is bytes, so decode them as UTF-8.
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random id as PocketBase v0.7 makes record ids: `length` characters of [a-z0-9] (15 by default),
 * from `crypto.getRandomValues`.
 */
export function randomId(length = 15): string {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    let id = '';
    for (const byte of bytes) id += ID_CHARS[byte % ID_CHARS.length];
    return id;
}

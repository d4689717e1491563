// Where the collections come from: a PocketBase v0.7 server (through the SDK's own client, signed
// in as an admin: the collections API is admin-only) or a JSON file. Every failure is a
// TypegenError whose message says what to fix.
import { Client } from '../core/Client';
import { BaseAuthStore } from '../core/auth/BaseAuthStore';
import { ClientResponseError } from '../core/errors';
import { getTokenPayload, isTokenExpired } from '../core/jwt';
import { Collection } from '../core/models/Collection';
import { isRecord } from '../core/normalize';

/** A failure the CLI reports as it is (no stack trace). */
export class TypegenError extends Error {
    override name = 'TypegenError';
}

/** How to reach the server: an admin's email and password, or an admin token. */
export interface ServerSource {
    url: string;
    email?: string;
    password?: string;
    token?: string;
}

/** The token and model stay in memory: nothing is written to any storage. */
class MemoryAuthStore extends BaseAuthStore {}

/**
 * Every collection of a v0.7 server, read with the SDK as an admin.
 *
 * @example
 * const collections = await collectionsFromServer({ url: 'http://127.0.0.1:8090', email, password });
 */
export async function collectionsFromServer(source: ServerSource): Promise<Collection[]> {
    const url = checkUrl(source.url);
    const pb = new Client(url, 'en-US', new MemoryAuthStore());
    if (source.token) {
        checkToken(source.token);
        pb.authStore.save(source.token, null);
    } else {
        if (!source.email || !source.password) throw new TypegenError('--url needs --email and --password of an admin, or --token.');
        try {
            const { token } = await pb.admins.authViaEmail(source.email, source.password);
            if (!token) throw new TypegenError(`${url} answered the admin sign-in without a token: is it a PocketBase v0.7 server?`);
        } catch (err) {
            throw explain(err, url, 'sign-in');
        }
    }
    let collections: Collection[];
    try {
        collections = await pb.collections.getFullList(200);
    } catch (err) {
        throw explain(err, url, 'collections');
    }
    // Every v0.7 server has at least the system collection `profiles`.
    if (!collections.length) throw new TypegenError(`${url} listed no collections: is it a PocketBase v0.7 server?`);
    return collections;
}

/**
 * The collections of a JSON document: the admin UI's export (an array) or a saved
 * `pb.collections.getFullList()` / `getList()` answer.
 *
 * @example
 * const collections = collectionsFromJson(readFileSync('pb_schema.json', 'utf8'), 'pb_schema.json');
 */
export function collectionsFromJson(text: string, file: string): Collection[] {
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch (err) {
        throw new TypegenError(`${file} is not JSON: ${(err as Error).message}`);
    }
    const items: unknown = isRecord(data) ? data.items : data;
    if (!Array.isArray(items)) throw new TypegenError(`${file} is not a list of collections (the admin UI's export is a JSON array).`);
    if (!items.length) throw new TypegenError(`${file} holds no collections.`);
    items.forEach((item, i) => {
        if (!isRecord(item) || typeof item.name !== 'string' || !item.name || !Array.isArray(item.schema)) {
            throw new TypegenError(`${file}: item ${i} is not a collection (it needs a "name" and a "schema" list).`);
        }
    });
    return items.map((item) => new Collection(item as { [key: string]: unknown }));
}

function checkUrl(url: string): string {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new TypegenError(`--url ${JSON.stringify(url)} is not a URL; expected e.g. http://127.0.0.1:8090`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new TypegenError(`--url ${JSON.stringify(url)} is not an http(s) URL; expected e.g. http://127.0.0.1:8090`);
    }
    return url;
}

/** A user token or an expired one is refused here, before anything is sent. */
function checkToken(token: string): void {
    const type = getTokenPayload(token).type;
    if (type === undefined) throw new TypegenError('--token is not a PocketBase token.');
    if (type !== 'admin') throw new TypegenError(`--token is a ${JSON.stringify(type)} token; the collections API needs an admin token.`);
    if (isTokenExpired(token)) throw new TypegenError('--token has expired; sign in again or use --email and --password.');
}

/** A failed request as a message that says what to fix. */
function explain(err: unknown, url: string, step: 'sign-in' | 'collections'): Error {
    if (err instanceof TypegenError || !(err instanceof ClientResponseError)) return err as Error;
    const said = `(${err.status}${err.message ? ' ' + err.message : ''})`;
    if (err.status === 0) return new TypegenError(`Cannot reach ${url}: ${rootCause(err)}`);
    if (err.status === 404) return new TypegenError(`${url} has no PocketBase v0.7 API (404 for ${new URL(err.url || url).pathname}).`);
    if (step === 'sign-in' && err.status === 400) {
        return new TypegenError(`Admin sign-in at ${url} failed ${said}: wrong email or password? typegen needs an admin's account (a user's cannot read collections).`);
    }
    if (step === 'collections' && (err.status === 401 || err.status === 403)) {
        return new TypegenError(`${url} refused to list the collections ${said}: the token is not a valid admin token.`);
    }
    return new TypegenError(`${step === 'sign-in' ? 'Admin sign-in' : 'Listing the collections'} at ${url} failed ${said}.`);
}

/** The innermost error message of a network failure (fetch's own is just "fetch failed"). */
function rootCause(err: ClientResponseError): string {
    let cause: unknown = err.originalError;
    let message = err.message;
    for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
        const code = (cause as { code?: unknown }).code;
        message = typeof code === 'string' && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
        cause = (cause as { cause?: unknown }).cause;
    }
    return message;
}

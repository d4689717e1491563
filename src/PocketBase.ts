import { Client, type ClientOptions } from './core/Client';
import type { BaseAuthStore } from './core/auth/BaseAuthStore';

/** Options of `PocketBase` beyond the official SDK's three positional arguments. */
export interface PocketBaseOptions extends ClientOptions {}

/**
 * The PocketBase v0.7 client: the official JS SDK's API (same constructor, services, auth store,
 * auto-cancellation and hooks), stricter about failures.
 *
 * @example
 * import PocketBase from 'pocketbase-reactive';
 *
 * const pb = new PocketBase('http://127.0.0.1:8090');
 * await pb.users.authViaEmail('user@example.com', 'password123');
 * const posts = await pb.records.getList('posts', 1, 20, { sort: '-created' });
 */
export class PocketBase extends Client {
    constructor(baseUrl = '/', lang = 'en-US', authStore?: BaseAuthStore | null, options: PocketBaseOptions = {}) {
        super(baseUrl, lang, authStore, options);
    }
}

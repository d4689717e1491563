import type { Client } from '../core/Client';
import type { BaseAuthStore } from '../core/auth/BaseAuthStore';
import { getTokenPayload } from '../core/jwt';

/**
 * Who the server will take the client for: `user:<id>`, `admin:<id>`, or '' for a guest. PocketBase
 * v0.7 binds a realtime client to the first identity that subscribed and answers 403 to another.
 * A token refresh keeps the identity; a token without claims counts as itself.
 */
export function authIdentity(store: BaseAuthStore): string {
    const token = store.token;
    if (!token) return '';
    const payload = getTokenPayload(token);
    const id = typeof payload.id === 'string' && payload.id ? payload.id : store.model?.id;
    if (!id) return 'token:' + token;
    const type = payload.type === 'admin' || payload.type === 'user' ? payload.type : store.isAdmin ? 'admin' : 'user';
    return type + ':' + id;
}

/**
 * Watches the client's auth while realtime is in use (a change of the store, or the store
 * replaced by another), through the client's `onAuthChange`, and only then: no listener is left
 * on any store once stopped.
 */
export class AuthWatcher {
    private unbind: (() => void) | null = null;

    constructor(
        private readonly client: Client,
        private readonly onChange: () => void,
    ) {}

    /** Starts watching (idempotent). */
    start(): void {
        this.unbind ??= this.client.onAuthChange(() => this.onChange());
    }

    /** Stops watching. */
    stop(): void {
        this.unbind?.();
        this.unbind = null;
    }

    /** Whether a listener is registered. */
    get watching(): boolean {
        return this.unbind !== null;
    }
}

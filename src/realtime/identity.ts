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
 * Watches the client's auth store while realtime is in use: `onChange` of the current store,
 * and replacement of the store itself (`pb.authStore = other`), which `check()` notices.
 */
export class AuthWatcher {
    private store: BaseAuthStore | null = null;
    private unbind: (() => void) | null = null;

    constructor(
        private readonly currentStore: () => BaseAuthStore,
        private readonly onChange: () => void,
    ) {}

    /** Listens to the current store (idempotent). */
    start(): void {
        const store = this.currentStore();
        if (store === this.store) return;
        this.stop();
        this.store = store;
        this.unbind = store.onChange(() => this.onChange());
    }

    /** Whether a store listener is registered. */
    get watching(): boolean {
        return this.unbind !== null;
    }

    /** Stops listening; no listener is left on any store. */
    stop(): void {
        this.unbind?.();
        this.unbind = null;
        this.store = null;
    }

    /** Follows a replaced store while watching; true (and `onChange` called) when it was replaced. */
    check(): boolean {
        if (!this.store || this.currentStore() === this.store) return false;
        this.start();
        this.onChange();
        return true;
    }
}

import type { Client } from '../core/Client';
import { identityExpiresAt } from '../core/auth/identity';
import type { Timers } from './types';

// setTimeout fires at once for delays past 2^31 - 1 ms; a longer wait is re-armed.
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Watches the identity the server sees while realtime is in use: the client's auth changes (a
 * change of the store, or the store replaced by another, through `onAuthChange`) and the
 * token's expiry, which turns the client into a guest without any change event. Only while
 * started: no listener or timer is left once stopped.
 */
export class AuthWatcher {
    private unbind: (() => void) | null = null;
    private expiryTimer: unknown = null;

    constructor(
        private readonly client: Client,
        private readonly timers: Timers,
        private readonly onChange: () => void,
    ) {}

    /** Starts watching (idempotent). */
    start(): void {
        if (this.unbind) return;
        this.unbind = this.client.onAuthChange(() => this.changed());
        this.armExpiry();
    }

    /** Stops watching. */
    stop(): void {
        this.unbind?.();
        this.unbind = null;
        this.clearExpiry();
    }

    /** Listeners and timers held (0 or 1 each), for leak checks. */
    get resourceCount(): number {
        return (this.unbind ? 1 : 0) + (this.expiryTimer !== null ? 1 : 0);
    }

    private changed(): void {
        this.armExpiry();
        this.onChange();
    }

    private armExpiry(): void {
        this.clearExpiry();
        const at = identityExpiresAt(this.client.authStore.token);
        if (at === null) return;
        const delay = at - Date.now();
        this.expiryTimer = this.timers.setTimeout(() => {
            this.expiryTimer = null;
            if (delay > MAX_DELAY) this.armExpiry();
            else this.changed();
        }, Math.min(MAX_DELAY, Math.max(0, delay) + 1));
    }

    private clearExpiry(): void {
        if (this.expiryTimer === null) return;
        this.timers.clearTimeout(this.expiryTimer);
        this.expiryTimer = null;
    }
}

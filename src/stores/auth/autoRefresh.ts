import type { Client } from '../../core/Client';
import type { ClientResponseError } from '../../core/errors';
import { tokenExpiresAt } from '../../core/jwt';
import { authSource } from './source';
import { refreshAuth } from './refresh';
import { callAt } from './timer';
import type { AuthState } from './state';

/** Options of `autoRefresh`. */
export interface AutoRefreshOptions {
    /** Refresh this many seconds before the token expires (default 300). */
    before?: number;
    /** First retry delay in seconds after a transient failure, doubled per attempt (default 5). */
    retryDelay?: number;
    /** Longest retry delay in seconds (default 300). */
    maxRetryDelay?: number;
    /** Told about every failed refresh (a 401/403 has already signed the store out). */
    onError?: (error: ClientResponseError) => void;
}

/**
 * Keeps the session alive while the app runs: refreshes the token (user or admin) `before`
 * seconds before it expires, and again after every new token. Refreshes are coalesced with any
 * other `refreshAuth` in flight. A 401/403 answer signs the store out cleanly; a network failure
 * or a 5xx keeps the auth and retries with backoff. Returns the function that stops it (a refresh
 * already in flight still saves its result).
 *
 * @example
 * const stopRefreshing = autoRefresh(pb, { before: 120 });
 * // later, e.g. when the app is torn down:
 * stopRefreshing();
 */
export function autoRefresh(pb: Client, options: AutoRefreshOptions = {}): () => void {
    const before = (options.before ?? 300) * 1000;
    const retryDelay = (options.retryDelay ?? 5) * 1000;
    const maxRetryDelay = (options.maxRetryDelay ?? 300) * 1000;
    let cancelTimer = noop;
    let stopped = false;
    let failures = 0;
    let token = '';

    const run = (): void => {
        cancelTimer = noop;
        const refreshed = token;
        refreshAuth(pb).then(() => {
            failures = 0;
        }, (error: ClientResponseError) => {
            if (stopped) return;
            options.onError?.(error);
            // Signed out (401/403) or the auth changed meanwhile: the new state plans what is next.
            if (token !== refreshed || error.status === 401 || error.status === 403) return;
            failures++;
            const delay = Math.min(retryDelay * 2 ** (failures - 1), maxRetryDelay);
            cancelTimer = callAt(Date.now() + delay, run);
        });
    };

    const plan = (state: AuthState): void => {
        if (state.token === token) return; // only validity changed (expiry): the plan stands
        token = state.token;
        failures = 0;
        cancelTimer();
        cancelTimer = noop;
        const expiresAt = tokenExpiresAt(state.token);
        if (!state.token || expiresAt === null) return;
        // Never sooner than halfway through the remaining life, so a `before` longer than the
        // token's lifetime cannot turn into a refresh loop.
        const now = Date.now();
        const at = Math.max(expiresAt - before, now + (expiresAt - now) / 2);
        cancelTimer = callAt(at, run);
    };

    const unsubscribe = authSource(pb).subscribe(plan);
    return () => {
        if (stopped) return;
        stopped = true;
        unsubscribe();
        cancelTimer();
        cancelTimer = noop;
    };
}

function noop(): void {}

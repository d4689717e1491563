import type { Client } from '../../core/Client';
import { tokenExpiresAt } from '../../core/jwt';
import { shared, type Shared } from '../core/shared';
import { readAuthState, sameAuthState, type AuthState } from './state';
import { callAt } from './timer';

const sources = new WeakMap<Client, Shared<AuthState>>();

/**
 * The auth state of a client as one shared stream (one per client): the current state on
 * subscribe, then exactly one value per change — `authStore.onChange` (login, logout, refresh,
 * `loadFromCookie`, another tab, a custom store), `pb.authStore` replaced by another store, and
 * the token's expiry (a timer at `exp` flips `isValid`, no request). While nobody listens nothing
 * is registered anywhere: no auth listener, no timer.
 *
 * @example
 * const stop = authSource(pb).subscribe(({ isValid, model }) => render(isValid ? model?.email : 'guest'));
 */
export function authSource(pb: Client): Shared<AuthState> {
    let source = sources.get(pb);
    if (!source) {
        source = shared<AuthState>((emit) => watchAuth(pb, emit));
        sources.set(pb, source);
    }
    return source;
}

function watchAuth(pb: Client, emit: (state: AuthState) => void): () => void {
    let last: AuthState | null = null;
    let cancelExpiry = noop;

    const publish = (): void => {
        const state = readAuthState(pb.authStore);
        cancelExpiry();
        cancelExpiry = expiryTimer(state, publish);
        if (last && sameAuthState(last, state)) return;
        last = state;
        emit(state);
    };

    const removeAuthListener = pb.onAuthChange(publish);
    publish();

    return () => {
        removeAuthListener();
        cancelExpiry();
        cancelExpiry = noop;
    };
}

/** A timer that re-reads the state when a valid token expires (re-armed if it fires early). */
function expiryTimer(state: AuthState, onExpired: () => void): () => void {
    if (!state.isValid) return noop;
    const expiresAt = tokenExpiresAt(state.token);
    return expiresAt === null ? noop : callAt(expiresAt, onExpired);
}

function noop(): void {}

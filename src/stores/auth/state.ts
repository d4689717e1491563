import type { BaseAuthStore, AuthModel } from '../../core/auth/index';

/** The auth state every auth observable and atom holds. */
export interface AuthState {
    /** The token, or '' when signed out. */
    readonly token: string;
    /** The signed-in `User` or `Admin`, or null. */
    readonly model: AuthModel;
    /** True while there is a token that has not expired (flips to false at expiry, without a request). */
    readonly isValid: boolean;
    /** True when the token belongs to an admin. */
    readonly isAdmin: boolean;
}

/** Reads an auth store into a fresh, immutable `AuthState`. */
export function readAuthState(store: BaseAuthStore): AuthState {
    return Object.freeze({ token: store.token, model: store.model, isValid: store.isValid, isAdmin: store.isAdmin });
}

/** Same token, same model object, same validity: nothing a subscriber could tell apart. */
export function sameAuthState(a: AuthState, b: AuthState): boolean {
    return a.token === b.token && a.model === b.model && a.isValid === b.isValid && a.isAdmin === b.isAdmin;
}

import type { Observable } from 'rxjs';
import type { Client } from '../../core/Client';
import { authSource, type AuthState } from '../auth/index';
import { toObservable } from './toObservable';

export { refreshAuth, autoRefresh, type AuthState, type AutoRefreshOptions } from '../auth/index';

const observables = new WeakMap<Client, Observable<AuthState>>();

/**
 * The client's auth state `{ token, model, isValid, isAdmin }`: the current state on subscribe,
 * then exactly one value per change (login, logout, refresh, `loadFromCookie`, another tab, a
 * replaced `pb.authStore`, and the token expiring — `isValid` flips at `exp`, no request). Never
 * completes; unsubscribing removes the store listener and the expiry timer once nobody listens.
 *
 * @example
 * import { authState } from 'pocketbase-reactive/rx';
 * authState(pb).pipe(map((auth) => auth.isValid)).subscribe((signedIn) => toggleMenu(signedIn));
 */
export function authState(pb: Client): Observable<AuthState> {
    let observable = observables.get(pb);
    if (!observable) {
        observable = toObservable(authSource(pb));
        observables.set(pb, observable);
    }
    return observable;
}

import type { ReadableAtom } from 'nanostores';
import type { Client } from '../../core/Client';
import { authSource, readAuthState, sameAuthState, type AuthState } from '../auth/index';
import { toAtom } from './toAtom';

export { refreshAuth, autoRefresh, type AuthState, type AutoRefreshOptions } from '../auth/index';

const atoms = new WeakMap<Client, ReadableAtom<AuthState>>();

/**
 * The client's auth state `{ token, model, isValid, isAdmin }` as an atom — one per client, so an
 * app has exactly one `$auth`. It is current from the first read (even a bare `.get()`), and
 * while it has listeners it changes exactly once per auth change (login, logout, refresh,
 * `loadFromCookie`, another tab, a replaced `pb.authStore`, expiry at `exp`).
 *
 * @example
 * import { authAtom } from 'pocketbase-reactive/nano';
 * export const $auth = authAtom(pb);
 * $auth.subscribe(({ isValid, model }) => console.log(isValid ? model?.email : 'signed out'));
 */
export function authAtom(pb: Client): ReadableAtom<AuthState> {
    let $auth = atoms.get(pb);
    if (!$auth) {
        $auth = toAtom(authSource(pb), readAuthState(pb.authStore), {
            current: () => readAuthState(pb.authStore),
            equal: sameAuthState,
        });
        atoms.set(pb, $auth);
    }
    return $auth;
}

import type { Client } from '../../core/Client';
import { ClientResponseError } from '../../core/errors';
import { Admin } from '../../core/models/Admin';
import { User } from '../../core/models/User';
import { asObject } from '../../core/normalize';

const inFlight = new WeakMap<Client, Promise<void>>();

/**
 * Exchanges the current token (user or admin) for a fresh one and saves it. Calls made while a
 * refresh is in flight share it (one request). The request opts out of auto-cancellation, so an
 * imperative `pb.users.refresh()` elsewhere cannot cancel it, nor it that one.
 *
 * Outcomes: success saves the new token and model — unless the auth changed meanwhile (logout,
 * another login, another store), which is never overwritten; a 401/403 means the token is no
 * longer accepted, so the store is cleared (signed out cleanly); any other failure (network,
 * 5xx) leaves the auth untouched. Failures reject with the `ClientResponseError`.
 *
 * @example
 * await refreshAuth(pb); // e.g. after the user's role changed server-side
 */
export function refreshAuth(pb: Client): Promise<void> {
    const pending = inFlight.get(pb);
    if (pending) return pending;

    const store = pb.authStore;
    const token = store.token;
    if (!token) return Promise.reject(new ClientResponseError({ status: 401, message: 'There is no token to refresh.' }));
    const admin = store.isAdmin;
    const unchanged = (): boolean => pb.authStore === store && store.token === token;

    const request = pb.send(admin ? '/api/admins/refresh' : '/api/users/refresh', {
        method: 'POST',
        params: { $autoCancel: false },
        headers: { Authorization: (admin ? 'Admin ' : 'User ') + token },
    }).then((response) => {
        const data = asObject(response);
        const model = asObject(data[admin ? 'admin' : 'user']);
        if (typeof data.token !== 'string' || !data.token || !model.id) {
            throw new ClientResponseError({ status: 200, message: 'The refresh response has no token or model.' });
        }
        if (unchanged()) store.save(data.token, admin ? new Admin(model) : new User(model));
    }, (err: unknown) => {
        const error = err instanceof ClientResponseError ? err : new ClientResponseError(err);
        if ((error.status === 401 || error.status === 403) && unchanged()) store.clear();
        throw error;
    }).finally(() => {
        inFlight.delete(pb);
    });

    inFlight.set(pb, request);
    return request;
}

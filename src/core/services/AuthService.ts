import { CrudService } from './CrudService';
import { asObject, str } from '../normalize';
import type { Admin } from '../models/Admin';
import type { User } from '../models/User';
import type { QueryParams } from '../query';
import type { BodyParams } from './types';

/** The auth calls admins and users share; `R` is the auth response (`{ token, admin }` / `{ token, user }`). */
export abstract class AuthService<M extends User | Admin, R extends { token: string }> extends CrudService<M> {
    /** Where the model sits in auth responses. */
    protected abstract readonly modelKey: 'admin' | 'user';

    /** Normalises an auth response, saving token and model in the auth store when both came. */
    protected authResponse(responseData: unknown): R {
        const data = asObject(responseData);
        const token = str(data.token);
        const raw = data[this.modelKey];
        const model = this.decode(asObject(raw));
        if (token && raw !== null && typeof raw === 'object') this.client.authStore.save(token, model);
        return { ...data, token, [this.modelKey]: model } as unknown as R;
    }

    /** POSTs to `<baseCrudPath>/<action>`; guest-only routes go without any Authorization header. */
    protected post(action: string, body: BodyParams, queryParams: QueryParams | undefined, guestOnly = false): Promise<unknown> {
        return this.client.send(this.baseCrudPath() + '/' + action, {
            method: 'POST',
            params: queryParams,
            body,
            ...(guestOnly ? { headers: { Authorization: '' } } : {}),
        });
    }

    /**
     * Signs in with email and password and saves the token and model in the auth store.
     *
     * @example
     * const { token, user } = await pb.users.authViaEmail('user@example.com', 'password123');
     */
    async authViaEmail(email: string, password: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<R> {
        return this.authResponse(await this.post('auth-via-email', { email, password, ...bodyParams }, queryParams, true));
    }

    /** Exchanges the current token for a fresh one and saves it. */
    async refresh(bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<R> {
        return this.authResponse(await this.post('refresh', bodyParams, queryParams));
    }

    /** Sends a password reset email; resolves to true. */
    async requestPasswordReset(email: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<boolean> {
        await this.post('request-password-reset', { email, ...bodyParams }, queryParams);
        return true;
    }

    /** Sets a new password with the emailed token, signing in. */
    async confirmPasswordReset(passwordResetToken: string, password: string, passwordConfirm: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<R> {
        return this.authResponse(await this.post('confirm-password-reset', { token: passwordResetToken, password, passwordConfirm, ...bodyParams }, queryParams));
    }
}

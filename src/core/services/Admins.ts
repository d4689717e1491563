import { CrudService } from './CrudService';
import { Admin } from '../models/Admin';
import { saveAuthResponse } from './authResponse';
import type { QueryParams } from '../query';
import type { BodyParams } from './types';

/** What admin auth calls resolve to. */
export interface AdminAuthResponse {
    [key: string]: unknown;
    token: string;
    admin: Admin;
}

/** The Admins API (`/api/admins`). */
export class Admins extends CrudService<Admin> {
    baseCrudPath(): string {
        return '/api/admins';
    }

    decode(data: { [key: string]: unknown }): Admin {
        return new Admin(data);
    }

    private authResponse(data: unknown): AdminAuthResponse {
        return saveAuthResponse(this.client, data, 'admin', (d) => this.decode(d)) as AdminAuthResponse;
    }

    /**
     * Signs in an admin and saves the token and model in the auth store.
     *
     * @example
     * const { token, admin } = await pb.admins.authViaEmail('admin@example.com', 'password123');
     */
    async authViaEmail(email: string, password: string, bodyParams: BodyParams = {}, queryParams: QueryParams = {}): Promise<AdminAuthResponse> {
        return this.authResponse(await this.client.send(this.baseCrudPath() + '/auth-via-email', {
            method: 'POST',
            params: queryParams,
            body: { email, password, ...bodyParams },
            // The route is guest-only: a stored token must not be sent along.
            headers: { Authorization: '' },
        }));
    }

    /** Exchanges the current admin token for a fresh one and saves it. */
    async refresh(bodyParams: BodyParams = {}, queryParams: QueryParams = {}): Promise<AdminAuthResponse> {
        return this.authResponse(await this.client.send(this.baseCrudPath() + '/refresh', {
            method: 'POST',
            params: queryParams,
            body: bodyParams,
        }));
    }

    /** Sends a password reset email; resolves to true. */
    async requestPasswordReset(email: string, bodyParams: BodyParams = {}, queryParams: QueryParams = {}): Promise<boolean> {
        await this.client.send(this.baseCrudPath() + '/request-password-reset', {
            method: 'POST',
            params: queryParams,
            body: { email, ...bodyParams },
        });
        return true;
    }

    /** Sets a new password with the emailed token, signing the admin in. */
    async confirmPasswordReset(passwordResetToken: string, password: string, passwordConfirm: string, bodyParams: BodyParams = {}, queryParams: QueryParams = {}): Promise<AdminAuthResponse> {
        return this.authResponse(await this.client.send(this.baseCrudPath() + '/confirm-password-reset', {
            method: 'POST',
            params: queryParams,
            body: { token: passwordResetToken, password, passwordConfirm, ...bodyParams },
        }));
    }
}

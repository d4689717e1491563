import { AuthService } from './AuthService';
import { User } from '../models/User';
import { ExternalAuth } from '../models/ExternalAuth';
import { asArray, asObject } from '../normalize';
import { pathSegment } from '../path';
import type { QueryParams } from '../query';
import type { BodyParams } from './types';

/** What user auth calls resolve to (OAuth2 adds `meta`). */
export interface UserAuthResponse {
    [key: string]: unknown;
    token: string;
    user: User;
}

/** One OAuth2 provider of `listAuthMethods`. */
export interface AuthProviderInfo {
    name: string;
    state: string;
    codeVerifier: string;
    codeChallenge: string;
    codeChallengeMethod: string;
    authUrl: string;
}

/** The app's sign-in methods. */
export interface AuthMethodsList {
    [key: string]: unknown;
    emailPassword: boolean;
    authProviders: AuthProviderInfo[];
}

/** The Users API (`/api/users`). */
export class Users extends AuthService<User, UserAuthResponse> {
    protected readonly modelKey = 'user';

    baseCrudPath(): string {
        return '/api/users';
    }

    decode(data: { [key: string]: unknown }): User {
        return new User(data);
    }

    /**
     * The sign-in methods the app offers.
     *
     * @example
     * const { emailPassword, authProviders } = await pb.users.listAuthMethods();
     */
    async listAuthMethods(queryParams?: QueryParams): Promise<AuthMethodsList> {
        const data = asObject(await this.client.send(this.baseCrudPath() + '/auth-methods', { method: 'GET', params: queryParams }));
        return {
            ...data,
            emailPassword: !!data.emailPassword,
            authProviders: asArray<AuthProviderInfo>(data.authProviders),
        };
    }

    /** Signs a user in with an OAuth2 provider's code and saves the result. */
    async authViaOAuth2(provider: string, code: string, codeVerifier: string, redirectUrl: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<UserAuthResponse> {
        return this.authResponse(await this.post('auth-via-oauth2', { provider, code, codeVerifier, redirectUrl, ...bodyParams }, queryParams, true));
    }

    /** Sends a verification email; resolves to true. */
    async requestVerification(email: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<boolean> {
        await this.post('request-verification', { email, ...bodyParams }, queryParams);
        return true;
    }

    /** Verifies the email with the emailed token, signing the user in. */
    async confirmVerification(verificationToken: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<UserAuthResponse> {
        return this.authResponse(await this.post('confirm-verification', { token: verificationToken, ...bodyParams }, queryParams));
    }

    /** Asks for an email change of the signed-in user; resolves to true. */
    async requestEmailChange(newEmail: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<boolean> {
        await this.post('request-email-change', { newEmail, ...bodyParams }, queryParams);
        return true;
    }

    /** Confirms the new email with the emailed token and the password, signing the user in. */
    async confirmEmailChange(emailChangeToken: string, password: string, bodyParams?: BodyParams, queryParams?: QueryParams): Promise<UserAuthResponse> {
        return this.authResponse(await this.post('confirm-email-change', { token: emailChangeToken, password, ...bodyParams }, queryParams));
    }

    /**
     * The OAuth2 providers linked to a user.
     *
     * @example
     * const linked = await pb.users.listExternalAuths(pb.authStore.model!.id);
     */
    async listExternalAuths(userId: string, queryParams?: QueryParams): Promise<ExternalAuth[]> {
        const data = await this.client.send(this.baseCrudPath() + '/' + pathSegment(userId, 'user id') + '/external-auths', { method: 'GET', params: queryParams });
        return asArray(data).map((item) => new ExternalAuth(asObject(item)));
    }

    /** Unlinks an OAuth2 provider from a user; resolves to true. */
    async unlinkExternalAuth(userId: string, provider: string, queryParams?: QueryParams): Promise<boolean> {
        await this.client.send(this.baseCrudPath() + '/' + pathSegment(userId, 'user id') + '/external-auths/' + pathSegment(provider, 'provider'), { method: 'DELETE', params: queryParams });
        return true;
    }
}

import { cookieParse, cookieSerialize, type SerializeOptions } from '../cookie';
import { isTokenExpired, tokenExpiresAt } from '../jwt';
import { asObject, isRecord, parseJson, str } from '../normalize';
import { User } from '../models/User';
import type { Admin } from '../models/Admin';
import { authKind, toAuthModel, type AuthModel } from './model';
import { Listeners } from '../listeners';

/** Called with the new token and model after every change of an auth store. */
export type OnStoreChangeFunc = (token: string, model: AuthModel) => void;

const DEFAULT_COOKIE_KEY = 'pb_auth';

/**
 * The auth state of a client: the token and the authenticated `User` or `Admin`. Extend it to
 * keep the state somewhere else (see `LocalAuthStore`); every change goes through `save` or
 * `clear` and reaches the `onChange` listeners exactly once.
 *
 * @example
 * class MemoryStore extends BaseAuthStore {}
 * const pb = new PocketBase('http://127.0.0.1:8090', 'en-US', new MemoryStore());
 */
export abstract class BaseAuthStore {
    protected baseToken = '';
    protected baseModel: AuthModel = null;

    private readonly listeners = new Listeners<[token: string, model: AuthModel]>({
        onActive: (active) => (active ? this.onFirstListener() : this.onLastListenerRemoved()),
    });

    /** The stored token, or ''. */
    get token(): string {
        return this.baseToken;
    }

    /** The authenticated `User` or `Admin`, or null. */
    get model(): AuthModel {
        return this.baseModel;
    }

    /** True when there is a token and it has not expired. */
    get isValid(): boolean {
        return !isTokenExpired(this.token);
    }

    /** True when the token (or, without a typed token, the model) belongs to an admin. */
    get isAdmin(): boolean {
        return authKind(this.token, this.model) === 'admin';
    }

    /** True when the token (or, without a typed token, the model) belongs to a user. */
    get isUser(): boolean {
        return authKind(this.token, this.model) === 'user';
    }

    /**
     * Names the place this auth state is shared by the tabs of an origin, or null when it lives in
     * this tab only (the default). Tabs whose stores have the same key and the same identity share
     * one realtime connection.
     */
    get sharedKey(): string | null {
        return null;
    }

    /**
     * Stores a new token and model. Plain model data becomes a `User` or an `Admin` according to
     * the token's `type` claim.
     */
    save(token: string, model: User | Admin | { [key: string]: unknown } | null): void {
        this.baseToken = str(token);
        this.baseModel = toAuthModel(this.baseToken, model);
        this.triggerChange();
    }

    /** Forgets the token and model ("logout"). */
    clear(): void {
        this.baseToken = '';
        this.baseModel = null;
        this.triggerChange();
    }

    /**
     * Loads the state from a `Cookie` header written by `exportToCookie`. A missing, malformed or
     * hostile cookie clears the store instead of throwing.
     *
     * @example
     * pb.authStore.loadFromCookie(request.headers.get('cookie') ?? '');
     */
    loadFromCookie(cookie: string, key = DEFAULT_COOKIE_KEY): void {
        const record = asObject(parseJson(cookieParse(cookie)[key] || ''));
        const token = str(record.token);
        const model = record.model;
        if (token && isRecord(model)) {
            this.save(token, model);
        } else {
            this.clear();
        }
    }

    /**
     * The state as a `Set-Cookie` value. Defaults: Secure, HttpOnly, SameSite=Strict, Path=/ and
     * Expires at the token's expiry. A cookie over 4096 bytes keeps only the model's id, email
     * (and `verified`) so that browsers accept it.
     *
     * @example
     * response.headers.set('set-cookie', pb.authStore.exportToCookie({ httpOnly: false }));
     */
    exportToCookie(options?: SerializeOptions, key = DEFAULT_COOKIE_KEY): string {
        const merged: SerializeOptions = {
            secure: true,
            sameSite: true,
            httpOnly: true,
            path: '/',
            // An expired (or unreadable) token's cookie expires at once: 1970-01-01.
            expires: new Date(tokenExpiresAt(this.token) ?? 0),
            ...options,
        };

        const model = this.model;
        const rawData: { token: string; model: { [key: string]: unknown } | null } = {
            token: this.token,
            model: model ? model.export() : null,
        };
        let result = cookieSerialize(key, JSON.stringify(rawData), merged);

        const size = typeof Blob !== 'undefined' ? new Blob([result]).size : result.length;
        if (model && size > 4096) {
            rawData.model = { id: model.id, email: model.email };
            if (model instanceof User) rawData.model.verified = model.verified;
            result = cookieSerialize(key, JSON.stringify(rawData), merged);
        }
        return result;
    }

    /**
     * Calls `callback(token, model)` after every change (and right away with `fireImmediately`).
     * Returns the function that removes it.
     *
     * @example
     * const stop = pb.authStore.onChange((token, model) => console.log(model?.email), true);
     * stop();
     */
    onChange(callback: OnStoreChangeFunc, fireImmediately = false): () => void {
        const remove = this.listeners.add(callback);
        if (fireImmediately) callback(this.token, this.model);
        return remove;
    }

    /** How many `onChange` listeners are registered (for leak checks). */
    get listenerCount(): number {
        return this.listeners.size;
    }

    /**
     * Tells every listener about the current state; subclasses call it for changes made elsewhere.
     * A listener that throws does not make the others miss the change; the first error reaches
     * the caller of save/clear afterwards.
     */
    protected triggerChange(): void {
        this.listeners.emit(this.token, this.model);
    }

    /** Hook: the first `onChange` listener arrived (start watching outside changes). */
    protected onFirstListener(): void {}

    /** Hook: the last `onChange` listener left (stop watching outside changes). */
    protected onLastListenerRemoved(): void {}
}

export type { AuthModel };

import { ClientResponseError } from './errors';
import { serializeQueryParams } from './query';
import { objectOrEmpty } from './normalize';
import {
    copyHeaders, isAbortSignal, isFetchBody, setIfMissing, linkSignal, parseResponse, toClientError,
    type AfterSendHook, type BeforeSendHook, type FetchFunction, type SendOptions,
} from './request';
import { BaseAuthStore } from './auth/BaseAuthStore';
import { LocalAuthStore } from './auth/LocalAuthStore';
import { authKind } from './auth/model';
import { Listeners } from './listeners';
import { bindFilter, type FilterParams } from './bindFilter';
import { Admins } from './services/Admins';
import { Users } from './services/Users';
import { Collections } from './services/Collections';
import { Records } from './services/Records';
import type { Record } from './models/Record';
import { Logs } from './services/Logs';
import { Settings } from './services/Settings';
import type { AnyCollections } from './collections';

// Query parameters the client reads and never sends (an AbortSignal as `signal` is also taken).
const CLIENT_PARAMS: ReadonlySet<string> = new Set(['$autoCancel', '$cancelKey']);
const CLIENT_PARAMS_AND_SIGNAL: ReadonlySet<string> = new Set([...CLIENT_PARAMS, 'signal']);

/** A record written through the client (what `onRecordWrite` listeners receive). */
export interface RecordWrite {
    readonly action: 'create' | 'update' | 'delete';
    /** The collection name or id as the call named it. */
    readonly collection: string;
    readonly id: string;
    /** The record the server answered with; null for a delete. */
    readonly record: Record | null;
}

/** Platform pieces a client uses; all default to the globals. */
export interface ClientOptions {
    /** The fetch implementation (default: the global `fetch`, looked up at call time). */
    fetch?: FetchFunction;
}

/**
 * The imperative PocketBase v0.7 client without realtime (the package's `PocketBase` adds it).
 * Same constructor, services and behaviour as the official SDK's `Client`.
 */
export class Client<C = AnyCollections> {
    /** The server's base URL, e.g. `http://127.0.0.1:8090`. */
    baseUrl: string;
    /** Sent as `Accept-Language` with every request. */
    lang: string;
    /**
     * Called right before every fetch with the final URL and options; return the options to use.
     *
     * @example
     * pb.beforeSend = (url, options) => ({ ...options, headers: { ...options.headers, 'X-Trace': id } });
     */
    beforeSend?: BeforeSendHook;
    /**
     * Called after every response with the parsed data (before errors are raised); its return
     * value is what the call resolves to.
     *
     * @example
     * pb.afterSend = (response, data) => { metrics.count(response.status); return data; };
     */
    afterSend?: AfterSendHook;

    /** Admins API. */
    readonly admins: Admins;
    /** Users API (auth, verification, password reset, external auths). */
    readonly users: Users;
    /** Collections API. */
    readonly collections: Collections;
    /** Records API. */
    readonly records: Records<C>;
    /** Request logs API. */
    readonly logs: Logs;
    /** Settings API. */
    readonly settings: Settings;

    private readonly fetchImpl: FetchFunction | undefined;
    private cancelControllers: { [cancelKey: string]: AbortController } = {};
    private store: BaseAuthStore;
    private unbindStore: (() => void) | null = null;
    // While anyone listens, the client listens to its current store.
    private readonly authListeners = new Listeners<[store: BaseAuthStore]>({
        onActive: (active) => (active ? this.bindStore() : this.unbindStore?.()),
    });

    private readonly writeListeners = new Listeners<[write: RecordWrite]>({
        // A listener's failure must not turn a successful write into a rejection.
        onThrow: (error) => console.error(error),
    });

    constructor(baseUrl = '/', lang = 'en-US', authStore?: BaseAuthStore | null, options: ClientOptions = {}) {
        this.baseUrl = baseUrl;
        this.lang = lang;
        this.store = authStore || new LocalAuthStore();
        this.fetchImpl = options.fetch;

        this.admins = new Admins(this);
        this.users = new Users(this);
        this.collections = new Collections(this);
        this.records = new Records(this);
        this.logs = new Logs(this);
        this.settings = new Settings(this);
    }

    /** Where the token and the signed-in model live; replaceable (`pb.authStore = new MyStore()`). */
    get authStore(): BaseAuthStore {
        return this.store;
    }

    set authStore(store: BaseAuthStore) {
        if (store === this.store) return;
        this.store = store;
        if (this.authListeners.size) {
            this.bindStore();
            this.authListeners.emit(store);
        }
    }

    /**
     * Calls `listener(store)` after every change of the client's auth: a change of the current
     * store (login, logout, refresh, `loadFromCookie`, another tab) or `pb.authStore` replaced by
     * another store. Returns its remover; nothing stays registered on any store once all are removed.
     *
     * @example
     * const stop = pb.onAuthChange((store) => console.log(store.model?.email ?? 'signed out'));
     */
    onAuthChange(listener: (store: BaseAuthStore) => void): () => void {
        return this.authListeners.add(listener);
    }

    /**
     * Calls `listener` after every successful `records.create`, `update` and `delete` through this
     * client (the reactive layer's cache uses it for read-your-writes). Returns the remover.
     *
     * @example
     * const stop = pb.onRecordWrite(({ action, collection, id }) => audit(action, collection, id));
     */
    onRecordWrite(listener: (write: RecordWrite) => void): () => void {
        return this.writeListeners.add(listener);
    }

    /** Tells the `onRecordWrite` listeners (called by the records service; a throwing listener is reported, not thrown). */
    recordWritten(write: RecordWrite): void {
        this.writeListeners.emit(write);
    }

    private bindStore(): void {
        this.unbindStore?.();
        this.unbindStore = this.store.onChange(() => this.authListeners.emit(this.store));
    }

    /** @deprecated Legacy alias for `authStore`. */
    get AuthStore(): BaseAuthStore { return this.authStore; }
    /** @deprecated Legacy alias for `settings`. */
    get Settings(): Settings { return this.settings; }
    /** @deprecated Legacy alias for `admins`. */
    get Admins(): Admins { return this.admins; }
    /** @deprecated Legacy alias for `users`. */
    get Users(): Users { return this.users; }
    /** @deprecated Legacy alias for `collections`. */
    get Collections(): Collections { return this.collections; }
    /** @deprecated Legacy alias for `records`. */
    get Records(): Records<C> { return this.records; }
    /** @deprecated Legacy alias for `logs`. */
    get Logs(): Logs { return this.logs; }

    /** The `Authorization` header value for the current auth state (`Admin <token>` / `User <token>`), or ''. */
    authHeader(): string {
        const token = this.authStore.token;
        if (!token) return '';
        return (authKind(token, this.authStore.model) === 'admin' ? 'Admin ' : 'User ') + token;
    }

    /**
     * Cancels the pending request with this cancel key (chainable).
     *
     * @example
     * pb.cancelRequest('GET/api/collections/posts/records');
     */
    cancelRequest(cancelKey: string): this {
        const controller = this.cancelControllers[cancelKey];
        if (controller) {
            delete this.cancelControllers[cancelKey];
            controller.abort();
        }
        return this;
    }

    /** Cancels every pending auto-cancellable request (chainable). */
    cancelAllRequests(): this {
        const controllers = this.cancelControllers;
        this.cancelControllers = {};
        for (const key of Object.keys(controllers)) controllers[key]!.abort();
        return this;
    }

    /** How many auto-cancellable requests are in flight (for leak checks). */
    get pendingRequestCount(): number {
        return Object.keys(this.cancelControllers).length;
    }

    /**
     * Sends a request to the API and resolves to the parsed JSON. Every failure rejects with a
     * `ClientResponseError`. The caller's options object is never modified.
     *
     * @example
     * const health = await pb.send('/api/custom-route', { method: 'POST', body: { a: 1 }, params: { $autoCancel: false } });
     */
    async send<T = unknown>(path: string, reqConfig: SendOptions = {}): Promise<T> {
        const { params: rawParams, headers: rawHeaders, body: rawBody, ...rest } = reqConfig;
        const config: SendOptions = { ...rest, method: rest.method || 'GET' };
        const headers = copyHeaders(rawHeaders);
        // The two auto-cancellation parameters and an AbortSignal are for the client, not the server.
        const params: { readonly [key: string]: unknown } = rawParams ?? {};
        const { $autoCancel, $cancelKey } = params;
        const paramSignal = isAbortSignal(params.signal) ? params.signal : null;
        const signal = paramSignal ?? reqConfig.signal;

        if (rawBody !== undefined && rawBody !== null) {
            if (isFetchBody(rawBody)) {
                config.body = rawBody;
            } else {
                // A string is taken as already serialised JSON, as the official SDK does.
                config.body = typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
                setIfMissing(headers, 'Content-Type', 'application/json');
            }
        }
        setIfMissing(headers, 'Accept-Language', this.lang);
        const auth = this.authHeader();
        if (auth) setIfMissing(headers, 'Authorization', auth);
        config.headers = headers;

        // Auto-cancellation: a newer request with the same key aborts this one.
        const autoCancel = $autoCancel !== false;
        const cancelKey = typeof $cancelKey === 'string' && $cancelKey ? $cancelKey : config.method + path;

        let url = this.buildUrl(path);
        const query = serializeQueryParams(params, paramSignal ? CLIENT_PARAMS_AND_SIGNAL : CLIENT_PARAMS);
        if (query) url += (url.includes('?') ? '&' : '?') + query;

        let controller: AbortController | null = null;
        let unlink = (): void => {};
        if (autoCancel) {
            this.cancelRequest(cancelKey);
            controller = new AbortController();
            this.cancelControllers[cancelKey] = controller;
            unlink = linkSignal(signal, controller);
            config.signal = controller.signal;
        } else if (signal) {
            config.signal = signal;
        }

        try {
            const finalConfig = this.beforeSend ? { ...(this.beforeSend(url, config) ?? config) } : config;
            const fetchImpl = this.fetchImpl ?? globalThis.fetch;
            const response = await fetchImpl(url, finalConfig as RequestInit);
            const { data: parsed, parseError } = parseResponse(response, await response.text());
            let data = parsed;
            if (this.afterSend) data = await this.afterSend(response, data);

            if (response.status >= 400 || parseError) {
                throw new ClientResponseError({
                    url: response.url || url,
                    status: response.status,
                    // A 2xx/3xx body that is not JSON is no error data.
                    data: response.status >= 400 ? objectOrEmpty(data) : {},
                    originalError: parseError,
                });
            }
            return data as T;
        } catch (err) {
            throw toClientError(err, url);
        } finally {
            unlink();
            // Unless a newer request took the key (a null controller never matches).
            if (this.cancelControllers[cancelKey] === controller) {
                delete this.cancelControllers[cancelKey];
            }
        }
    }

    /**
     * Builds a filter with `{:name}` placeholders bound to `params`, so that PocketBase v0.7
     * matches each value literally (quotes, backslashes, parentheses...): strings, numbers,
     * booleans, null, Dates and arrays/objects (as JSON). `~` is SQL LIKE: `%` and `_` in a
     * value are wildcards there; `=` matches exactly. See {@link bindFilter} for every rule.
     *
     * @throws ClientResponseError (status 0) for a value v0.7 cannot match literally
     * @example
     * await pb.records.getList('posts', 1, 20, { filter: pb.filter('title = {:title} && views > {:min}', { title: q, min: 10 }) });
     */
    filter(expr: string, params?: FilterParams): string {
        return bindFilter(expr, params);
    }

    /**
     * Joins the base URL and a path with exactly one slash.
     *
     * @example
     * new PocketBase('http://127.0.0.1:8090/').buildUrl('/api/users'); // 'http://127.0.0.1:8090/api/users'
     */
    buildUrl(path: string): string {
        let url = this.baseUrl + (this.baseUrl.endsWith('/') ? '' : '/');
        if (path) url += path.startsWith('/') ? path.substring(1) : path;
        return url;
    }
}

/** Body of a PocketBase error response: `{ code, message, data }`. */
export interface ErrorData {
    [key: string]: unknown;
    code?: number;
    message?: string;
    data?: { [field: string]: unknown };
}

/** What a failed request knew when it failed; every field is optional. */
export interface ClientResponseErrorInit {
    url?: string;
    status?: number;
    data?: ErrorData;
    isAbort?: boolean;
    originalError?: unknown;
    message?: string;
}

const BRAND = Symbol.for('pocketbase-reactive.ClientResponseError');

/**
 * The one error every request fails with: an HTTP status >= 400, a network failure, an abort,
 * an unparsable body or a throwing hook. `originalError` (also `cause`) keeps what went wrong
 * underneath, so the cases stay distinguishable.
 *
 * @example
 * try {
 *     await pb.records.getOne('posts', 'missing');
 * } catch (err) {
 *     if (isClientResponseError(err) && err.status === 404) showNotFound();
 * }
 */
export class ClientResponseError extends Error {
    /** The requested URL ('' when the request never started). */
    url = '';
    /** The HTTP status, or 0 when no response was received (network failure, abort). */
    status = 0;
    /** The server's JSON error body (`{ code, message, data }`), or `{}`. */
    data: ErrorData = {};
    /** True when the request was cancelled (auto-cancellation, `cancelRequest`, an aborted signal). */
    isAbort = false;
    /** The underlying error (a `TypeError` from fetch, a `SyntaxError`, an `AbortError`...), or null. */
    originalError: unknown = null;

    /**
     * Accepts the seed SDK's argument (any error or `{ url, status, data }` object) as well as a
     * `ClientResponseErrorInit`.
     */
    constructor(errData?: unknown) {
        super('ClientResponseError');
        Object.setPrototypeOf(this, ClientResponseError.prototype);
        Object.defineProperty(this, BRAND, { value: true });

        if (errData instanceof ClientResponseError) {
            Object.assign(this, errData);
        } else {
            this.originalError = errData ?? null;
        }

        if (errData !== null && typeof errData === 'object') {
            const init = errData as ClientResponseErrorInit;
            if (typeof init.url === 'string') this.url = init.url;
            if (typeof init.status === 'number') this.status = init.status;
            if (init.data !== null && typeof init.data === 'object' && !Array.isArray(init.data)) {
                this.data = init.data;
            }
            if (init.isAbort === true) this.isAbort = true;
            if ('originalError' in init && !(errData instanceof Error)) {
                this.originalError = init.originalError ?? null;
            }
        }
        if (isAbortError(errData) || isAbortError(this.originalError)) {
            this.isAbort = true;
        }
        if (this.originalError !== null) {
            Object.defineProperty(this, 'cause', { value: this.originalError, configurable: true, writable: true });
        }

        this.name = 'ClientResponseError ' + this.status;
        const custom = errData !== null && typeof errData === 'object' ? (errData as ClientResponseErrorInit).message : undefined;
        this.message = typeof this.data.message === 'string' && this.data.message
            ? this.data.message
            : (!(errData instanceof Error) && typeof custom === 'string' && custom)
                ? custom
                : defaultMessage(this);
    }

    /** A plain-object copy (for `JSON.stringify`, devtools and state stores). */
    toJSON(): { url: string; status: number; data: ErrorData; isAbort: boolean; originalError: unknown; message: string; name: string } {
        return {
            url: this.url,
            status: this.status,
            data: this.data,
            isAbort: this.isAbort,
            originalError: this.originalError,
            message: this.message,
            name: this.name,
        };
    }
}

/**
 * True for a `ClientResponseError`, also one created by another copy of this package
 * (another bundle or realm), where `instanceof` would say no.
 *
 * @example
 * pb.records.getList('posts').catch((err) => { if (isClientResponseError(err) && !err.isAbort) report(err); });
 */
export function isClientResponseError(value: unknown): value is ClientResponseError {
    return value instanceof ClientResponseError
        || (value !== null && typeof value === 'object' && (value as { [BRAND]?: unknown })[BRAND] === true);
}

function isAbortError(err: unknown): boolean {
    return err !== null && typeof err === 'object' && (err as { name?: unknown }).name === 'AbortError';
}

function defaultMessage(err: ClientResponseError): string {
    if (err.isAbort) return 'The request was cancelled.';
    const original = err.originalError;
    if (err.status >= 400) return `The request failed with status ${err.status}.`;
    if (original instanceof SyntaxError) return 'The server returned an invalid JSON response.';
    if (err.status === 0 && original instanceof Error) {
        return 'Failed to reach the server: ' + (original.message || original.name) + '.';
    }
    return 'Something went wrong while processing your request.';
}

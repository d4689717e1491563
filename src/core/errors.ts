import { asObject, objectOrEmpty, str } from './normalize';

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
    url!: string;
    /** The HTTP status, or 0 when no response was received (network failure, abort). */
    status!: number;
    /** The server's JSON error body (`{ code, message, data }`), or `{}`. */
    data!: ErrorData;
    /** True when the request was cancelled (auto-cancellation, `cancelRequest`, an aborted signal). */
    isAbort!: boolean;
    /** The underlying error (a `TypeError` from fetch, a `SyntaxError`, an `AbortError`...), or null. */
    originalError!: unknown;

    /**
     * Accepts the seed SDK's argument (any error or `{ url, status, data }` object) as well as a
     * `ClientResponseErrorInit`.
     */
    constructor(errData?: unknown) {
        super('ClientResponseError');
        Object.setPrototypeOf(this, ClientResponseError.prototype);

        const init = objectOrEmpty<ClientResponseErrorInit>(errData);
        const plain = !(errData instanceof Error);
        // Wrapping a ClientResponseError keeps its original error (its isAbort comes with `init`).
        const original = errData instanceof ClientResponseError
            ? errData.originalError
            : plain && 'originalError' in init ? init.originalError ?? null : errData ?? null;
        this.url = str(init.url);
        this.status = typeof init.status === 'number' ? init.status : 0;
        this.data = asObject(init.data);
        this.isAbort = init.isAbort === true || isAbortError(errData) || isAbortError(original);
        this.originalError = original;
        if (original !== null) (this as { cause?: unknown }).cause = original;

        this.name = 'ClientResponseError ' + this.status;
        this.message = (typeof this.data.message === 'string' && this.data.message)
            || (plain && typeof init.message === 'string' && init.message)
            || defaultMessage(this);
    }

    /** A plain-object copy (for `JSON.stringify`, devtools and state stores). */
    toJSON(): { url: string; status: number; data: ErrorData; isAbort: boolean; originalError: unknown; message: string; name: string } {
        const { url, status, data, isAbort, originalError, message, name } = this;
        return { url, status, data, isAbort, originalError, message, name };
    }
}

/**
 * True for a `ClientResponseError`, also one created by another copy of this package (another
 * bundle or realm), where `instanceof` would say no: like ky, it compares the error's name.
 *
 * @example
 * pb.records.getList('posts').catch((err) => { if (isClientResponseError(err) && !err.isAbort) report(err); });
 */
export function isClientResponseError(value: unknown): value is ClientResponseError {
    return value instanceof ClientResponseError
        || String(objectOrEmpty<{ name?: unknown }>(value).name).startsWith('ClientResponseError ');
}

/** True for the error fetch and AbortSignal raise on cancellation (a DOMException named AbortError). */
export function isAbortError(err: unknown): boolean {
    return objectOrEmpty<{ name?: unknown }>(err).name === 'AbortError';
}

function defaultMessage(err: ClientResponseError): string {
    const original = err.originalError;
    if (err.isAbort) return 'The request was cancelled.';
    if (err.status >= 400) return `The request failed with status ${err.status}.`;
    if (original instanceof SyntaxError) return 'The server returned an invalid JSON response.';
    // fetch rejects with a TypeError when the server cannot be reached; other errors speak for themselves (hooks).
    if (original instanceof TypeError) return `Failed to reach the server: ${original.message || original.name}.`;
    if (original instanceof Error && original.message) return original.message;
    return 'Something went wrong while processing your request.';
}

import { ClientResponseError } from './errors';
import { isRecord } from './normalize';
import type { QueryParams } from './query';

/**
 * Options of `client.send`: the fetch options plus `params` (query parameters) and a `body`
 * that is sent as JSON unless it is a string, `FormData`, `Blob`, `URLSearchParams` or binary.
 */
export interface SendOptions extends Omit<RequestInit, 'body' | 'headers'> {
    method?: string;
    headers?: { [name: string]: string };
    body?: unknown;
    params?: QueryParams;
    signal?: AbortSignal | null;
}

/** `beforeSend` hook: inspect or replace the request options; return them (or nothing to keep them). */
export type BeforeSendHook = (url: string, reqConfig: SendOptions) => SendOptions | void;

/** `afterSend` hook: inspect the response and return the data the call resolves to. */
export type AfterSendHook = (response: Response, data: unknown) => unknown;

/** The global fetch's signature, for injecting another implementation. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

/** Copies headers into a plain object without touching the caller's. */
export function copyHeaders(headers: unknown): { [name: string]: string } {
    const result: { [name: string]: string } = {};
    if (!headers || typeof headers !== 'object') return result;
    if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
        (headers as Headers).forEach((value, name) => { result[name] = value; });
        return result;
    }
    const entries = Array.isArray(headers) ? (headers as [string, string][]) : Object.entries(headers as object);
    for (const [name, value] of entries) {
        if (value !== undefined && value !== null) result[name] = String(value);
    }
    return result;
}

/** Sets a header unless the caller set it, in any case (`authorization` or `Authorization`). */
export function setIfMissing(headers: { [name: string]: string }, name: string, value: string): void {
    const lower = name.toLowerCase();
    if (!Object.keys(headers).some((key) => key.toLowerCase() === lower)) headers[name] = value;
}

/**
 * Bodies fetch sends as they are: strings, and every object that is not a plain object or an
 * array (FormData and its polyfills, Blob, URLSearchParams, binary data, streams). Plain objects,
 * arrays, numbers and booleans are sent as JSON.
 */
export function isRawBody(body: unknown): boolean {
    if (typeof body === 'string') return true;
    if (!isRecord(body)) return false;
    const proto: unknown = Object.getPrototypeOf(body);
    return proto !== Object.prototype && proto !== null;
}

/**
 * Reads a response body as JSON. An empty body (204, or a proxy's empty answer) is `{}`; a body
 * that is not JSON is an error only for successful responses, where the caller expects data.
 */
export async function parseResponse(response: Response): Promise<{ data: unknown; parseError: SyntaxError | null }> {
    const text = await response.text();
    try {
        // An empty body (204, or a blank one) is `{}`.
        return { data: text.trim() ? (JSON.parse(text) as unknown) : {}, parseError: null };
    } catch (err) {
        return { data: {}, parseError: err instanceof SyntaxError ? err : new SyntaxError(String(err)) };
    }
}

/**
 * Links an optional outside signal to the controller of one request; returns the function that
 * removes the link (so no listener outlives the request).
 */
export function linkSignal(outer: AbortSignal | null | undefined, controller: AbortController): () => void {
    if (!outer) return noop;
    if (outer.aborted) {
        controller.abort(outer.reason);
        return noop;
    }
    const onAbort = () => controller.abort(outer.reason);
    outer.addEventListener('abort', onAbort, { once: true });
    return () => outer.removeEventListener('abort', onAbort);
}

/** Wraps whatever a request failed with (keeping it as `originalError`), unless it already is one. */
export function toClientError(err: unknown, url: string): ClientResponseError {
    if (err instanceof ClientResponseError) return err;
    // The error's constructor tells an abort (an AbortError as originalError) itself.
    return new ClientResponseError({ url, originalError: err });
}

function noop(): void {}

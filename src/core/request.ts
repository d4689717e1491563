import { ClientResponseError } from './errors';
import { isRecord } from './normalize';
import type { QueryParams } from './query';

/**
 * Options of `client.send`: the fetch options plus `params` (query parameters) and a `body`.
 * Objects (plain ones and models such as a fetched `Record`), arrays, numbers and booleans are
 * sent as JSON; a string is sent as it is, as JSON unless you set another `Content-Type`;
 * `FormData`, `Blob`, `URLSearchParams`, binary data and streams go to fetch untouched.
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
 * Bodies fetch takes as they are (and sets their Content-Type for): FormData (also polyfills,
 * which are not instances of the global class), Blob, URLSearchParams, binary data and streams.
 * Everything else, models included, is serialised as JSON by the caller. (These globals exist in
 * every runtime the package supports: browsers and Node >= 20.)
 */
export function isFetchBody(body: unknown): boolean {
    return isRecord(body) && (
        body instanceof FormData || body instanceof Blob || body instanceof URLSearchParams || body instanceof ArrayBuffer
        || ArrayBuffer.isView(body) || body.constructor?.name === 'FormData' || body.constructor?.name === 'ReadableStream'
    );
}

/**
 * Reads a response's body text as JSON. An empty body (204, or a blank one) is `{}`, and so is a body
 * that does not say it is JSON (a custom route answering text, as the official SDK resolved it);
 * a body labelled JSON that does not parse (a truncated answer) is a parse error.
 */
export function parseResponse(response: Response, text: string): { data: unknown; parseError: SyntaxError | null } {
    try {
        return { data: text.trim() ? (JSON.parse(text) as unknown) : {}, parseError: null };
    } catch (err) {
        const labelledJson = /json/i.test(response.headers.get('content-type') ?? '');
        return { data: {}, parseError: labelledJson ? (err instanceof SyntaxError ? err : new SyntaxError(String(err))) : null };
    }
}

/** True for an `AbortSignal`, also one of another realm or polyfill (duck-typed). */
export function isAbortSignal(value: unknown): value is AbortSignal {
    return isRecord(value) && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';
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

/** A query parameter value: arrays repeat the key, Dates become ISO strings, objects JSON; null/undefined are skipped. */
export type QueryValue = string | number | boolean | Date | null | undefined | object | ReadonlyArray<unknown>;

/** Query parameters of a request, including the special `$autoCancel` and `$cancelKey`. */
export interface QueryParams {
    [key: string]: QueryValue;
    /** `false` opts this request out of auto-cancellation. */
    $autoCancel?: boolean;
    /** The key duplicates are matched by (default: method + path, e.g. `GET/api/users`). */
    $cancelKey?: string;
    /**
     * Aborts the request (it then rejects with a `ClientResponseError` whose `isAbort` is true).
     * Only an `AbortSignal` is taken so; any other `signal` value is sent as a query parameter.
     */
    signal?: AbortSignal | QueryValue;
}

/**
 * Serialises query parameters the way the official SDK does: `a=1&a=2` for arrays, ISO strings for
 * Dates, JSON for objects, null and undefined skipped; keys in `skip` are left out.
 *
 * @example
 * serializeQueryParams({ page: 2, filter: 'a = 1', tags: ['x', 'y'] }); // 'page=2&filter=a%20%3D%201&tags=x&tags=y'
 */
export function serializeQueryParams(params: { readonly [key: string]: unknown }, skip?: ReadonlySet<string>): string {
    const result: string[] = [];
    for (const key of Object.keys(params)) {
        if (skip?.has(key)) continue;
        const value = params[key];
        // An array repeats the key; null and undefined (alone or in an array) are left out.
        for (const v of Array.isArray(value) ? value : [value]) {
            if (v != null) result.push(encodeURIComponent(key) + '=' + encodeURIComponent(stringifyQueryValue(v)));
        }
    }
    return result.join('&');
}

function stringifyQueryValue(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
}

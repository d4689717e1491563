// Server and storage data is normalised field by field, never trusted: a missing or mistyped field
// becomes its empty value instead of a crash later. These are the shared checks.

/** A JSON-like object: not null, not an array. */
export function isRecord(value: unknown): value is { [key: string]: unknown } {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` when it is a JSON-like object, else `{}`. */
export function asObject(value: unknown): { [key: string]: unknown } {
    return isRecord(value) ? value : {};
}

/** `JSON.parse(text)`, or undefined when `text` is not JSON. */
export function parseJson(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

/** `value` when it is an array, else `[]`. */
export function asArray<T = unknown>(value: unknown): T[] {
    return Array.isArray(value) ? value : [];
}

/** `value` when it is a string, else `fallback` (''). */
export function str(value: unknown): string;
export function str<F>(value: unknown, fallback: F): string | F;
export function str(value: unknown, fallback: unknown = ''): unknown {
    return typeof value === 'string' ? value : fallback;
}

/** `value` when it is an object (arrays included, as the official SDK allows), else `{}`. */
export function objectOrEmpty<T extends object = { [key: string]: unknown }>(value: unknown): T {
    return (value !== null && typeof value === 'object' ? value : {}) as T;
}

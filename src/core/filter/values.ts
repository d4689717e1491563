import type { FilterValue } from './operands';

// Go's encoding/json escapes these even inside strings; JSON.stringify does not.
const GO_JSON_ESCAPES: Record<string, string> = {
    '<': '\\u003c',
    '>': '\\u003e',
    '&': '\\u0026',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029',
};

/**
 * JSON text exactly as Go's `json.Marshal` writes it, which is how PocketBase stores
 * multi-value select/relation/file/user fields (a JSON array in a TEXT column).
 *
 * @example
 * goJson(['a&b', 'c']) // '["a\\u0026b","c"]'
 */
export function goJson(value: unknown): string {
    return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => GO_JSON_ESCAPES[c] ?? c);
}

/**
 * Turns a field value of a record as the API returns it (JSON) into the value PocketBase has
 * in its column, ready for a {@link FieldResolver}: strings, numbers, booleans and null stay
 * as they are; arrays (multi-value fields) and objects become their Go JSON text, so
 * `tags = 'a'` does not match `["a"]` but `tags ~ '"a"'` does — as on the server.
 * (A `json` field holding a plain string is stored as JSON text too: pass `goJson(value)`.)
 *
 * @example
 * storedValue(['news', 'tech']) // '["news","tech"]'
 * storedValue(true) // true (the evaluator reads it as 1)
 */
export function storedValue(value: unknown): FilterValue {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return goJson(value);
}

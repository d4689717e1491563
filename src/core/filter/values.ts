import type { FilterValue, StoredJson } from './operands';
import { compareText } from './sqlite';

// What encoding/json (Go 1.19, which built PocketBase v0.7.10) writes for the characters it
// escapes in strings; JSON.stringify differs for \b, \f, <, >, &, U+2028, U+2029 and lone surrogates.
const GO_ESCAPES: Record<string, string> = {
    '"': '\\"',
    '\\': '\\\\',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '<': '\\u003c',
    '>': '\\u003e',
    '&': '\\u0026',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029',
};

// Control characters, the HTML characters, the line separators, and surrogates: a pair is kept,
// a lone one becomes U+FFFD (Go strings are UTF-8: decoding a lone-surrogate escape gives U+FFFD).
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029]|[\ud800-\udbff][\udc00-\udfff]?|[\udc00-\udfff]/g;

function goString(s: string): string {
    return `"${s.replace(NEEDS_ESCAPE, (c) => {
        const short = GO_ESCAPES[c];
        if (short) return short;
        const code = c.charCodeAt(0);
        if (code >= 0xd800) return c.length === 2 ? c : '\ufffd';
        return `\\u00${code.toString(16).padStart(2, '0')}`; // \b and \f too (short forms came in Go 1.22)
    })}"`;
}

function goNumber(x: number): string {
    if (!Number.isFinite(x)) return 'null'; // not JSON; Go would refuse to encode it
    // Go and ECMAScript print the same shortest digits and switch to exponent form at the same
    // bounds (below 1e-6, from 1e21), with exponents like `1e+21` and `1e-7`; only -0 differs.
    return Object.is(x, -0) ? '-0' : String(x);
}

function encode(value: unknown, inArray: boolean): string | undefined {
    if (value === null) return 'null';
    switch (typeof value) {
        case 'string':
            return goString(value);
        case 'number':
            return goNumber(value);
        case 'boolean':
            return value ? 'true' : 'false';
        case 'bigint':
            return String(value);
        case 'object': {
            const json = (value as { toJSON?: unknown }).toJSON;
            if (typeof json === 'function') return encode(json.call(value), inArray);
            if (Array.isArray(value)) return `[${value.map((v) => encode(v, true) ?? 'null').join(',')}]`;
            // A decoded JSON object is a Go map: its keys come out sorted by their bytes.
            const entries: string[] = [];
            for (const key of Object.keys(value).sort(compareText)) {
                const v = encode((value as Record<string, unknown>)[key], false);
                if (v !== undefined) entries.push(`${goString(key)}:${v}`);
            }
            return `{${entries.join(',')}}`;
        }
        default:
            return inArray ? 'null' : undefined; // undefined and functions, as JSON.stringify
    }
}

/**
 * JSON text exactly as Go's `json.Marshal` writes a decoded JSON value (Go 1.19, as in the
 * PocketBase v0.7.10 builds): objects are Go maps, so their keys are sorted (by code point);
 * `<`, `>`, `&`, U+2028 and U+2029 are escaped as `\u003c`…; control characters other than
 * `\n`, `\r`, `\t` as `\u00XX` (`\b` is `\u0008`); numbers in their shortest form (`1`, `1.5`,
 * `1e+21`, `1e-7`, and `-0`); a lone surrogate becomes U+FFFD. That is how PocketBase stores
 * multi-value select/relation/file/user fields and json fields submitted as JSON values.
 *
 * @example
 * goJson(['a&b', 'c']) // '["a\\u0026b","c"]'
 * goJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function goJson(value: unknown): string {
    return encode(value, false) ?? 'null';
}

/**
 * The column value of a `json` field holding `value` (a decoded JSON value, as the API returns
 * it or a client submits it): SQL NULL for null/undefined (an empty field: PocketBase stores
 * NULL for a JSON `null` or `""` it receives), otherwise the Go JSON text of the value (see
 * {@link goJson}). A field whose stored text is `null` (sent as the text "null") is
 * `{ json: 'null' }`; the API shows both as null, filters do not (`j = null` matches only the
 * empty field).
 *
 * @example
 * storedJson('a') // { json: '"a"' }
 * storedJson(1) // { json: '1' } — an INTEGER in the column, `true` would be the TEXT 'true'
 * storedJson(null) // null
 */
export function storedJson(value: unknown): StoredJson | null {
    return value === null || value === undefined ? null : { json: goJson(value) };
}

/**
 * Turns a field value of a record as the API returns it (JSON) into the value PocketBase has
 * in its column, ready for a {@link FieldResolver}, assuming the usual field types: strings,
 * numbers, booleans and null stay as they are (text, number and bool fields); an array of
 * strings (a multi-value select/relation/file/user field) becomes its Go JSON text, so
 * `tags = 'a'` does not match `["a"]` but `tags ~ '"a"'` does — as on the server; any other
 * array or object can only be a `json` field's value ({@link storedJson}).
 * A `json` field holding a string, number, boolean or null needs {@link storedJson}: only the
 * schema tells it apart.
 *
 * @example
 * storedValue(['news', 'tech']) // '["news","tech"]'
 * storedValue({ a: 1 }) // { json: '{"a":1}' }
 * storedValue(true) // true (the evaluator reads it as 1)
 */
export function storedValue(value: unknown): FilterValue {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return goJson(value);
    return storedJson(value);
}

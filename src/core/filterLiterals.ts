// How one value is written into a PocketBase v0.7 filter so that the server reads it back
// literally: quoted texts by the rules of fexpr v0.1.1 (scanner.go), and the text forms
// v0.7.10 stores dates (tools/types/datetime.go) and json / multi-value fields (Go's
// encoding/json) in. Used by bindFilter.
import { ClientResponseError } from './errors';

/** Refuses a value with the ClientResponseError (status 0) of a filter that cannot be built. */
export function refuse(name: string, reason: string): never {
    throw new ClientResponseError({ message: `Cannot bind {:${name}} into a PocketBase v0.7 filter: ${reason}.` });
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A quoted text fexpr reads back as `value` at group depth `depth`. fexpr ends a text at the
 * first quote of the opening kind not preceded by a backslash and then turns `\<quote>` into
 * `<quote>` (nothing else is unescaped), and a group re-quotes each of its texts with `"` and
 * scans it again; so `"` is escaped once more per level, and the outer quote is the one the
 * text needs fewer escapes for. A text can never end after a backslash, and a NUL ends
 * fexpr's input: such values are refused, as are lone surrogates (no UTF-8 form).
 *
 * @example
 * textLiteral(`it's`, 0, 'q') // `"it's"`
 * textLiteral('say "hi"', 1, 'q') // `'say \"hi\"'`
 */
export function textLiteral(value: string, depth: number, name: string): string {
    if (value.endsWith('\\')) refuse(name, 'its text ends with a backslash, which a v0.7 filter text never can');
    if (value.includes('\0')) refuse(name, 'its text contains NUL, which ends a v0.7 filter');
    if (LONE_SURROGATE.test(value)) refuse(name, 'its text contains a lone surrogate');
    let literal = value;
    for (let level = 0; level < depth; level++) literal = literal.replace(/"/g, '\\"');
    const quote = literal.includes("'") && !literal.includes('"') ? '"' : "'";
    return quote + literal.split(quote).join('\\' + quote) + quote;
}

/**
 * A date as PocketBase v0.7 stores it: types.DateTime's `2006-01-02 15:04:05.000` in UTC
 * (Go writes the year with at least 4 digits and a `-` when negative).
 *
 * @example
 * storedDate(new Date(Date.UTC(2022, 9, 1, 10)), 'd') // '2022-10-01 10:00:00.000'
 */
export function storedDate(date: Date, name: string): string {
    if (Number.isNaN(date.getTime())) refuse(name, 'it is an invalid Date');
    const year = date.getUTCFullYear();
    // toISOString writes ±YYYYYY for other years; the 20 characters after the year are fixed.
    return (year < 0 ? '-' : '') + String(Math.abs(year)).padStart(4, '0') + date.toISOString().slice(-20, -1).replace('T', ' ');
}

const GO_ESCAPES: { [ch: string]: string } = {
    '\\b': '\\u0008', '\\f': '\\u000c', '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/** A JSON string as Go's encoding/json writes it (HTML-safe, no `\b`/`\f` short forms). */
function goString(s: string, name: string): string {
    if (LONE_SURROGATE.test(s)) refuse(name, 'its JSON contains a lone surrogate');
    // Escape pairs are matched whole, so the `b` of an escaped backslash (`\\b`) stays a `b`.
    return JSON.stringify(s).replace(/\\.|[<>&\u2028\u2029]/g, (m) => GO_ESCAPES[m] ?? m);
}

/** Go sorts map keys by their UTF-8 bytes, which is code point order (JS sorts UTF-16 units). */
function byCodePoint(a: string, b: string): number {
    const x = Array.from(a, (c) => c.codePointAt(0) as number);
    const y = Array.from(b, (c) => c.codePointAt(0) as number);
    for (let i = 0; i < x.length && i < y.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return x.length - y.length;
}

function goJson(value: unknown, name: string, seen: Set<unknown>): string | undefined {
    const v: unknown = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function'
        ? (value as { toJSON: () => unknown }).toJSON()
        : value;
    if (typeof v === 'string') return goString(v, name);
    if (typeof v === 'bigint' || seen.has(v)) refuse(name, 'it has no JSON form (a bigint or a cycle)');
    // null, booleans and numbers (Go writes float64 with JS's digits and exponent thresholds);
    // undefined, functions and symbols give undefined: left out, as by JSON.stringify.
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    seen.add(v);
    const text = Array.isArray(v)
        ? '[' + v.map((item) => goJson(item, name, seen) ?? 'null').join(',') + ']'
        : '{' + Object.keys(v).sort(byCodePoint).flatMap((key) => {
            const item = goJson((v as { [key: string]: unknown })[key], name, seen);
            return item === undefined ? [] : [goString(key, name) + ':' + item];
        }).join(',') + '}';
    seen.delete(v);
    return text;
}

/**
 * JSON text as PocketBase v0.7 stores a json field or a multi-value field: what Go's
 * json.Marshal writes for the value the server decoded from the request (object keys sorted
 * by code point; `<`, `>`, `&`, U+2028/9 as `\u` escapes; `\b`/`\f` as `\u0008`/`\u000c`).
 * Otherwise like JSON.stringify (toJSON, undefined members, non-finite numbers as null).
 *
 * @example
 * storedJson({ b: '<', a: [1] }, 'j') // '{"a":[1],"b":"\\u003c"}'
 */
export function storedJson(value: object, name: string): string {
    return goJson(value, name, new Set()) ?? refuse(name, 'it has no JSON form');
}

/**
 * 17 significant digits, trailing zeros dropped: a text SQLite (3.39/3.40, as in PocketBase
 * v0.7) turns back into exactly this double when a number column's affinity converts it —
 * its text-to-number conversion misses some shortest forms (`-44.32882475664805`).
 *
 * @example
 * sqliteNumberText(-0.1) // '-0.10000000000000001'
 */
export function sqliteNumberText(x: number): string {
    const [mantissa = '', exponent] = x.toPrecision(17).split('e');
    const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return exponent ? `${digits}e${exponent}` : digits;
}

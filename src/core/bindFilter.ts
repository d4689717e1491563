// Binds values into PocketBase v0.7 filters so that the server reads each one back literally.
// The rules come from the server's filter scanner, github.com/ganigeorgiev/fexpr v0.1.1
// (scanner.go), and from how PocketBase v0.7.10 turns tokens into SQL (tools/search/filter.go).
import { ClientResponseError } from './errors';
import { goFloatText } from './filter/sqlite';

/** A value {@link bindFilter} can bind (arrays and objects are bound as their JSON text). */
export type FilterParam =
    | string
    | number
    | bigint
    | boolean
    | null
    | Date
    | readonly unknown[]
    | { readonly [key: string]: unknown };

/** Values by placeholder name: `{ title: 'x' }` fills `{:title}`. */
export interface FilterParams {
    readonly [name: string]: FilterParam | undefined;
}

type Kind = 'space' | 'text' | 'slot' | 'open' | 'close' | 'word' | 'sign' | 'join' | 'other';

/** A token of the filter: `depth` is the number of parentheses around it. */
interface Token {
    readonly kind: Kind;
    readonly start: number;
    readonly end: number;
    readonly depth: number;
}

const SLOT = /\{:([^\s{}()'"]+)\}/y;
const RUNS: [Kind, RegExp][] = [
    ['space', /[ \t\n]+/y],
    ['word', /[\w.@#]+/y],
    ['sign', /[=!<>~]+/y],
    ['join', /[&|]+/y],
];

/**
 * Where a quoted text starting at `i` ends, by fexpr's rule: at the first quote of the opening
 * kind that does not follow a backslash. An unterminated text (or one cut by a NUL, which ends
 * fexpr's input) runs to the end.
 */
function textEnd(src: string, i: number): number {
    const quote = src[i];
    let prev = '';
    for (let j = i + 1; j < src.length; j++) {
        const ch = src[j];
        if (ch === '\0') break;
        if (ch === quote && prev !== '\\') return j + 1;
        prev = ch as string;
    }
    return src.length;
}

/** Whether the sticky `re` matches at `i` (then `re.lastIndex` is where the match ends). */
function matchAt(re: RegExp, src: string, i: number): boolean {
    re.lastIndex = i;
    return re.test(src);
}

function tokenize(src: string): Token[] {
    const tokens: Token[] = [];
    let depth = 0;
    let i = 0;
    while (i < src.length) {
        const start = i;
        const ch = src[i] as string;
        let kind: Kind = 'other';
        if (ch === '\0') {
            i = src.length; // fexpr reads a NUL as the end of the input: leave the rest alone
        } else if (ch === "'" || ch === '"') {
            kind = 'text';
            i = textEnd(src, i);
        } else if (matchAt(SLOT, src, i)) {
            kind = 'slot';
            i = SLOT.lastIndex;
        } else if (ch === '(' || ch === ')') {
            kind = ch === '(' ? 'open' : 'close';
            if (kind === 'close') depth = Math.max(0, depth - 1);
            i++;
        } else {
            i++;
            for (const [k, re] of RUNS) {
                if (matchAt(re, src, start)) {
                    kind = k;
                    i = re.lastIndex;
                    break;
                }
            }
        }
        tokens.push({ kind, start, end: i, depth });
        if (kind === 'open') depth++;
    }
    return tokens;
}

const fail = (message: string): never => {
    throw new ClientResponseError({ message });
};

/** fexpr's unquoting: only a backslash before the opening quote kind is removed. */
const unescape = (raw: string, quote: string): string => raw.split('\\' + quote).join(quote);

/**
 * Whether a quoted text of the expression still reads as one text inside `depth` groups:
 * fexpr re-quotes every text of a group with plain double quotes and scans it again, so a
 * text whose content has an unescaped `"` falls apart there (and could expose a bound value).
 */
function survivesGroups(raw: string, depth: number): boolean {
    let literal = unescape(raw.slice(1, -1), raw[0] as string);
    for (let level = 0; level < depth; level++) {
        if (/(^|[^\\])"/.test(literal) || literal.endsWith('\\')) return false;
        literal = unescape(literal, '"');
    }
    return true;
}

/**
 * A quoted text fexpr reads back as `value` at group depth `depth`. Each group re-quotes its
 * texts with `"` and scans them again, so `"` is escaped once more per level; the outer quote
 * is the one the text needs fewer escapes for.
 */
function quoteText(value: string, depth: number, name: string): string {
    if (value.includes('\0')) fail(`The value of {:${name}} contains a NUL character, which ends a PocketBase v0.7 filter.`);
    checkSendable(value, name);
    if (value.endsWith('\\')) {
        fail(`The value of {:${name}} ends with a backslash: a PocketBase v0.7 filter text cannot (its quoted texts never end after a backslash).`);
    }
    let literal = value;
    for (let level = 0; level < depth; level++) literal = literal.replace(/"/g, '\\"');
    const quote = literal.includes("'") && !literal.includes('"') ? '"' : "'";
    return quote + literal.split(quote).join('\\' + quote) + quote;
}

/** A lone surrogate has no UTF-8 form: it could not be sent as it is. */
function checkSendable(text: string, name: string): void {
    if (/[\uD800-\uDFFF]/u.test(text)) fail(`The value of {:${name}} contains a lone UTF-16 surrogate, which cannot be sent.`);
}

/** A date as PocketBase v0.7 stores it (types.DateTime, `2006-01-02 15:04:05.000`, UTC). */
function goDate(date: Date, name: string): string {
    if (Number.isNaN(date.getTime())) fail(`The value of {:${name}} is an invalid Date.`);
    const iso = date.toISOString(); // the year may be ±YYYYYY; the rest is fixed-width
    const year = date.getUTCFullYear();
    return (year < 0 ? '-' : '') + String(Math.abs(year)).padStart(4, '0') + iso.slice(-20, -1).replace('T', ' ');
}

const GO_ESCAPES: { [ch: string]: string } = {
    '\\b': '\\u0008', '\\f': '\\u000c', '<': '\\u003c', '>': '\\u003e', '&': '\\u0026',
    '\u2028': '\\u2028', '\u2029': '\\u2029',
};

/** A JSON string as Go's encoding/json writes it (HTML-safe, no `\b`/`\f` short forms). */
const goString = (s: string): string =>
    JSON.stringify(s).replace(/\\.|[<>&\u2028\u2029]/g, (m) => GO_ESCAPES[m] ?? m);

const byCodePoint = (a: string, b: string): number => {
    for (let i = 0; ; ) {
        const x = a.codePointAt(i);
        const y = b.codePointAt(i);
        if (x === undefined || y === undefined || x !== y) return (x ?? -1) - (y ?? -1);
        i += x > 0xffff ? 2 : 1;
    }
};

/**
 * JSON text as PocketBase v0.7 stores a json field or a multi-value field: what Go's
 * json.Marshal writes for the value the server decoded (object keys sorted by code point).
 * Follows JSON.stringify otherwise (toJSON, undefined members, non-finite numbers as null).
 */
function goJson(value: unknown, name: string, seen: Set<object>): string | undefined {
    const v = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function'
        ? (value as { toJSON: () => unknown }).toJSON()
        : value;
    if (v === null) return 'null';
    if (typeof v === 'string') {
        checkSendable(v, name);
        return goString(v);
    }
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
    if (typeof v === 'boolean') return String(v);
    if (typeof v !== 'object') {
        if (typeof v === 'bigint') fail(`The value of {:${name}} has a bigint inside, which has no JSON form.`);
        return undefined;
    }
    if (seen.has(v)) fail(`The value of {:${name}} is circular.`);
    seen.add(v);
    let text: string;
    if (Array.isArray(v)) {
        text = '[' + v.map((item) => goJson(item, name, seen) ?? 'null').join(',') + ']';
    } else {
        const members: string[] = [];
        for (const key of Object.keys(v).sort(byCodePoint)) {
            checkSendable(key, name);
            const item = goJson((v as { [key: string]: unknown })[key], name, seen);
            if (item !== undefined) members.push(goString(key) + ':' + item);
        }
        text = '{' + members.join(',') + '}';
    }
    seen.delete(v);
    return text;
}

const LITERAL_IDENTIFIERS = /^(null|true|false)$/i;

/** An identifier PocketBase resolves to a table column (which has a column affinity in SQLite). */
function isColumn(word: string): boolean {
    return /^[A-Za-z_@#][\w.@#]*$/.test(word) && /\w$/.test(word)
        && !LITERAL_IDENTIFIERS.test(word) && word !== '@now'
        && (!word.startsWith('@request.') || word.startsWith('@request.user.profile.'));
}

/**
 * 17 significant digits: the text SQLite (3.39/3.40, as in PocketBase v0.7) converts back to
 * exactly this double when it applies a number column's affinity.
 */
function sqliteNumberText(x: number): string {
    const [mantissa = '', exponent] = x.toPrecision(17).split('e');
    const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return exponent ? `${digits}e${exponent}` : digits;
}

/**
 * Builds a PocketBase v0.7 filter from an expression with `{:name}` placeholders, binding each
 * value so that the server reads it back literally, whatever characters it holds (quotes,
 * backslashes, parentheses, newlines, `{:x}`...). Same call as the `pb.filter` of newer
 * official SDKs; v0.7's own filter grammar (fexpr v0.1.1) decides how each value is written:
 *
 * - **string** → a quoted text. fexpr unescapes only a backslash before the opening quote,
 *   so every string is representable except one ending in a backslash (a v0.7 text can never
 *   end after one), one containing NUL (it ends the filter) or a lone surrogate: these throw.
 *   Inside parentheses, fexpr re-quotes texts with `"` and re-scans them; this is accounted for.
 * - **number** → a number literal (digits, no exponent; bound as a REAL like any number in a
 *   v0.7 filter). NaN and ±Infinity throw. v0.7 has no negative literal: a negative number is
 *   compared with a field as text, which SQLite converts with the field's affinity (exact for
 *   number, bool and json fields); `field = {:n}` / `field != {:n}` become range tests
 *   (`(field >= '-1' && field <= '-1')`) because `=` compares without affinity there. A
 *   negative number must stand against a field (not `@request.*` or a literal) unless the
 *   operator is `~`/`!~`. bigints follow the same rules.
 * - **boolean**, **null** → `true`, `false`, `null` (SQL 1, 0, NULL; v0.7 forbids fields with
 *   these names). `x = null` matches null and empty values, as always in v0.7.
 * - **Date** → `'2022-10-01 10:00:00.000'` (UTC), the way v0.7 stores dates.
 * - **array / object** → their JSON text the way v0.7 stores json and multi-value fields (Go's
 *   json.Marshal: keys sorted, `<>&` escaped), e.g. `tags = {:tags}` with `['a', 'b']`.
 *
 * Placeholders inside quoted texts of the expression are left as written (they are text); a
 * placeholder outside them without a value (missing or `undefined`) throws; unused params are
 * ignored. Every refusal is a `ClientResponseError` with status 0, thrown before any request.
 *
 * Operators: `=` matches a value literally. `~` is SQL LIKE: `%` and `_` in the value are
 * wildcards with no escape, and a value without `%` is wrapped in `%...%` (contains); use `=`
 * for exact matches.
 *
 * @throws ClientResponseError (status 0) for a value v0.7 cannot read back literally
 * @example
 * pb.records.getList('posts', 1, 20, {
 *     filter: pb.filter('title = {:title} && (views > {:min} || published = {:on})', { title: "it's \\ \"q\"", min: 10, on: true }),
 * });
 * @example
 * bindFilter('created >= {:since} && tags = {:tags}', { since: new Date(0), tags: ['a', 'b'] });
 * // "created >= '1970-01-01 00:00:00.000' && tags = '[\"a\",\"b\"]'"
 * @example
 * // `~` is LIKE: '50%' matches titles starting with "50"; '%' and '_' cannot be escaped in v0.7.
 * bindFilter('title ~ {:q}', { q: '50%' });
 */
export function bindFilter(expr: string, params: FilterParams = {}): string {
    const tokens = tokenize(expr);
    const out = tokens.map((t) => expr.slice(t.start, t.end));
    const owner = new Map<number, number>(); // token index → the placeholder whose binding wrote it
    const claim = (from: number, to: number, slot: number): void => {
        for (let k = from; k <= to; k++) {
            if (owner.has(k) && owner.get(k) !== slot) fail(`The filter around ${out[slot]} is not a valid comparison.`);
            owner.set(k, slot);
        }
    };
    const nonSpace = (from: number, step: number): number => {
        let k = from + step;
        while (tokens[k]?.kind === 'space') k += step;
        return k;
    };

    tokens.forEach((t, i) => {
        if (t.kind === 'text' && t.depth > 0 && !survivesGroups(out[i] as string, t.depth)) {
            fail(`The filter text ${out[i]} breaks inside parentheses on PocketBase v0.7 (an unescaped " in it).`);
        }
        if (t.kind !== 'slot') return;
        const name = expr.slice(t.start + 2, t.end - 1);
        const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
        if (value === undefined) return fail(`The filter placeholder {:${name}} has no value.`);

        const bare = (literal: string): string => {
            const glued = (k: number): boolean => tokens[k]?.kind === 'word' || tokens[k]?.kind === 'slot';
            return (glued(i - 1) ? ' ' : '') + literal + (glued(i + 1) ? ' ' : '');
        };
        let literal: string;
        if (typeof value === 'string') literal = quoteText(value, t.depth, name);
        else if (value === null || typeof value === 'boolean') literal = bare(String(value));
        else if (value instanceof Date) literal = quoteText(goDate(value, name), t.depth, name);
        else if (typeof value === 'number' || typeof value === 'bigint') {
            if (typeof value === 'number' && !Number.isFinite(value)) fail(`The value of {:${name}} is ${value}, which is no number literal.`);
            if (value >= 0) {
                literal = bare(typeof value === 'bigint' ? String(value) : goFloatText(value));
            } else {
                // Which comparison is this? `<field> <op> {:n}` or `{:n} <op> <field>`.
                const before = nonSpace(i, -1);
                const sign = tokens[before]?.kind === 'sign' ? before : nonSpace(i, 1);
                const op = tokens[sign]?.kind === 'sign' ? (out[sign] as string) : '';
                const other = nonSpace(sign, sign < i ? -1 : 1);
                const field = tokens[other]?.kind === 'word' ? (out[other] as string) : '';
                if (op === '~' || op === '!~') {
                    literal = `'${typeof value === 'bigint' ? String(value) : goFloatText(value)}'`;
                } else if (!isColumn(field)) {
                    return fail(`The negative number in {:${name}} can only be compared with a field in a PocketBase v0.7 filter (it has no negative literals).`);
                } else {
                    const text = `'${typeof value === 'bigint' ? String(value) : sqliteNumberText(value)}'`;
                    literal = op === '=' ? `(${field} >= ${text} && ${field} <= ${text})`
                        : op === '!=' ? `(${field} < ${text} || ${field} > ${text} || ${field} = null)`
                        : text;
                    if (op === '=' || op === '!=') {
                        claim(Math.min(i, other), Math.max(i, other), i);
                        for (let k = Math.min(i, other); k <= Math.max(i, other); k++) out[k] = '';
                        out[i] = literal;
                        return;
                    }
                }
            }
        } else if (typeof value === 'object') {
            const json = goJson(value, name, new Set());
            literal = quoteText(json ?? fail(`The value of {:${name}} has no JSON form.`), t.depth, name);
        } else {
            return fail(`The value of {:${name}} (${typeof value}) cannot be bound into a filter.`);
        }
        claim(i, i, i);
        out[i] = literal;
    });
    return out.join('');
}

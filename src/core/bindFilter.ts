// Binds `{:name}` placeholders of a PocketBase v0.7 filter. The expression is split the way
// github.com/ganigeorgiev/fexpr v0.1.1 (the server's filter scanner) splits it, so that each
// placeholder's group depth and comparison are known; filterLiterals writes the values.
import { goFloatText } from './filter/sqlite';
import { refuse, sqliteNumberText, storedDate, storedJson, textLiteral } from './filterLiterals';

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

/** A token of the expression; `depth` is the number of groups around it. */
interface Token {
    readonly kind: Kind;
    readonly start: number;
    readonly end: number;
    readonly depth: number;
}

const SLOT = /\{:([^\s{}()'"]+)\}/y;
const RUNS: [Kind, RegExp][] = [
    ['space', /[ \t\n]+/y],
    ['word', /[\w.@#]+/y], // identifiers and numbers
    ['sign', /[=!<>~]+/y],
    ['join', /[&|]+/y],
];

/** Whether the sticky `re` matches at `i` (then `re.lastIndex` is where the match ends). */
function matchAt(re: RegExp, src: string, i: number): boolean {
    re.lastIndex = i;
    return re.test(src);
}

/**
 * Where a quoted text starting at `i` ends, by fexpr's rule: after the first quote of the
 * opening kind that does not follow a backslash. An unterminated text (or one cut by a NUL,
 * which ends fexpr's input) runs to the end.
 */
function textEnd(src: string, i: number): number {
    const quote = src[i];
    let prev = '';
    for (let j = i + 1; j < src.length; j++) {
        const ch = src[j] as string;
        if (ch === '\0') break;
        if (ch === quote && prev !== '\\') return j + 1;
        prev = ch;
    }
    return src.length;
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
            i = src.length; // fexpr reads a NUL as the end of its input: the rest stays as it is
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

/** fexpr's unquoting: only a backslash before the opening quote kind is removed. */
const unescape = (raw: string, quote: string): string => raw.split('\\' + quote).join(quote);

/**
 * Whether a quoted text of the expression still reads as one text inside `depth` groups:
 * fexpr re-quotes every text of a group with plain double quotes and scans it again, so a
 * text with an unescaped `"` falls apart there (and could expose a bound value after it).
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
 * An identifier PocketBase v0.7.10 resolves to a table column, which has a column affinity
 * in SQLite: not `@request.*` values (query parameters) except the joined profile, not `@now`,
 * not the `null`/`true`/`false` literals (no field may have those names).
 */
function isColumn(word: string): boolean {
    return /^[A-Za-z_@#][\w.@#]*\w$|^[A-Za-z_]$/.test(word)
        && !/^(null|true|false)$/i.test(word) && word !== '@now'
        && (!word.startsWith('@request.') || word.startsWith('@request.user.profile.'));
}

/** A bound placeholder: the text that replaces tokens `from`..`to`. */
interface Binding {
    readonly from: number;
    readonly to: number;
    readonly text: string;
}

/**
 * A negative number. fexpr v0.1.1 has no negative literal, so it is sent as a text, which
 * SQLite converts with the affinity of the column on the other side (exact for number, bool
 * and json fields). `=` and `!=` compare `COALESCE(a, '') = COALESCE(b, '')`, which drops the
 * affinity, so they become range tests; `~`/`!~` compare texts, where it is the text Go
 * writes for a float (what a number literal would give).
 */
function bindNegative(expr: string, tokens: readonly Token[], i: number, x: number | bigint, name: string): Binding {
    const source = (k: number): string => (tokens[k] ? expr.slice(tokens[k].start, tokens[k].end) : '');
    const nonSpace = (from: number, step: number): number => {
        let k = from + step;
        while (tokens[k]?.kind === 'space') k += step;
        return k;
    };
    const before = nonSpace(i, -1);
    const sign = tokens[before]?.kind === 'sign' ? before : nonSpace(i, 1);
    const op = tokens[sign]?.kind === 'sign' ? source(sign) : '';
    if (op === '~' || op === '!~') return { from: i, to: i, text: `'${typeof x === 'bigint' ? x : goFloatText(x)}'` };

    const other = nonSpace(sign, sign < i ? -1 : 1);
    const field = tokens[other]?.kind === 'word' ? source(other) : '';
    if (!isColumn(field)) {
        refuse(`The negative number in {:${name}} can only be compared with a field in a PocketBase v0.7 filter (it has no negative literals).`);
    }
    const text = `'${typeof x === 'bigint' ? x : sqliteNumberText(x)}'`;
    const span = { from: Math.min(i, other), to: Math.max(i, other) };
    if (op === '=') return { ...span, text: `(${field} >= ${text} && ${field} <= ${text})` };
    if (op === '!=') return { ...span, text: `(${field} < ${text} || ${field} > ${text} || ${field} = null)` };
    return { from: i, to: i, text };
}

function bindSlot(expr: string, tokens: readonly Token[], i: number, name: string, value: unknown): Binding {
    const { depth } = tokens[i] as Token;
    const one = (text: string): Binding => ({ from: i, to: i, text });
    // A bare literal keeps a space from a word or placeholder right beside it (`{:a}{:b}`).
    const bare = (text: string): Binding => {
        const glued = (k: number): boolean => tokens[k]?.kind === 'word' || tokens[k]?.kind === 'slot';
        return one((glued(i - 1) ? ' ' : '') + text + (glued(i + 1) ? ' ' : ''));
    };
    if (typeof value === 'string') return one(textLiteral(value, depth, name));
    if (value === null || typeof value === 'boolean') return bare(String(value));
    if (typeof value === 'number' || typeof value === 'bigint') {
        if (typeof value === 'number' && !Number.isFinite(value)) refuse(`The value of {:${name}} is ${value}, which is no number literal.`);
        if (value < 0) return bindNegative(expr, tokens, i, value, name);
        // Digits and a dot, no exponent: what fexpr accepts and strconv.ParseFloat reads back exactly.
        return bare(typeof value === 'bigint' ? String(value) : goFloatText(value));
    }
    if (value instanceof Date) return one(textLiteral(storedDate(value, name), depth, name));
    if (typeof value === 'object') return one(textLiteral(storedJson(value as object, name), depth, name));
    return refuse(`The value of {:${name}} (${typeof value}) cannot be bound into a filter.`);
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
 * ignored. An expression text that v0.7 would re-quote into pieces inside parentheses throws
 * too. Every refusal is a `ClientResponseError` with status 0, thrown before any request.
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
    tokens.forEach((t, i) => {
        if (t.kind === 'text' && t.depth > 0 && !survivesGroups(out[i] as string, t.depth)) {
            refuse(`The filter text ${out[i]} breaks inside parentheses on PocketBase v0.7 (an unescaped " in it).`);
        }
    });
    const replaced = new Set<number>();
    tokens.forEach((t, i) => {
        if (t.kind !== 'slot') return;
        const name = expr.slice(t.start + 2, t.end - 1);
        const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
        if (value === undefined) refuse(`The filter placeholder {:${name}} has no value.`);
        const { from, to, text } = bindSlot(expr, tokens, i, name, value);
        for (let k = from; k <= to; k++) {
            if (replaced.has(k)) refuse(`The filter around {:${name}} is not a valid comparison.`);
            replaced.add(k);
            out[k] = '';
        }
        out[from] = text;
    });
    return out.join('');
}

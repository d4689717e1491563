// Binds `{:name}` placeholders of a PocketBase v0.7 filter. The expression is split the way
// github.com/ganigeorgiev/fexpr v0.1.1 (the server's filter scanner) splits it, so that each
// placeholder's group depth and comparison are known; filterLiterals writes the values.
import { ClientResponseError } from './errors';
import { goFloatText } from './filter/sqlite';
import { refuse, sqliteNumberText, storedDate, storedJson, textLiteral } from './filterLiterals';

/**
 * A value {@link bindFilter} can bind: a string, number, bigint, boolean, null, Date, or an
 * array or object (bound as its JSON text; any object type, interfaces included).
 */
export type FilterParam = string | number | bigint | boolean | null | Date | object;

/** Values by placeholder name: `{ title: 'x' }` fills `{:title}`. */
export interface FilterParams {
    readonly [name: string]: FilterParam | undefined;
}

// One token per match, in fexpr's terms: 1 whitespace, 2 a quoted text (fexpr ends it at the
// first quote of its kind not preceded by a backslash: every quote inside follows a backslash
// and the text cannot end with one; unterminated or cut by NUL, it runs to the end), 3 a
// placeholder, 4 an identifier or number, 5 a sign; anything else one character at a time
// (a NUL ends fexpr's input: the rest is left as it is).
const TOKEN = /([ \t\n]+)|('(?:[^'\\\0]|\\+(?:[^'\\\0]|'))*'|"(?:[^"\\\0]|\\+(?:[^"\\\0]|"))*"|['"][\s\S]*)|\{:([^\s{}()'"]+)\}|([\w.@#]+)|([=!<>~]+)|\0[\s\S]*|[\s\S]/y;
const SPACE = 1;
const TEXT = 2;
const SLOT = 3;
const WORD = 4;
const SIGN = 5;

/** A token of the expression: `kind` is the TOKEN group that matched (-1: other), `depth` the groups around it. */
interface Token {
    readonly text: string;
    readonly kind: number;
    readonly depth: number;
}

function tokenize(expr: string): Token[] {
    const tokens: Token[] = [];
    let depth = 0;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(expr); m; m = TOKEN.exec(expr)) {
        const text = m[0];
        if (text === ')') depth = Math.max(0, depth - 1);
        tokens.push({ text, kind: m.findIndex((group, k) => k > 0 && group !== undefined), depth });
        if (text === '(') depth++;
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
        if (/(^|[^\\])"|\\$/.test(literal)) return false;
        literal = unescape(literal, '"');
    }
    return true;
}

/**
 * An identifier PocketBase v0.7.10 resolves to a table column, which has a column affinity
 * in SQLite: not a `@request.*` value (a query parameter) except the joined profile's fields,
 * not `@now`, not the `null`/`true`/`false` literals (no field may have those names).
 */
const isColumn = (word: string): boolean =>
    /^[A-Za-z_@#]([\w.@#]*\w)?$/.test(word) && !/^(null|true|false|@now)$/i.test(word) && !/^@request\.(?!user\.profile\.)/.test(word);

/** A bound placeholder: tokens `from`..`to` are replaced by `text`. */
type Binding = [from: number, to: number, text: string];

/**
 * A negative number. fexpr v0.1.1 has no negative literal, so it is sent as a text, which
 * SQLite converts with the affinity of the column on the other side (exact for number, bool
 * and json fields). `=` and `!=` compare `COALESCE(a, '') = COALESCE(b, '')`, which drops the
 * affinity, so they become range tests; `~`/`!~` compare texts, where it is the text Go
 * writes for a float (what a number literal would give).
 */
function bindNegative(tokens: readonly Token[], i: number, x: number | bigint, name: string): Binding {
    const skipSpace = (from: number, step: number): number => {
        let k = from + step;
        while (tokens[k]?.kind === SPACE) k += step;
        return k;
    };
    const before = skipSpace(i, -1);
    const sign = tokens[before]?.kind === SIGN ? before : skipSpace(i, 1);
    const op = tokens[sign]?.kind === SIGN ? tokens[sign]?.text : '';
    if (op === '~' || op === '!~') return [i, i, `'${typeof x === 'bigint' ? x : goFloatText(x)}'`];

    const other = skipSpace(sign, sign < i ? -1 : 1);
    const field = tokens[other]?.kind === WORD ? (tokens[other]?.text as string) : '';
    if (!isColumn(field)) refuse(name, 'a negative number can only be compared with a field (v0.7 has no negative literals)');
    const text = `'${typeof x === 'bigint' ? x : sqliteNumberText(x)}'`;
    const from = Math.min(i, other);
    const to = Math.max(i, other);
    if (op === '=') return [from, to, `(${field} >= ${text} && ${field} <= ${text})`];
    if (op === '!=') return [from, to, `(${field} < ${text} || ${field} > ${text} || ${field} = null)`];
    return [i, i, text];
}

function bindSlot(tokens: readonly Token[], i: number, name: string, value: unknown): Binding {
    const { depth } = tokens[i] as Token;
    // A bare literal keeps a space from a word or placeholder right beside it (`{:a}{:b}`).
    const glued = (k: number): string => (tokens[k]?.kind === WORD || tokens[k]?.kind === SLOT ? ' ' : '');
    const bare = (text: string): Binding => [i, i, glued(i - 1) + text + glued(i + 1)];
    if (value === undefined) refuse(name, 'it has no value');
    if (typeof value === 'string') return [i, i, textLiteral(value, depth, name)];
    if (value === null || typeof value === 'boolean') return bare(String(value));
    if (typeof value === 'number' || typeof value === 'bigint') {
        if (typeof value === 'number' && !Number.isFinite(value)) refuse(name, `${value} is no number literal`);
        // Digits and a dot, no exponent: what fexpr accepts and strconv.ParseFloat reads back exactly.
        return value < 0 ? bindNegative(tokens, i, value, name) : bare(typeof value === 'bigint' ? String(value) : goFloatText(value));
    }
    if (value instanceof Date) return [i, i, textLiteral(storedDate(value, name), depth, name)];
    if (typeof value === 'object') return [i, i, textLiteral(storedJson(value, name), depth, name)];
    return refuse(name, `a ${typeof value} cannot be bound`);
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
    const out = tokens.map((t) => t.text);
    const replaced = new Set<number>();
    tokens.forEach((t, i) => {
        if (t.kind === TEXT && t.depth > 0 && !survivesGroups(t.text, t.depth)) {
            throw new ClientResponseError({ message: `The filter text ${t.text} breaks inside parentheses on PocketBase v0.7 (an unescaped " in it).` });
        }
        if (t.kind !== SLOT) return;
        const name = t.text.slice(2, -1);
        const [from, to, text] = bindSlot(tokens, i, name, Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined);
        for (let k = from; k <= to; k++) {
            if (replaced.has(k)) refuse(name, 'it is not part of a valid comparison');
            replaced.add(k);
            out[k] = '';
        }
        out[from] = text;
    });
    return out.join('');
}

// SQLite value semantics as PocketBase v0.7.10 meets them (verified against sqlite3 3.40):
// storage classes, comparison affinity, BINARY collation, LIKE, and REAL → TEXT conversion.

/** A SQLite value: NULL, INTEGER (bigint), REAL (number) or TEXT (string). */
export type SqlValue = null | bigint | number | string;

/**
 * Comparison affinity of an operand. A plain column reference has its column's affinity
 * (TEXT for text/date/select/... columns, NUMERIC for REAL, Boolean and JSON ones: SQLite
 * gives a declared type without INT/CHAR/CLOB/TEXT/BLOB/REAL/FLOA/DOUB NUMERIC affinity); a bound
 * parameter, a literal or a function result such as COALESCE(...) has none.
 */
export type Affinity = 'text' | 'numeric' | 'none';

/**
 * SQLite's REAL → TEXT conversion (printf "%!.15g"): `5.0`, `0.1`, `1.0e+20`, `1.5e-07`.
 * It drives LIKE on number fields and comparisons of numbers against TEXT columns.
 */
export function realToText(x: number): string {
    if (Number.isNaN(x)) return '';
    if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
    if (x === 0) return '0.0';
    const [mantissa = '', exp = '0'] = Math.abs(x).toExponential(14).split('e');
    const digits = mantissa.replace('.', '');
    const e = Number(exp);
    const sign = x < 0 ? '-' : '';
    const withPoint = (int: string, frac: string): string => `${int}.${frac.replace(/0+$/, '') || '0'}`;
    if (e < -4 || e >= 15) {
        const exponent = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
        return `${sign}${withPoint(digits.slice(0, 1), digits.slice(1))}e${exponent}`;
    }
    if (e >= 0) return sign + withPoint(digits.slice(0, e + 1), digits.slice(e + 1));
    return sign + withPoint('0', '0'.repeat(-e - 1) + digits);
}

/**
 * Go's `strconv.FormatFloat(x, 'f', -1, 64)` (what `cast.ToString(float64)` gives): the
 * shortest round-tripping digits, never in exponent form. PocketBase uses it when it turns a
 * number operand into a LIKE pattern.
 */
export function goFloatText(x: number): string {
    const s = String(x);
    const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
    if (!m) return s;
    const [, sign = '', head = '', tail = '', expText = '0'] = m;
    const digits = head + tail;
    const e = Number(expText);
    if (e >= 0) return sign + digits.padEnd(e + 1, '0');
    return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
}

/** TEXT form of a value as SQLite converts it (NULL stays NULL). */
export function toText(v: SqlValue): string | null {
    if (v === null || typeof v === 'string') return v;
    if (typeof v === 'bigint') return String(v);
    return realToText(v);
}

// A well-formed integer or real literal, with the whitespace SQLite skips around it.
const NUMERIC_TEXT = /^[ \t\n\f\r\v]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\n\f\r\v]*$/;
const INTEGER_TEXT = /^[ \t\n\f\r\v]*[+-]?\d+[ \t\n\f\r\v]*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

/**
 * What a TEXT value becomes in a column of NUMERIC affinity, such as the `JSON` columns of
 * PocketBase's json fields (verified with sqlite3 3.40): a text that is not a well-formed
 * number stays TEXT (`"a"`, `true`, `null`, `[1]`, `0x10`); an integer literal that fits in 64
 * bits becomes that INTEGER exactly (`9223372036854775807`); any other number becomes REAL,
 * and then INTEGER when that REAL is a whole number strictly between -2^63 and 2^63 (`1.0` → 1,
 * `1e2` → 100, `-0` → 0, but `1e+21`, `9223372036854775808` and `-9223372036854775808.0` stay
 * REAL). Whitespace around a number is ignored (`' 1 '` → 1).
 *
 * @example
 * numericAffinity('1') // 1n
 * numericAffinity('1.5') // 1.5
 * numericAffinity('"a"') // '"a"'
 */
export function numericAffinity(text: string): SqlValue {
    if (!NUMERIC_TEXT.test(text)) return text;
    if (INTEGER_TEXT.test(text)) {
        const n = BigInt(text.trim());
        if (n >= INT64_MIN && n <= INT64_MAX) return n;
    }
    const r = Number(text.trim());
    return Number.isInteger(r) && r > -TWO_63 && r < TWO_63 ? BigInt(r) : r;
}

function applyAffinity(v: SqlValue, affinity: Affinity): SqlValue {
    if (affinity === 'numeric' && typeof v === 'string') return numericAffinity(v);
    if (affinity === 'text' && (typeof v === 'number' || typeof v === 'bigint')) return toText(v);
    return v;
}

// Rank of a storage class in SQLite's ordering: NULL < numbers < TEXT.
const rank = (v: SqlValue): number => (v === null ? 0 : typeof v === 'string' ? 2 : 1);

/**
 * Compares two TEXT values with the BINARY collation: memcmp of UTF-8, i.e. code point order
 * (JS `<` compares UTF-16 units, which puts U+E000..U+FFFF after astral characters).
 */
export function compareText(a: string, b: string): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x !== y) return codePointRank(x) - codePointRank(y);
    }
    return a.length - b.length;
}

const codePointRank = (unit: number): number =>
    unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;

/**
 * SQLite's ordering of values without affinity (ORDER BY, and `=` on COALESCE results):
 * NULL first, then INTEGER/REAL numerically, then TEXT by BINARY collation.
 */
export function compareValues(a: SqlValue, b: SqlValue): number {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
    if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return 0;
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `a <op> b` as SQLite compares it: affinities applied first (a numeric side converts a
 * numeric-looking text on the other side, a TEXT side turns a side without affinity into
 * text), then {@link compareValues}. Returns null when either side is NULL (the comparison is
 * NULL, which a WHERE clause treats as false).
 */
export function compareWithAffinity(a: SqlValue, affA: Affinity, b: SqlValue, affB: Affinity): number | null {
    if (a === null || b === null) return null;
    if (affA === 'numeric' && affB !== 'numeric') b = applyAffinity(b, 'numeric');
    else if (affB === 'numeric' && affA !== 'numeric') a = applyAffinity(a, 'numeric');
    else if (affA === 'text' && affB === 'none') b = applyAffinity(b, 'text');
    else if (affB === 'text' && affA === 'none') a = applyAffinity(a, 'text');
    return compareValues(a, b);
}

const foldAscii = (cp: number): number => (cp >= 65 && cp <= 90 ? cp + 32 : cp);

/**
 * `text LIKE pattern` with SQLite's defaults: `%` matches any run of characters, `_` exactly
 * one character, no escape character (a backslash is literal), ASCII letters match
 * case-insensitively and other letters only exactly. Both sides are converted to TEXT first;
 * NULL on either side gives NULL.
 */
export function sqlLike(text: SqlValue, pattern: SqlValue): boolean | null {
    const t = toText(text);
    const p = toText(pattern);
    if (t === null || p === null) return null;
    const s = Array.from(t, (c) => foldAscii(c.codePointAt(0) as number));
    const q = Array.from(p, (c) => foldAscii(c.codePointAt(0) as number));
    const PERCENT = 37;
    const UNDERSCORE = 95;
    // Greedy matching with backtracking to the last `%`: linear in practice, O(n·m) at worst.
    let si = 0;
    let pi = 0;
    let starPi = -1;
    let starSi = 0;
    while (si < s.length) {
        if (pi < q.length && (q[pi] === UNDERSCORE || (q[pi] !== PERCENT && q[pi] === s[si]))) {
            si++;
            pi++;
        } else if (pi < q.length && q[pi] === PERCENT) {
            starPi = pi++;
            starSi = si;
        } else if (starPi >= 0) {
            pi = starPi + 1;
            si = ++starSi;
        } else {
            return false;
        }
    }
    while (pi < q.length && q[pi] === PERCENT) pi++;
    return pi === q.length;
}

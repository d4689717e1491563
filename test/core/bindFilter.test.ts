import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import PocketBase, { bindFilter, ClientResponseError, isClientResponseError, type FilterParam, type FilterParams } from '../../src/index';
import { evaluateFilter, parseFilter, type FilterExpr, type FilterGroup, type FilterValue } from '../../src/core/filter';

/** The expressions of a parsed filter, in order, however deep their groups are. */
function exprs(node: FilterExpr | FilterGroup): FilterExpr[] {
    return node.kind === 'expr' ? [node] : node.items.flatMap((item) => exprs(item.node));
}

/** `title = {:v}` nested in `depth` groups, bound and parsed like fexpr v0.1.1: the right operand. */
function boundLiteral(value: FilterParam, depth = 0): { type: string; literal: string } {
    const src = '('.repeat(depth) + 'title = {:v}' + ')'.repeat(depth);
    const [expr] = exprs(parseFilter(bindFilter(src, { v: value })));
    return { type: expr!.right.type, literal: expr!.right.literal };
}

function refusal(expr: string, params: FilterParams): ClientResponseError {
    try {
        bindFilter(expr, params);
    } catch (err) {
        expect(err).toBeInstanceOf(ClientResponseError);
        expect((err as ClientResponseError).status).toBe(0);
        return err as ClientResponseError;
    }
    throw new Error(`bindFilter(${JSON.stringify(expr)}) did not throw`);
}

const NASTY = [
    '', 'plain', "it's", 'say "hi"', `both ' and "`, 'a\\b', '\\\\x', '\\"', "\\'", '\\\'"\\"x',
    'line\nbreak', 'tab\there', 'cr\r', '(paren)', ')', '((', "') || 1 = 1 || ('", '" || 1 = 1 || "',
    '{:v}', '&& ||', '50% _off_', '😀 emoji 👍🏽', 'ünïcödé', '\u2028\u2029', '<&>', 'x\\\\\\"y',
];

describe('bindFilter: strings', () => {
    it.each(NASTY)('reads %j back literally at every group depth', (value) => {
        for (const depth of [0, 1, 2, 3]) expect(boundLiteral(value, depth)).toEqual({ type: 'text', literal: value });
    });

    it('picks the quote that needs fewer escapes', () => {
        expect(bindFilter('t = {:v}', { v: 'abc' })).toBe("t = 'abc'");
        expect(bindFilter('t = {:v}', { v: "it's" })).toBe('t = "it\'s"');
        expect(bindFilter('t = {:v}', { v: 'say "hi"' })).toBe('t = \'say "hi"\'');
        expect(bindFilter('t = {:v}', { v: 'a\\nb' })).toBe("t = 'a\\nb'"); // a backslash stays as it is
        expect(bindFilter('(t = {:v})', { v: 'say "hi"' })).toBe('(t = \'say \\"hi\\"\')');
    });

    it('refuses what a v0.7 filter text cannot hold: a trailing backslash, NUL, a lone surrogate', () => {
        expect(refusal('t = {:v}', { v: 'a\\' }).message).toBe('Cannot bind {:v} into a PocketBase v0.7 filter: its text ends with a backslash, which a v0.7 filter text never can.');
        expect(refusal('t = {:v}', { v: '\\' }).message).toMatch(/backslash/);
        expect(refusal('t = {:v}', { v: 'a\0b' }).message).toMatch(/NUL/);
        expect(refusal('t = {:v}', { v: 'a\uD800b' }).message).toMatch(/surrogate/);
        expect(bindFilter('t = {:v}', { v: 'a\\b' })).toBe("t = 'a\\b'"); // inside is fine
    });

    it('property: any string without a trailing backslash or NUL is read back exactly, at any depth', () => {
        const nasty = fc.constantFrom(..."'\"\\()\n\t{:}%_&|=~ a😀".split(/(?:)/u));
        const text = fc.oneof(
            fc.string({ unit: nasty, maxLength: 30 }),
            fc.string({ unit: 'binary', maxLength: 30 }),
            fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 }),
        ).filter((s) => !s.endsWith('\\') && !s.includes('\0'));
        fc.assert(
            fc.property(text, fc.integer({ min: 0, max: 4 }), (value, depth) => {
                expect(boundLiteral(value, depth)).toEqual({ type: 'text', literal: value });
            }),
            { numRuns: 2000 },
        );
    });

    it('property: a value never changes the shape of the filter around it', () => {
        const nasty = fc.string({ unit: fc.constantFrom(..."'\"\\() &|=x".split('')), maxLength: 20 })
            .filter((s) => !s.endsWith('\\'));
        fc.assert(
            fc.property(nasty, nasty, (a, b) => {
                const node = parseFilter(bindFilter("(a = {:a} || (b != {:b} && c ~ 'x')) && d = {:a}", { a, b }));
                expect(exprs(node).map((e) => [e.left.literal, e.op, e.right.literal]))
                    .toEqual([['a', '=', a], ['b', '!=', b], ['c', '~', 'x'], ['d', '=', a]]);
            }),
            { numRuns: 1000 },
        );
    });

    it('property: strings ending in a backslash or holding NUL are always refused', () => {
        const bad = fc.oneof(fc.string().map((s) => s + '\\'), fc.tuple(fc.string(), fc.string()).map(([a, b]) => a + '\0' + b));
        fc.assert(fc.property(bad, (v) => void refusal('t = {:v}', { v })), { numRuns: 300 });
    });
});

describe('bindFilter: placeholders', () => {
    it('replaces every occurrence, ignores unused params and leaves quoted texts alone', () => {
        expect(bindFilter("a = {:x} || b = {:x} && c = '{:x}' && d = \"{:x}\"", { x: 1, unused: 'y' }))
            .toBe("a = 1 || b = 1 && c = '{:x}' && d = \"{:x}\"");
        expect(bindFilter("c = 'it\\'s {:x}' && d = {:x}", { x: 2 })).toBe("c = 'it\\'s {:x}' && d = 2");
    });

    it('returns an expression without placeholders unchanged', () => {
        expect(bindFilter("title ~ 'x' && (views > 1)")).toBe("title ~ 'x' && (views > 1)");
    });

    it('refuses a placeholder without a value (missing, undefined or inherited)', () => {
        expect(refusal('a = {:x}', {}).message).toBe('Cannot bind {:x} into a PocketBase v0.7 filter: it has no value.');
        expect(refusal('a = {:x}', { x: undefined }).message).toMatch(/\{:x\}.*no value/);
        expect(refusal('a = {:toString}', {}).message).toMatch(/\{:toString\}.*no value/);
    });

    it('refuses values of no filter kind', () => {
        expect(refusal('a = {:x}', { x: (() => 1) as never }).message).toMatch(/function/);
        expect(refusal('a = {:x}', { x: Symbol('s') as never }).message).toMatch(/symbol/);
    });

    it('refuses an expression text that v0.7 re-quotes into pieces inside parentheses', () => {
        expect(refusal("(a = 'x\"y' || b = {:b})", { b: 'z' }).message).toMatch(/breaks inside parentheses/);
        // escaped for the re-quoting, it is fine
        expect(bindFilter("(a = 'x\\\"y' || b = {:b})", { b: 'z' })).toBe("(a = 'x\\\"y' || b = 'z')");
    });

    it('errors are ClientResponseErrors with status 0, recognisable across bundles', () => {
        const err = refusal('a = {:x}', {});
        expect(isClientResponseError(err)).toBe(true);
        expect([err.status, err.url, err.isAbort]).toEqual([0, '', false]);
    });

    it('pb.filter is bindFilter', () => {
        const pb = new PocketBase('http://127.0.0.1:8090');
        expect(pb.filter('title = {:t} && views > {:n}', { t: "it's", n: 3 })).toBe('title = "it\'s" && views > 3');
        expect(pb.filter('title != ""')).toBe('title != ""');
    });
});

describe('bindFilter: numbers, booleans, null', () => {
    it('binds non-negative numbers as number literals (no exponent)', () => {
        const b = (x: number | bigint): string => bindFilter('n = {:x}', { x });
        expect([b(5), b(1.5), b(0), b(-0), b(1e21), b(1.5e-7), b(123456789012345680000)])
            .toEqual(['n = 5', 'n = 1.5', 'n = 0', 'n = 0', 'n = 1000000000000000000000', 'n = 0.00000015', 'n = 123456789012345680000']);
        expect(b(12345678901234567890n)).toBe('n = 12345678901234567890');
        for (const x of [0, 5, 0.1, 1e-7, 1e21, Number.MAX_VALUE, Number.MIN_VALUE]) {
            const [expr] = exprs(parseFilter(b(x)));
            expect(expr!.right.type).toBe('number');
            expect(Number(expr!.right.literal)).toBe(x);
        }
    });

    it('refuses NaN and infinities', () => {
        for (const x of [NaN, Infinity, -Infinity]) expect(refusal('n = {:x}', { x }).message).toMatch(/no number literal/);
    });

    it('binds negative numbers against a field: ranges for = and !=, texts for the other operators', () => {
        expect(bindFilter('views = {:x}', { x: -1 })).toBe("(views >= '-1' && views <= '-1')");
        expect(bindFilter('{:x} = views', { x: -1 })).toBe("(views >= '-1' && views <= '-1')");
        expect(bindFilter('a = 1 && views != {:x}', { x: -2.5 }))
            .toBe("a = 1 && (views < '-2.5' || views > '-2.5' || views = null)");
        expect(bindFilter('views < {:x} && views>={:x}', { x: -0.1 }))
            .toBe("views < '-0.10000000000000001' && views>='-0.10000000000000001'");
        expect(bindFilter('views <= {:x}', { x: -1e21 })).toBe("views <= '-1e+21'");
        expect(bindFilter('title ~ {:x}', { x: -1e21 })).toBe("title ~ '-1000000000000000000000'");
        expect(bindFilter('rel.views = {:x}', { x: -3n })).toBe("(rel.views >= '-3' && rel.views <= '-3')");
        expect(bindFilter('@request.user.profile.n > {:x}', { x: -3 })).toBe("@request.user.profile.n > '-3'");
    });

    it('refuses a negative number against anything but a field (no affinity there)', () => {
        for (const expr of ['@request.data.n = {:x}', 'null = {:x}', '1 < {:x}', "'a' = {:x}", '{:y} = {:x}', '@now > {:x}', '= {:x}']) {
            expect(refusal(expr, { x: -1, y: 2 }).message).toMatch(/can only be compared with a field/);
        }
    });

    it('binds booleans and null as the v0.7 literals, apart from neighbouring words', () => {
        expect(bindFilter('a = {:t} && b = {:f} || c != {:n}', { t: true, f: false, n: null }))
            .toBe('a = true && b = false || c != null');
        expect(bindFilter('a={:x}{:y}', { x: 1, y: true })).toBe('a=1  true'); // still two tokens: invalid, as written
    });

    it('property: numbers compare like JS numbers against a number field (evaluated like SQLite)', () => {
        const num = fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.integer({ min: -5, max: 5 }),
            fc.constantFrom(-0.1, -0.30000000000000004, -1.5, 0.1, -0),
        );
        const ops = ['=', '!=', '<', '<=', '>', '>='] as const;
        const js = { '=': (a: number, b: number) => a === b, '!=': (a: number, b: number) => a !== b, '<': (a: number, b: number) => a < b,
            '<=': (a: number, b: number) => a <= b, '>': (a: number, b: number) => a > b, '>=': (a: number, b: number) => a >= b };
        fc.assert(
            fc.property(fc.option(num), num, fc.constantFrom(...ops), fc.boolean(), (stored, bound, op, nested) => {
                const src = nested ? `(id != '' && (views ${op} {:n}))` : `views ${op} {:n}`;
                const record: { [id: string]: FilterValue } = { id: 'x', views: stored };
                // A NULL field is only ever "!=" (COALESCE(NULL, '') is '', no number).
                const expected = stored === null ? op === '!=' : js[op](stored, bound);
                expect(evaluateFilter(parseFilter(bindFilter(src, { n: bound })), (id) => record[id])).toBe(expected);
            }),
            { numRuns: 3000 },
        );
    });
});

describe('bindFilter: dates, arrays and objects', () => {
    it('binds dates the way v0.7 stores them (UTC, space, milliseconds, no zone)', () => {
        expect(bindFilter('created >= {:d}', { d: new Date(Date.UTC(2022, 9, 1, 10, 0, 0, 7)) }))
            .toBe("created >= '2022-10-01 10:00:00.007'");
        expect(bindFilter('d = {:d}', { d: new Date('+010000-01-01T00:00:00Z') })).toBe("d = '10000-01-01 00:00:00.000'");
        expect(bindFilter('d = {:d}', { d: new Date('-000001-06-01T00:00:00Z') })).toBe("d = '-0001-06-01 00:00:00.000'");
        expect(refusal('d = {:d}', { d: new Date('nope') }).message).toMatch(/invalid Date/);
    });

    it("binds arrays and objects as Go's json.Marshal text: sorted keys, HTML-safe, no \\b or \\f", () => {
        expect(bindFilter('tags = {:t}', { t: ['a', 'b'] })).toBe('tags = \'["a","b"]\'');
        const object = { b: 1, a: [true, null, 'x'], 10: 'ten', 9: 'nine', '😀': 0, '\uffff': 0 };
        expect(boundLiteral(object).literal)
            .toBe('{"10":"ten","9":"nine","a":[true,null,"x"],"b":1,"\uffff":0,"😀":0}');
        expect(boundLiteral({ s: '<a&b>\b\f\n\t\u0001\u2028"\\' }).literal)
            .toBe('{"s":"\\u003ca\\u0026b\\u003e\\u0008\\u000c\\n\\t\\u0001\\u2028\\"\\\\"}');
        expect(boundLiteral([1e21, 1e-7, -0, NaN, undefined, () => 1, { u: undefined, d: new Date(0) }]).literal)
            .toBe('[1e+21,1e-7,0,null,null,null,{"d":"1970-01-01T00:00:00.000Z"}]');
        expect(boundLiteral({ toJSON: () => ({ z: 1, y: 2 }) }).literal).toBe('{"y":2,"z":1}');
    });

    it('accepts any object type, interfaces without index signatures included (type-level)', () => {
        interface Meta { readonly a: number; readonly b?: string }
        const meta: Meta = { a: 1 };
        expect(bindFilter('meta = {:m} && tags = {:t}', { m: meta, t: ['x'] as readonly string[] }))
            .toBe('meta = \'{"a":1}\' && tags = \'["x"]\'');
    });

    it('reads JSON back literally inside groups, quotes and backslashes included', () => {
        const value = { q: `it's "quoted" \\ (x)` };
        for (const depth of [0, 1, 2]) expect(JSON.parse(boundLiteral(value, depth).literal)).toEqual(value);
    });

    it('refuses circular values, bigints inside and lone surrogates inside', () => {
        const circular: { self?: unknown } = {};
        circular.self = circular;
        expect(refusal('j = {:j}', { j: circular }).message).toMatch(/no JSON form/);
        expect(refusal('j = {:j}', { j: [1n] }).message).toMatch(/no JSON form/);
        expect(refusal('j = {:j}', { j: { ['\uDC00']: 1 } }).message).toMatch(/surrogate/);
        expect(refusal('j = {:j}', { j: { toJSON: () => undefined } }).message).toMatch(/no JSON form/);
    });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqliteNumberText, storedDate, storedJson, textLiteral } from '../../src/core/filterLiterals';
import { ClientResponseError } from '../../src/index';

describe('filterLiterals', () => {
    it('textLiteral: the doc examples', () => {
        expect(textLiteral(`it's`, 0, 'q')).toBe(`"it's"`);
        expect(textLiteral('say "hi"', 1, 'q')).toBe(`'say \\"hi\\"'`);
        expect(textLiteral('', 0, 'q')).toBe("''");
        expect(() => textLiteral('x\\', 0, 'q')).toThrow(ClientResponseError);
    });

    it('storedDate: types.DateTime in UTC, Go-style years', () => {
        expect(storedDate(new Date(Date.UTC(2022, 9, 1, 10)), 'd')).toBe('2022-10-01 10:00:00.000');
        expect(storedDate(new Date(Date.UTC(999, 0, 2, 3, 4, 5, 6)), 'd')).toBe('0999-01-02 03:04:05.006');
    });

    it('storedJson: the doc example and JSON.stringify parity for key-sorted, HTML-free values', () => {
        expect(storedJson({ b: '<', a: [1] }, 'j')).toBe('{"a":[1],"b":"\\u003c"}');
        const plain = fc.jsonValue().filter((v) => typeof v === 'object' && v !== null && !/[<>&\u2028\u2029\b\f]/.test(JSON.stringify(v)));
        const sortKeys = (v: unknown): unknown => Array.isArray(v) ? v.map(sortKeys)
            : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)])) : v;
        fc.assert(fc.property(plain, (v) => {
            const text = storedJson(v as object, 'j');
            expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
            if (!/"\d+":/.test(text)) expect(text).toBe(JSON.stringify(sortKeys(v))); // integer-like keys reorder in JS objects
        }), { numRuns: 500 });
    });

    it('sqliteNumberText: 17 significant digits, exact when read back, no trailing zeros', () => {
        expect([-1, -0.1, -2.5, -1e21, -1.5e-7].map(sqliteNumberText))
            .toEqual(['-1', '-0.10000000000000001', '-2.5', '-1e+21', '-1.4999999999999999e-7']);
        fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
            expect(Number(sqliteNumberText(x)) === x).toBe(true); // round-trips (-0 reads as 0)
        }), { numRuns: 2000 });
    });
});

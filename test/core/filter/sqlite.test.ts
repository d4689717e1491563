import { describe, expect, it } from 'vitest';
import {
    compareText,
    compareValues,
    compareWithAffinity,
    goFloatText,
    realToText,
    sqlLike,
} from '../../../src/core/filter/sqlite';

// Expected values below were read from the sqlite3 shell (3.40), e.g. `select 1e20 || ''`.
describe('realToText (SQLite REAL → TEXT)', () => {
    it.each([
        [5, '5.0'],
        [-2.5, '-2.5'],
        [0, '0.0'],
        [0.1, '0.1'],
        [1 / 3, '0.333333333333333'],
        [1e14, '100000000000000.0'],
        [1e15, '1.0e+15'],
        [1e20, '1.0e+20'],
        [123456789012345678, '1.23456789012346e+17'],
        [0.0001, '0.0001'],
        [0.00001, '1.0e-05'],
        [1.5e-7, '1.5e-07'],
    ])('%d → %s', (x, text) => {
        expect(realToText(x)).toBe(text);
    });
});

describe('goFloatText (Go strconv.FormatFloat(x, "f", -1, 64))', () => {
    it.each([
        [5, '5'],
        [1.5, '1.5'],
        [1e21, '1000000000000000000000'],
        [1.25e-7, '0.000000125'],
        [-3e22, '-30000000000000000000000'],
    ])('%d → %s', (x, text) => {
        expect(goFloatText(x)).toBe(text);
    });
});

describe('sqlLike', () => {
    it('matches % and _ wildcards', () => {
        expect(sqlLike('abc', 'a%')).toBe(true);
        expect(sqlLike('abc', '%c')).toBe(true);
        expect(sqlLike('abc', 'a_c')).toBe(true);
        expect(sqlLike('ac', 'a_c')).toBe(false);
        expect(sqlLike('abc', '%%%')).toBe(true);
        expect(sqlLike('', '%')).toBe(true);
        expect(sqlLike('', '_')).toBe(false);
        expect(sqlLike('aXbXc', '%x%x%')).toBe(true);
        expect(sqlLike('mississippi', '%iss%pi')).toBe(true);
        expect(sqlLike('mississippi', '%iss%x')).toBe(false);
    });

    it('folds ASCII case only, and _ matches one whole character', () => {
        expect(sqlLike('aBc', 'ABC')).toBe(true);
        expect(sqlLike('é', 'É')).toBe(false);
        expect(sqlLike('😀', '_')).toBe(true);
    });

    it('has no escape character', () => {
        expect(sqlLike('a_c', 'a\\_c')).toBe(false);
        expect(sqlLike('a\\xc', 'a\\_c')).toBe(true);
    });

    it('converts numbers to text and gives NULL for NULL', () => {
        expect(sqlLike(10, '10.0')).toBe(true);
        expect(sqlLike(1n, '1')).toBe(true);
        expect(sqlLike(null, '%')).toBe(null);
        expect(sqlLike('x', null)).toBe(null);
    });
});

describe('value ordering and affinity', () => {
    it('orders NULL < numbers < texts, numbers numerically, INTEGER and REAL alike', () => {
        const sorted = ['b', 10, null, '10', -1, 2n, 'B', ''].sort(compareValues);
        expect(sorted).toEqual([null, -1, 2n, 10, '', '10', 'B', 'b']);
        expect(compareValues(1n, 1)).toBe(0);
    });

    it('compares texts by code point (UTF-8 byte order), not UTF-16 units', () => {
        expect(compareText('\uE000', '😀')).toBeLessThan(0);
        expect('\uE000' < '😀').toBe(false); // what plain JS would say
        expect(compareText('a', 'ab')).toBeLessThan(0);
    });

    it('applies numeric affinity of one side to numeric-looking text on the other', () => {
        expect(compareWithAffinity(5, 'numeric', '10', 'none')).toBeLessThan(0);
        expect(compareWithAffinity(5, 'numeric', ' 5 ', 'none')).toBe(0);
        expect(compareWithAffinity(5, 'numeric', '1e1', 'none')).toBeLessThan(0);
        expect(compareWithAffinity(5, 'numeric', '5x', 'none')).toBeLessThan(0); // stays text
    });

    it('applies text affinity to a side without affinity', () => {
        expect(compareWithAffinity('10', 'text', 9, 'none')).toBeLessThan(0); // '10' < '9.0'
        expect(compareWithAffinity('5.0', 'text', 5, 'none')).toBe(0);
        expect(compareWithAffinity('10', 'none', 9, 'none')).toBeGreaterThan(0); // text > number
    });

    it('gives null (SQL NULL) when a side is NULL', () => {
        expect(compareWithAffinity(null, 'none', 1, 'none')).toBe(null);
    });
});

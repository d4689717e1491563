import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    compareBy,
    evaluateFilter,
    FilterEvalError,
    FilterSyntaxError,
    parseFilter,
    parseSort,
    type FilterValue,
} from '../../../src/core/filter';

// Strings built from the grammar's own characters find far more interesting inputs than
// arbitrary unicode.
const filterChars = fc.constantFrom(...'ab_@.#1 0()\'"\\=!<>~&|\t\n-%'.split(''));
const filterLike = fc.array(filterChars, { maxLength: 40 }).map((cs) => cs.join(''));

describe('properties', () => {
    it('parseFilter only ever throws FilterSyntaxError, with a position inside the input', () => {
        fc.assert(
            fc.property(fc.oneof(filterLike, fc.string()), (src) => {
                try {
                    parseFilter(src);
                } catch (e) {
                    expect(e).toBeInstanceOf(FilterSyntaxError);
                    const { position } = e as FilterSyntaxError;
                    expect(position).toBeGreaterThanOrEqual(0);
                    expect(position).toBeLessThanOrEqual(src.length);
                }
            }),
            { numRuns: 2000 },
        );
    });

    it('evaluateFilter on any parsed filter returns a boolean or throws FilterEvalError', () => {
        const values: Record<string, FilterValue> = { a: 'x', b: 1, a_b: null };
        fc.assert(
            fc.property(filterLike, (src) => {
                let node;
                try {
                    node = parseFilter(src);
                } catch {
                    return;
                }
                try {
                    expect(typeof evaluateFilter(node, (id) => values[id])).toBe('boolean');
                } catch (e) {
                    expect(e).toBeInstanceOf(FilterEvalError);
                }
            }),
            { numRuns: 2000 },
        );
    });

    const value: fc.Arbitrary<FilterValue> = fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true }),
        fc.integer({ min: -3, max: 3 }),
        fc.string({ maxLength: 4 }),
        fc.constantFrom('a', 'A', '10', '9', '', '\uE000', '😀'),
    );

    it('compareBy is a consistent total order (antisymmetric, transitive, reflexive)', () => {
        const cmp = compareBy<FilterValue>(parseSort('v'), (item) => item);
        fc.assert(
            fc.property(value, value, value, (a, b, c) => {
                expect(cmp(a, a)).toBe(0);
                expect(Math.sign(cmp(a, b)) + Math.sign(cmp(b, a))).toBe(0);
                if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
            }),
            { numRuns: 3000 },
        );
    });

    it('a descending sort is the exact reverse of the ascending one when keys are distinct', () => {
        fc.assert(
            fc.property(
                fc.uniqueArray(value, { selector: (v) => `${typeof v}:${String(v)}`, maxLength: 12 }),
                (items) => {
                    const asc = [...items].sort(compareBy<FilterValue>(parseSort('v'), (i) => i));
                    const desc = [...items].sort(compareBy<FilterValue>(parseSort('-v'), (i) => i));
                    // distinct JS values may still tie in SQLite (true and 1): compare only without ties
                    const cmp = compareBy<FilterValue>(parseSort('v'), (i) => i);
                    if (asc.some((x, k) => k > 0 && cmp(asc[k - 1] as FilterValue, x) === 0)) return;
                    expect(desc).toEqual([...asc].reverse());
                },
            ),
        );
    });
});

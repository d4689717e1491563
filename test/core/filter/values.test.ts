import { describe, expect, it } from 'vitest';
import { evaluateFilter, goJson, parseFilter, storedValue } from '../../../src/core/filter';

describe('storedValue / goJson', () => {
    it('keeps scalars and stores arrays and objects as Go JSON text', () => {
        expect(storedValue('x')).toBe('x');
        expect(storedValue(2.5)).toBe(2.5);
        expect(storedValue(false)).toBe(false);
        expect(storedValue(undefined)).toBe(null);
        expect(storedValue(['news', 'tech'])).toBe('["news","tech"]');
        expect(storedValue({ a: 1 })).toEqual({ json: '{"a":1}' }); // only a json field holds an object
    });

    it('escapes <, >, & and line separators like encoding/json', () => {
        expect(goJson(['<b>&</b>', '\u2028'])).toBe('["\\u003cb\\u003e\\u0026\\u003c/b\\u003e","\\u2028"]');
    });

    it('makes a multi-value field behave as its JSON text in filters, as on the server', () => {
        const record: Record<string, unknown> = { tags: ['news', 'a&b'] };
        const match = (f: string) => evaluateFilter(parseFilter(f), (id) => storedValue(record[id]));
        expect(match("tags = 'news'")).toBe(false);
        expect(match('tags ~ \'"news"\'')).toBe(true);
        expect(match("tags ~ 'a&b'")).toBe(false); // stored as a\u0026b
        expect(match('tags = \'["news","a\\u0026b"]\'')).toBe(true);
    });
});

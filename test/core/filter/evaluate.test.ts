import { describe, expect, it } from 'vitest';
import {
    evaluateFilter,
    FilterEvalError,
    filterIdentifiers,
    formatNow,
    parseFilter,
    type FieldResolver,
    type FilterValue,
} from '../../../src/core/filter';

// A record as PocketBase v0.7 stores it: text columns as strings, number (REAL) as numbers,
// bool as booleans, multi-value fields as JSON array text.
const post: Record<string, FilterValue | FilterValue[]> = {
    id: 'p1',
    created: '2022-10-01 10:00:00.000',
    title: 'Hello World',
    empty: '',
    missing: null,
    views: 10,
    rating: 0.5,
    code: '10',
    published: true,
    draft: false,
    tags: '["news","tech"]',
    'author.name': 'Ann', // single relation path
    'comments.text': ['first!', 'Nice post'], // multi relation path
    'likes.user': [], // multi relation with no rows
    '@request.method': 'GET',
    '@request.user.id': 'u1',
    '@request.data.count': 3,
    '@request.data.flag': true,
};
const resolve: FieldResolver = (id) => post[id];
const matches = (filter: string, now?: Date) => evaluateFilter(parseFilter(filter), resolve, now);

describe('evaluateFilter: = and != (COALESCE semantics)', () => {
    it('compares texts exactly (case-sensitive)', () => {
        expect(matches("title = 'Hello World'")).toBe(true);
        expect(matches("title = 'hello world'")).toBe(false);
        expect(matches("title != 'x'")).toBe(true);
    });

    it('treats NULL as empty text: null equals both NULL and ""', () => {
        expect(matches('missing = null')).toBe(true);
        expect(matches('empty = null')).toBe(true);
        expect(matches("missing = ''")).toBe(true);
        expect(matches('title = null')).toBe(false);
        expect(matches('title != null')).toBe(true);
        expect(matches('missing != null')).toBe(false);
    });

    it('never equates a number with a numeric-looking text (COALESCE drops affinity)', () => {
        expect(matches('views = 10')).toBe(true);
        expect(matches('views = 10.0')).toBe(true);
        expect(matches("views = '10'")).toBe(false);
        expect(matches('code = 10')).toBe(false);
        expect(matches("code = '10'")).toBe(true);
    });

    it('reads bools as 0/1: true/false literals and numbers match, texts do not', () => {
        expect(matches('published = true')).toBe(true);
        expect(matches('published = 1')).toBe(true);
        expect(matches('draft = false')).toBe(true);
        expect(matches('draft = 0')).toBe(true);
        expect(matches("published = 'true'")).toBe(false);
        expect(matches('published = TRUE && draft = False')).toBe(true);
    });

    it('compares literals with literals', () => {
        expect(matches('1 = 1')).toBe(true);
        expect(matches("'a' != 'b'")).toBe(true);
        expect(matches('null = false')).toBe(false); // '' vs 0
    });
});

describe('evaluateFilter: < <= > >= (SQLite affinity)', () => {
    it('compares numbers numerically, converting numeric texts for a number field', () => {
        expect(matches('views > 9.5 && views <= 10 && views >= 10 && views < 11')).toBe(true);
        expect(matches("views > '9'")).toBe(true); // '9' becomes 9 against a REAL column
        expect(matches("views < 'abc'")).toBe(true); // numbers sort before texts
    });

    it('compares a text field with a number as text (the number becomes "10.0")', () => {
        expect(matches('code < 9')).toBe(true); // '10' < '9.0' as text
        expect(matches('code >= 10')).toBe(false); // '10' < '10.0'
        expect(matches("code > '1'")).toBe(true);
    });

    it('compares dates as texts', () => {
        expect(matches("created > '2022-01-01' && created < '2022-10-02'")).toBe(true);
    });

    it('is false whenever a side is NULL', () => {
        for (const op of ['<', '<=', '>', '>=']) {
            expect(matches(`missing ${op} 1`)).toBe(false);
            expect(matches(`views ${op} null`)).toBe(false);
        }
    });

    it('compares @now, formatted like PocketBase dates, with date texts', () => {
        const now = new Date(Date.UTC(2022, 9, 1, 10, 0, 0, 1));
        expect(formatNow(now)).toBe('2022-10-01 10:00:00.001');
        expect(matches('created < @now', now)).toBe(true);
        expect(matches('created >= @now', now)).toBe(false);
    });
});

describe('evaluateFilter: ~ and !~ (LIKE)', () => {
    it('wraps a value without % in %…% (contains) and is case-insensitive for ASCII', () => {
        expect(matches("title ~ 'hello'")).toBe(true);
        expect(matches("title ~ 'WORLD'")).toBe(true);
        expect(matches("title !~ 'world'")).toBe(false);
        expect(matches("title !~ 'xyz'")).toBe(true);
    });

    it('uses a value containing % as the whole pattern', () => {
        expect(matches("title ~ 'hello%'")).toBe(true);
        expect(matches("title ~ 'world%'")).toBe(false);
        expect(matches("title ~ '%world'")).toBe(true);
    });

    it('treats _ as any one character and backslash as a plain character', () => {
        expect(matches("title ~ 'h_llo'")).toBe(true);
        expect(matches("title ~ 'h\\_llo'")).toBe(false);
    });

    it('folds only ASCII letters', () => {
        const r: FieldResolver = (id) => (id === 'name' ? 'ÉCOLE' : undefined);
        expect(evaluateFilter(parseFilter("name ~ 'école'"), r)).toBe(false);
        expect(evaluateFilter(parseFilter("name ~ 'Écol'"), r)).toBe(true);
        expect(evaluateFilter(parseFilter("name ~ 'É_OLE'"), r)).toBe(true);
    });

    it('matches number fields by their SQLite text form (10 is "10.0")', () => {
        expect(matches("views ~ '10.0'")).toBe(true);
        expect(matches('views ~ 10')).toBe(true);
        expect(matches('rating ~ 0.5')).toBe(true);
    });

    it('searches the JSON text of multi-value fields', () => {
        expect(matches("tags ~ 'tech'")).toBe(true);
        expect(matches('tags ~ \'"news"\'')).toBe(true);
        expect(matches("tags = 'news'")).toBe(false);
    });

    it('puts the field first when the text is on the left ("abc" ~ field is field LIKE %abc%)', () => {
        expect(matches("'world' ~ title")).toBe(true);
        expect(matches("'planet' !~ title")).toBe(true);
    });

    it('wraps a field on the right side in %…% (field ~ field)', () => {
        const r: FieldResolver = (id) => ({ a: 'foobar', b: 'OB', n: null })[id];
        expect(evaluateFilter(parseFilter('a ~ b'), r)).toBe(true);
        expect(evaluateFilter(parseFilter('b ~ a'), r)).toBe(false);
        expect(evaluateFilter(parseFilter('a ~ n'), r)).toBe(false);
    });

    it('is false on either side with NULL, for ~ and !~ alike', () => {
        expect(matches("missing ~ 'x'")).toBe(false);
        expect(matches("missing !~ 'x'")).toBe(false);
        expect(matches('title !~ null')).toBe(false);
        expect(matches('title ~ null')).toBe(false);
    });
});

describe('evaluateFilter: joins', () => {
    it('folds left to right: a && b || c is (a && b) || c, a || b && c is (a || b) && c', () => {
        // x = true, y = false
        expect(matches('published = true || views = 1 && draft = true')).toBe(false);
        expect(matches('draft = true && views = 1 || published = true')).toBe(true);
        expect(matches('published = true || (views = 1 && draft = true)')).toBe(true);
    });
});

describe('evaluateFilter: identifiers', () => {
    it('matches if any row of a multi-valued relation path matches', () => {
        expect(matches("comments.text = 'Nice post'")).toBe(true);
        expect(matches("comments.text ~ 'first'")).toBe(true);
        expect(matches("comments.text = 'nope'")).toBe(false);
        expect(matches("comments.text != 'first!'")).toBe(true);
        expect(matches("author.name = 'Ann'")).toBe(true);
    });

    it('reads an empty relation path as one NULL row (LEFT JOIN)', () => {
        expect(matches('likes.user = null')).toBe(true);
        expect(matches("likes.user != 'u1'")).toBe(true);
    });

    it('reads @request values; an absent @request value is NULL', () => {
        expect(matches("@request.method = 'GET' && @request.user.id = 'u1'")).toBe(true);
        expect(matches('@request.data.count < views')).toBe(true);
        expect(matches('@request.data.absent = null')).toBe(true);
        expect(matches('@request.query.page = null')).toBe(true);
        expect(matches('@request.data.flag = true')).toBe(true);
    });

    it('builds LIKE patterns from @request values as Go prints them', () => {
        // Both sides are bound, so both become %…% and the sides swap: '%ru%' LIKE '%true%'.
        expect(matches("@request.data.flag ~ 'ru'")).toBe(false);
        expect(matches("@request.data.flag ~ 'true'")).toBe(true);
        // 3 is printed "3" (Go), not "3.0" (SQLite): '%3%' LIKE '%3%'
        expect(matches("@request.data.count ~ '%3%'")).toBe(true);
    });

    it('throws FilterEvalError for unknown fields and disallowed identifiers', () => {
        const unknown = (filter: string, identifier: string) => {
            const run = () => matches(filter);
            expect(run).toThrow(FilterEvalError);
            try {
                run();
            } catch (e) {
                expect((e as FilterEvalError).identifier).toBe(identifier);
            }
        };
        unknown('nope = 1', 'nope');
        unknown('@request.foo = 1', '@request.foo');
        unknown('@collection.posts = 1', '@collection.posts');
        unknown('a#b = 1', 'a#b');
        // even in a branch that could not change the result
        unknown("title = 'Hello World' || nope = 1", 'nope');
    });

    it('prefers a field named like a literal over the literal', () => {
        const r: FieldResolver = (id) => (id === 'null' ? 'x' : undefined);
        expect(evaluateFilter(parseFilter("null = 'x'"), r)).toBe(true);
        expect(evaluateFilter(parseFilter("NULL = 'x'"), r)).toBe(false);
    });

    it('lists referenced identifiers once, without @now and literals', () => {
        const node = parseFilter('a = 1 && (b.c ~ @request.user.id || a > @now) && x != NULL && y = true');
        expect(filterIdentifiers(node)).toEqual(['a', 'b.c', '@request.user.id', 'x', 'y']);
    });
});

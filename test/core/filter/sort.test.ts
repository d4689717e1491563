import { describe, expect, it } from 'vitest';
import {
    compareBy,
    DEFAULT_PER_PAGE,
    isSortableField,
    MAX_PER_PAGE,
    paginate,
    parseSort,
    type FilterValue,
} from '../../../src/core/filter';

describe('parseSort', () => {
    it('reads -desc, +asc and bare asc fields separated by commas, trimming spaces', () => {
        expect(parseSort('-created, +title,id')).toEqual([
            { field: 'created', desc: true },
            { field: 'title', desc: false },
            { field: 'id', desc: false },
        ]);
    });

    it('keeps empty and malformed parts so they can be rejected like the server does', () => {
        expect(parseSort('title,')).toEqual([
            { field: 'title', desc: false },
            { field: '', desc: false },
        ]);
        expect(parseSort('+-x')).toEqual([{ field: '-x', desc: false }]);
        expect(isSortableField('')).toBe(false);
        expect(isSortableField('-x')).toBe(false);
    });

    it('allows columns and joins but not request values or @now', () => {
        expect(isSortableField('author.name')).toBe(true);
        expect(isSortableField('@collection.posts.title')).toBe(true);
        expect(isSortableField('@request.user.profile.name')).toBe(true);
        expect(isSortableField('@request.user.id')).toBe(false);
        expect(isSortableField('@request.method')).toBe(false);
        expect(isSortableField('@now')).toBe(false);
    });
});

describe('compareBy', () => {
    type Row = { id: number } & Record<string, FilterValue | FilterValue[]>;
    const get = (row: Row, field: string) => row[field];
    const order = (rows: Row[], sort: string) => [...rows].sort(compareBy(parseSort(sort), get)).map((r) => r.id);

    it('sorts ascending with NULL first, numbers before texts, texts case-sensitively', () => {
        const rows: Row[] = [
            { id: 1, v: 'b' },
            { id: 2, v: 'B' },
            { id: 3, v: null },
            { id: 4, v: 10 },
            { id: 5, v: '10' },
            { id: 6, v: 9 },
            { id: 7, v: true },
        ];
        expect(order(rows, 'v')).toEqual([3, 7, 6, 4, 5, 2, 1]);
        expect(order(rows, '-v')).toEqual([1, 2, 5, 4, 6, 7, 3]);
    });

    it('uses later keys for ties and keeps input order for full ties', () => {
        const rows: Row[] = [
            { id: 1, a: 1, b: 'x' },
            { id: 2, a: 0, b: 'y' },
            { id: 3, a: 1, b: 'a' },
            { id: 4, a: 1, b: 'a' },
        ];
        expect(order(rows, 'a,b')).toEqual([2, 3, 4, 1]);
        expect(order(rows, '-a,-b')).toEqual([1, 3, 4, 2]);
        expect(order(rows, '-a')).toEqual([1, 3, 4, 2]);
    });

    it('orders by the first value of a multi-valued path and treats unknown as NULL', () => {
        const rows: Row[] = [
            { id: 1, v: ['b', 'a'] },
            { id: 2, v: ['a'] },
            { id: 3, v: [] },
        ];
        expect(order(rows, 'v')).toEqual([3, 2, 1]);
    });
});

describe('paginate', () => {
    it('exposes the server limits', () => {
        expect(DEFAULT_PER_PAGE).toBe(30);
        expect(MAX_PER_PAGE).toBe(400);
    });

    it('normalises perPage and clamps page like the server', () => {
        expect(paginate(1, 0, 100)).toEqual({ page: 1, perPage: 30, totalItems: 100, totalPages: 4, offset: 0 });
        expect(paginate(2, -5, 100).perPage).toBe(30);
        expect(paginate(9, 500, 1000)).toEqual({ page: 3, perPage: 400, totalItems: 1000, totalPages: 3, offset: 800 });
        expect(paginate(0, 10, 25)).toMatchObject({ page: 1, totalPages: 3, offset: 0 });
        expect(paginate(5, 10, 0)).toEqual({ page: 1, perPage: 10, totalItems: 0, totalPages: 0, offset: 0 });
    });
});

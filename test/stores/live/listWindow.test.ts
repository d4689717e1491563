import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareBy, evaluateFilter, parseFilter, parseSort, type FilterValue } from '../../../src/core/filter/index';
import { ListWindow, type ApplyOutcome } from '../../../src/stores/live/listWindow';
import { planLocal, type LocalPlan } from '../../../src/stores/live/localPlan';

interface Post {
    id: string;
    created: string;
    updated: string;
    title: string;
    views: number;
    published: boolean;
    [field: string]: unknown;
}

interface Query {
    filter?: string;
    sort?: string;
}

/** A brute-force server: rows in rowid order, filtered, sorted (ties in rowid order), paginated. */
class ReferenceServer {
    rows: Post[] = [];
    private clock = 0;
    private nextId = 0;

    stamp(): string {
        return `2022-01-01 00:00:${String(this.clock++).padStart(6, '0')}`;
    }

    create(fields: Pick<Post, 'title' | 'views' | 'published'>): Post {
        const now = this.stamp();
        const post: Post = { id: `r${String(this.nextId++).padStart(4, '0')}`, created: now, updated: now, ...fields };
        this.rows.push(post);
        return post;
    }

    update(id: string, fields: Partial<Post>): Post {
        const i = this.rows.findIndex((r) => r.id === id);
        const post = { ...this.rows[i]!, ...fields, updated: this.stamp() };
        this.rows[i] = post;
        return post;
    }

    delete(id: string): Post {
        const i = this.rows.findIndex((r) => r.id === id);
        return this.rows.splice(i, 1)[0]!;
    }

    list(query: Query, page: number, perPage: number): { items: Post[]; totalItems: number; page: number } {
        const filter = query.filter ? parseFilter(query.filter) : null;
        const matching = this.rows.filter((r) => !filter || evaluateFilter(filter, (f) => r[f] as FilterValue));
        const sorted = query.sort ? matching.slice().sort(compareBy(parseSort(query.sort), (r, f) => r[f] as FilterValue)) : matching;
        if (!Number.isFinite(perPage)) return { items: sorted, totalItems: sorted.length, page: 1 };
        const totalPages = Math.ceil(sorted.length / perPage);
        const current = page <= 0 || sorted.length === 0 ? 1 : Math.min(page, totalPages);
        const offset = perPage * (current - 1);
        return { items: sorted.slice(offset, offset + perPage), totalItems: sorted.length, page: current };
    }
}

function fetchWindow(server: ReferenceServer, query: Query, page: number, perPage: number): ListWindow<Post> {
    const result = server.list(query, page, perPage);
    const plan = planLocal(query);
    return new ListWindow(result.items, {
        offset: Number.isFinite(perPage) ? perPage * (result.page - 1) : 0,
        totalItems: result.totalItems,
        perPage,
        requestedPage: page,
        page: result.page,
    }, plan);
}

const fieldsArb = fc.record({
    title: fc.constantFrom('a', 'b', 'ab', 'c', 'B'),
    views: fc.integer({ min: 0, max: 5 }),
    published: fc.boolean(),
});

type Op =
    | { kind: 'create'; fields: { title: string; views: number; published: boolean } }
    | { kind: 'update'; pick: number; fields: Partial<{ title: string; views: number; published: boolean }> }
    | { kind: 'delete'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), fields: fieldsArb }),
    fc.record({
        kind: fc.constant('update' as const),
        pick: fc.nat(),
        fields: fc.record({ title: fieldsArb.map((f) => f.title), views: fc.integer({ min: 0, max: 5 }), published: fc.boolean() }, { requiredKeys: [] }),
    }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

const queries: Query[] = [
    { filter: 'views >= 2', sort: '-views' },
    { sort: 'title,-views' },
    { filter: "title ~ 'a'" },
    { filter: 'published = true', sort: 'created' },
    { filter: 'published = true && views != 3', sort: '-updated' },
    {},
];
const windows: Array<{ page: number; perPage: number }> = [
    { page: 1, perPage: Infinity },
    { page: 1, perPage: 3 },
    { page: 2, perPage: 3 },
    { page: 9, perPage: 2 },
];

describe('ListWindow against a brute-force server', () => {
    it('always equals a fresh fetch after every event (applied locally or re-fetched)', () => {
        let applied = 0;
        fc.assert(
            fc.property(
                fc.constantFrom(...queries),
                fc.constantFrom(...windows),
                fc.array(fieldsArb, { maxLength: 12 }),
                fc.array(opArb, { maxLength: 30 }),
                (query, { page, perPage }, initial, ops) => {
                    const server = new ReferenceServer();
                    for (const fields of initial) server.create(fields);
                    let live = fetchWindow(server, query, page, perPage);
                    for (const op of ops) {
                        let event: { action: string; record: Post };
                        if (op.kind === 'create') event = { action: 'create', record: server.create(op.fields) };
                        else {
                            if (server.rows.length === 0) continue;
                            const id = server.rows[op.pick % server.rows.length]!.id;
                            event = op.kind === 'update'
                                ? { action: 'update', record: server.update(id, op.fields) }
                                : { action: 'delete', record: server.delete(id) };
                        }
                        const outcome: ApplyOutcome = live.apply(event);
                        if (outcome === 'refetch') live = fetchWindow(server, query, page, perPage);
                        else if (outcome === 'applied') applied++;
                        const expected = server.list(query, page, perPage);
                        expect(live.snapshot()().map((p) => p.id)).toEqual(expected.items.map((p) => p.id));
                        expect(live.snapshot()()).toEqual(expected.items);
                        expect(live.totalItems).toBe(expected.totalItems);
                    }
                },
            ),
            { numRuns: 300 },
        );
        // The point of the reducer: most events are applied without a fetch.
        expect(applied).toBeGreaterThan(500);
    });
});

describe('ListWindow decisions', () => {
    const plan = planLocal({ sort: 'views' });
    const post = (id: string, views: number, updated = '2022-01-01 00:00:01.000'): Post =>
        ({ id, created: '2022-01-01 00:00:00.000', updated, title: '', views, published: true });
    const full = (items: Post[], p: LocalPlan | null = plan): ListWindow<Post> =>
        new ListWindow(items, { offset: 0, totalItems: items.length, perPage: Infinity, requestedPage: 1, page: 1 }, p);

    it('inserts a created record at its sorted position', () => {
        const w = full([post('a', 1), post('b', 3)]);
        expect(w.apply({ action: 'create', record: post('c', 2) })).toBe('applied');
        expect(w.snapshot()().map((p) => p.id)).toEqual(['a', 'c', 'b']);
    });

    it('re-fetches when a record lands on an equal sort key (the tie order is the server scan order)', () => {
        const w = full([post('a', 1), post('b', 3)]);
        expect(w.apply({ action: 'create', record: post('c', 3) })).toBe('refetch');
        expect(w.apply({ action: 'update', record: post('a', 3, '2022-01-01 00:00:02.000') })).toBe('refetch');
        expect(w.snapshot()().map((p) => p.id)).toEqual(['a', 'b']);
    });

    it('keeps tied records in place when their sort key does not change', () => {
        const w = full([post('a', 1), post('b', 1), post('c', 1)]);
        const changed = { ...post('b', 1, '2022-01-01 00:00:02.000'), title: 'new' };
        expect(w.apply({ action: 'update', record: changed })).toBe('applied');
        expect(w.snapshot()()[1]).toEqual(changed);
    });

    it('ignores an event older than the record it already has (the SSE stream lagging a fetch)', () => {
        const w = full([post('a', 1, '2022-01-01 00:00:05.000')]);
        expect(w.apply({ action: 'update', record: post('a', 9, '2022-01-01 00:00:04.000') })).toBe('ignored');
        expect(w.get('a')?.views).toBe(1);
    });

    it('re-fetches when a page boundary moves: a removal pulls in the next page, an insert before the window shifts it', () => {
        const page1 = new ListWindow([post('a', 1), post('b', 2)], { offset: 0, totalItems: 4, perPage: 2, requestedPage: 1, page: 1 }, plan);
        expect(page1.apply({ action: 'delete', record: post('a', 1) })).toBe('refetch');
        const page2 = new ListWindow([post('c', 3), post('d', 4)], { offset: 2, totalItems: 4, perPage: 2, requestedPage: 2, page: 2 }, plan);
        expect(page2.apply({ action: 'create', record: post('e', 0) })).toBe('refetch');
        // After the window: only the count changes.
        expect(page1.apply({ action: 'create', record: post('f', 9) })).toBe('applied');
        expect(page1.totalItems).toBe(5);
        expect(page1.snapshot()().map((p) => p.id)).toEqual(['a', 'b']);
    });

    it('re-fetches what it cannot evaluate: relation paths, @request, @now, missing fields', () => {
        expect(planLocal({ filter: 'author.name = "x"' })).toBeNull();
        expect(planLocal({ filter: 'owner = @request.user.id' })).toBeNull();
        expect(planLocal({ filter: 'created < @now' })).toBeNull();
        expect(planLocal({ sort: '@collection.x.y' })).toBeNull();
        // A field the event does not carry cannot be evaluated.
        expect(full([], planLocal({ filter: "missing ~ 'a'" })).apply({ action: 'create', record: post('a', 1) })).toBe('refetch');
        expect(full([post('b', 1)], planLocal({ sort: 'missing' })).apply({ action: 'create', record: post('a', 1) })).toBe('refetch');
        // Multi-value fields are compared as the JSON text the server stores.
        const tags = full([], planLocal({ filter: "tags ~ '\"a\"'" }));
        expect(tags.apply({ action: 'create', record: { ...post('t', 1), tags: ['b'] } })).toBe('ignored');
        expect(tags.apply({ action: 'create', record: { ...post('u', 1), tags: ['a', 'b'] } })).toBe('applied');
        // A delete of a record in the list needs no evaluation at all.
        const v = full([post('a', 1)], null);
        expect(v.apply({ action: 'delete', record: post('a', 1) })).toBe('applied');
        expect(v.length).toBe(0);
    });

    it('keeps earlier snapshots intact after later events', () => {
        const w = full(Array.from({ length: 200 }, (_, i) => post(`p${i}`, i * 2)));
        const before = w.snapshot();
        w.apply({ action: 'create', record: post('x', 101) });
        w.apply({ action: 'delete', record: post('p0', 0) });
        expect(before()).toHaveLength(200);
        expect(before()[0]!.id).toBe('p0');
        expect(w.snapshot()().map((p) => p.id)).toContain('x');
        expect(w.get('x')?.views).toBe(101);
    });

    it('survives many inserts at the same spot (ranks are renumbered when they run out of precision)', () => {
        const w = full([post('lo', 0), post('hi', 1_000_000)]);
        for (let i = 1; i <= 120; i++) expect(w.apply({ action: 'create', record: post(`n${i}`, 1_000_000 - i) })).toBe('applied');
        const ids = w.snapshot()().map((p) => p.id);
        expect(ids[0]).toBe('lo');
        expect(ids[1]).toBe('n120');
        expect(ids.at(-1)).toBe('hi');
        for (let i = 1; i <= 120; i++) expect(w.get(`n${i}`)?.views).toBe(1_000_000 - i);
    });
});

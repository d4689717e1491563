import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { Record as PbRecord } from '../../../src/index';
import { liveList, type LiveListValue } from '../../../src/stores/rx/index';
import { keyComparator, matchesFilter, NotLocal, planLocal, sortKey, type LocalPlan } from '../../../src/stores/live/localPlan';
import type { Emulator } from '../../emulator/index';
import type { JsonSqliteFixture } from '../../core/filter/fixtures/generate-json-sqlite';
import fixtureJson from '../../core/filter/fixtures/json-sqlite.json';
import { recordRequests, setup, waitFor } from './helpers';

// Rows of a table whose `j` is a json field, and what sqlite3 answered for 1200 random filters
// (see test/core/filter/json.test.ts). Here the client sees each row as the API shows it.
const fixture = fixtureJson as JsonSqliteFixture;
type Row = JsonSqliteFixture['rows'][number];
const apiRecord = (row: Row) => ({ id: row.id, j: JSON.parse(row.j ?? 'null') as unknown, us: row.us, n: row.n, b: row.b });

/** 'local:true' / 'local:false' when applied locally, 'refetch' when the plan gives up. */
function decide(plan: LocalPlan, record: Record<string, unknown>): string {
    try {
        return `local:${matchesFilter(plan, record)}`;
    } catch (err) {
        if (err instanceof NotLocal) return 'refetch';
        throw err;
    }
}

// A json value the client can recognise (null, an object, an array) or a number, which it
// checks both as a number field and as a json number. A json string or boolean looks like a
// text or bool field to the client: that is the known limit, left out here.
const recognisable = (row: Row): boolean => {
    const v: unknown = JSON.parse(row.j ?? 'null');
    return v === null || typeof v === 'number' || typeof v === 'object';
};

describe('localPlan with json values (against the sqlite3 fixture)', () => {
    const nullRows = fixture.rows.filter((r) => JSON.parse(r.j ?? 'null') === null);

    it('has an empty field (SQL NULL) and a stored `null` text among the rows, both null in the API, alike otherwise', () => {
        expect(nullRows.map((r) => r.j)).toEqual([null, 'null']);
        expect(apiRecord(nullRows[0]!)).toEqual({ ...apiRecord(nullRows[1]!), id: nullRows[0]!.id });
    });

    it('is exact or re-fetches on every filter; it re-fetches where an API null cannot tell the two apart', () => {
        let local = 0;
        let total = 0;
        const wrong: string[] = [];
        for (const { filter, matches } of fixture.filters) {
            const plan = planLocal({ filter })!;
            fixture.rows.forEach((row, i) => {
                if (!recognisable(row)) return;
                total++;
                const got = decide(plan, apiRecord(row));
                if (got === 'refetch') return;
                local++;
                if (got !== `local:${matches[i] === '1'}`) wrong.push(`${filter} @ ${row.id} (${row.j}): sqlite ${matches[i]}, ${got}`);
            });
            // Where the two nulls answer differently, guessing would be wrong for one of them.
            const [empty, text] = nullRows.map((r) => matches[fixture.rows.indexOf(r)]);
            if (empty !== text) expect(decide(plan, apiRecord(nullRows[0]!)), filter).toBe('refetch');
        }
        expect(wrong).toEqual([]);
        expect(local / total).toBeGreaterThan(0.9); // re-fetching stays the exception
    });

    it("reads the record's own fields only (a Record's methods are no columns)", () => {
        expect(decide(planLocal({ filter: 'clone = null' })!, new PbRecord({ id: 'x', title: 'a' }))).toBe('refetch');
        expect(decide(planLocal({ filter: 'clone = 1' })!, new PbRecord({ id: 'x', clone: 1 }))).toBe('local:true');
    });

    it('re-fetches for a numeric json value under LIKE only when 1 and 1.0 would answer differently', () => {
        const plan = planLocal({ filter: "j ~ '.0'" })!;
        expect(decide(plan, { j: 1 })).toBe('refetch'); // a number field (1.0) matches, a json 1 does not
        expect(decide(plan, { j: 1.5 })).toBe('local:false');
        expect(decide(planLocal({ filter: "j ~ '1'" })!, { j: 1 })).toBe('local:true');
        expect(decide(planLocal({ filter: 'j > 0' })!, { j: 1 })).toBe('local:true');
    });

    it('re-fetches for a whole number beyond 2^53 when a json field would store other digits', () => {
        // A json field keeps Go's shortest digits: 2^62 is stored as the INTEGER 4611686018427388000.
        expect(decide(planLocal({ filter: 'j = 4611686018427387904' })!, { j: 2 ** 62 })).toBe('refetch');
        expect(decide(planLocal({ filter: 'j > 4611686018427387000' })!, { j: 2 ** 62 })).toBe('local:true');
        // Ordering is the same either way: sort keys compare locally.
        const plan = planLocal({ sort: '-j' })!;
        expect(keyComparator(plan)(sortKey(plan, { j: 2 ** 62 }), sortKey(plan, { j: 2 ** 62 + 1024 }))).toBeGreaterThan(0);
    });

    it('sorts a json null only where both meanings give the same order', () => {
        const plan = planLocal({ sort: 'j,us' })!;
        const compare = keyComparator(plan);
        const key = (j: unknown, us = '') => sortKey(plan, { j, us });
        expect(() => compare(key(null), key(1))).toThrow(NotLocal); // NULL < 1 < 'null'
        expect(() => compare(key(null), key(null))).toThrow(NotLocal); // NULL or 'null' each
        expect(compare(key(null), key({ a: 1 }))).toBeLessThan(0); // NULL and 'null' are both before '{"a":1}'
        expect(compare(key(['a']), key({ a: 1 }))).toBeLessThan(0);
        expect(compare(key(['a']), key(false))).toBeGreaterThan(0); // false is taken for a bool field (0)
        expect(compare(key(2), key(10))).toBeLessThan(0);
    });
});

describe('liveList over a collection with a json field (emulator)', () => {
    let emu: Emulator;
    let writer: PocketBase;

    beforeEach(async () => {
        ({ emu, writer } = await setup());
        await writer.collections.create({
            name: 'docs',
            schema: [{ name: 'title', type: 'text' }, { name: 'j', type: 'json' }],
            listRule: '', viewRule: '', createRule: null, updateRule: null, deleteRule: null,
        });
    });
    afterEach(async () => {
        await emu.close();
    });

    type Doc = { title: string; j: unknown };
    const titles = (v: LiveListValue<Doc>): string[] => v.items.map((d) => d.title);

    it('re-fetches for a record whose json field is null (NULL or the text null?) and converges; other json changes stay local', async () => {
        const a = await writer.records.create<Doc>('docs', { title: 'a', j: 1 });
        const b = await writer.records.create<Doc>('docs', { title: 'b', j: { k: 'x' } });
        await writer.records.create('docs', { title: 'c', j: ['x'] });
        const pb = new PocketBase(emu.url);
        const values: Array<LiveListValue<Doc>> = [];
        const query = { filter: "j = null || j ~ 'x'", sort: 'title' };
        const sub = liveList<Doc>(pb, 'docs', query).subscribe((v) => values.push(v));
        const settled = () => !values.at(-1)!.loading && !values.at(-1)!.stale;
        await waitFor(settled);
        expect(titles(values.at(-1)!)).toEqual(['b', 'c']);
        const fetches = recordRequests(emu, 'docs');

        // A json object and an array: exact locally (j ~ 'x' reads their stored JSON text).
        await writer.records.update('docs', b.id, { j: { k: 'y' } });
        await waitFor(() => titles(values.at(-1)!).join() === 'c');
        await writer.records.update('docs', a.id, { j: ['x', 1] });
        await waitFor(() => titles(values.at(-1)!).join() === 'a,c');
        expect(recordRequests(emu, 'docs')).toBe(fetches);

        // null: `j = null` holds for an empty field, not for the stored text `null`. The API shows
        // null for both, so the client re-fetches instead of guessing.
        await writer.records.update('docs', b.id, { j: null });
        await waitFor(() => settled() && titles(values.at(-1)!).join() === 'a,b,c');
        expect(recordRequests(emu, 'docs')).toBe(fetches + 1);
        const fresh = await writer.records.getFullList<Doc>('docs', 100, query);
        expect(values.at(-1)!.items.map((d) => d.id)).toEqual(fresh.map((d) => d.id));
        sub.unsubscribe();
    });
});

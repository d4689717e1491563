import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PocketBase from '../../../src/index';
import { liveList, type LiveListQuery, type LiveListValue } from '../../../src/stores/rx/index';
import { stableKey } from '../../../src/stores/cache/key';
import { setup, sleep, waitFor, type Post } from './helpers';
import { applyWrite, fieldsArb, plain, writeCommandArb } from './writes';

// Filters and sorts with many ties and page boundaries, so both paths (local and re-fetch) run.
const queryArb: fc.Arbitrary<LiveListQuery> = fc.constantFrom<LiveListQuery>(
    { filter: 'published = true', sort: '-views' },
    { filter: "views >= 2 && title ~ 'a'", sort: 'title,-views' },
    { filter: 'views != 3', sort: '-created' },
    { filter: "title ~ 'b'" },
    { filter: 'views > 0', sort: 'views', page: 1, perPage: 3 },
    { filter: 'published = false', sort: '-title', page: 2, perPage: 2 },
    { sort: '-views', page: 1, perPage: 2 },
    { filter: 'views < 4', sort: 'created', page: 2, perPage: 3 },
    // Expanded: creates/updates are completed with getOne(id, { expand }) before they are shown.
    { filter: 'views >= 1', sort: '-views,title', expand: 'category' },
);

interface Snapshot {
    ids: string[];
    items: unknown;
    counts: number[];
}

function snapshotOf(value: LiveListValue<Post>): Snapshot {
    return { ids: value.items.map((p) => p.id), items: plain(value.items), counts: [value.totalItems, value.page, value.totalPages] };
}

/**
 * Polls until the live value (settled: no fetch in flight, not stale) equals a fresh fetch, then
 * asserts it — so a wrong local delta fails here with a diff instead of hanging.
 */
async function expectConverged(values: Array<LiveListValue<Post>>, fresh: () => Promise<Snapshot>): Promise<void> {
    const until = Date.now() + 1500;
    let expected = await fresh();
    for (;;) {
        const last = values.at(-1)!;
        const settled = !last.loading && !last.stale;
        if (settled && stableKey(snapshotOf(last)) === stableKey(expected)) return;
        if (Date.now() > until) break;
        await sleep(10);
        expected = await fresh();
    }
    expect(snapshotOf(values.at(-1)!)).toEqual(expected);
}

describe('liveList convergence (fast-check, through the emulator)', () => {
    it('after every create/update/delete of a random sequence, the settled live value equals a fresh fetch', async () => {
        await fc.assert(
            fc.asyncProperty(queryArb, fc.array(fieldsArb, { maxLength: 8 }), fc.array(writeCommandArb, { minLength: 1, maxLength: 15 }), async (query, initial, commands) => {
                const { emu, writer } = await setup(initial.map((f) => ({ title: 'a', ...f })));
                const pb = new PocketBase(emu.url);
                const values: Array<LiveListValue<Post>> = [];
                const sub = liveList<Post>(pb, 'posts', query).subscribe((v) => values.push(v));
                try {
                    await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
                    const params = { filter: query.filter, sort: query.sort, expand: query.expand };
                    const fresh = async (): Promise<Snapshot> => {
                        if (query.perPage === undefined) {
                            const all = await writer.records.getFullList<Post>('posts', 100, params);
                            return { ids: all.map((p) => p.id), items: plain(all), counts: [all.length, 1, all.length > 0 ? 1 : 0] };
                        }
                        const page = await writer.records.getList<Post>('posts', query.page, query.perPage, params);
                        return { ids: page.items.map((p) => p.id), items: plain(page.items), counts: [page.totalItems, page.page, page.totalPages] };
                    };
                    const ids = (await writer.records.getFullList('posts')).map((r) => r.id);
                    for (const command of commands) {
                        await applyWrite(writer, ids, command);
                        // Settled after every command (not only at the end), so a wrong local delta
                        // cannot hide behind a later re-fetch.
                        await expectConverged(values, fresh);
                    }
                } finally {
                    sub.unsubscribe();
                    await emu.close();
                }
            }),
            // No shrinking: every failing step waits for convergence, so shrinking would outlast the test timeout.
            { numRuns: 25, endOnFailure: true },
        );
    }, 30_000);
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PocketBase from '../../../src/index';
import { infiniteList, type InfiniteListQuery, type InfiniteListValue } from '../../../src/stores/rx/index';
import { stableKey } from '../../../src/stores/cache/key';
import { setup, sleep, waitFor, type Post } from './helpers';
import { applyWrite, fieldsArb, plain, writeCommandArb, type WriteCommand } from './writes';

// A write, or a load (awaited or left running while the next writes happen).
type Command = WriteCommand | { kind: 'more'; wait: boolean };

const commandArb: fc.Arbitrary<Command> = fc.oneof(writeCommandArb, fc.record({ kind: fc.constant('more' as const), wait: fc.boolean() }));

// Small pages, ties and filters, so loads meet shifting lists and both paths (local and re-read) run.
const queryArb: fc.Arbitrary<InfiniteListQuery> = fc.constantFrom<InfiniteListQuery>(
    { sort: '-views', perPage: 2 },
    { filter: 'published = true', sort: '-views,title', perPage: 2 },
    { filter: 'views != 3', sort: '-created', perPage: 3 },
    { filter: "title ~ 'a'", perPage: 2 },
    { sort: 'title,-views', perPage: 1 },
    // Expanded: creates/updates are completed with getOne(id, { expand }) before they are shown.
    { filter: 'views >= 1', sort: '-views,title', expand: 'category', perPage: 2 },
);

interface Snapshot {
    items: unknown;
    totalItems: number;
    hasMore: boolean;
}

const snapshotOf = (value: InfiniteListValue<Post>): Snapshot => ({ items: plain(value.items), totalItems: value.totalItems, hasMore: value.hasMore });

/**
 * Polls until the settled value (no fetch or load in flight, not stale) equals a fresh fetch of
 * its first `pages × perPage` records, then asserts it (a wrong delta or append fails with a diff).
 */
async function expectConverged(values: Array<InfiniteListValue<Post>>, fresh: (count: number) => Promise<Snapshot>): Promise<void> {
    const until = Date.now() + 1500;
    for (;;) {
        const last = values.at(-1)!;
        const expected = await fresh(last.pages * last.perPage);
        const settled = !last.loading && !last.stale && !last.fetching && values.at(-1) === last;
        if (settled && stableKey(snapshotOf(last)) === stableKey(expected)) return;
        if (Date.now() > until) {
            expect(snapshotOf(last)).toEqual(expected);
            return;
        }
        await sleep(10);
    }
}

describe('infiniteList convergence (fast-check, through the emulator)', () => {
    it('after every write or load of a random sequence, the settled value equals a fresh fetch of its first pages × perPage records', async () => {
        await fc.assert(
            fc.asyncProperty(queryArb, fc.array(fieldsArb, { maxLength: 8 }), fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (query, initial, commands) => {
                const { emu, writer } = await setup(initial.map((f) => ({ title: 'a', ...f })));
                const pb = new PocketBase(emu.url);
                const values: Array<InfiniteListValue<Post>> = [];
                const sub = infiniteList<Post>(pb, 'posts', query).subscribe((v) => values.push(v));
                const loads: Array<Promise<void>> = [];
                try {
                    await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
                    const params = { filter: query.filter, sort: query.sort, expand: query.expand };
                    const fresh = async (count: number): Promise<Snapshot> => {
                        const page = await writer.records.getList<Post>('posts', 1, count, params);
                        return { items: plain(page.items), totalItems: page.totalItems, hasMore: page.totalItems > page.items.length };
                    };
                    const ids = (await writer.records.getFullList('posts')).map((r) => r.id);
                    for (const command of commands) {
                        if (command.kind === 'more') {
                            const load = values.at(-1)!.loadMore();
                            loads.push(load);
                            if (command.wait) await load;
                            else continue; // the next command races the load
                        } else {
                            await applyWrite(writer, ids, command);
                        }
                        await expectConverged(values, fresh);
                    }
                    await Promise.all(loads);
                    await expectConverged(values, fresh);
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

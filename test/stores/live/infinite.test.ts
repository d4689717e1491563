import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PocketBase, { BaseAuthStore, ListResult, Record } from '../../../src/index';
import { liveListModel, type ListModel } from '../../../src/stores/live/liveList';
import type { RealtimeClient } from '../../../src/stores/live/types';
import { infiniteList, liveQueryStats, type InfiniteListValue } from '../../../src/stores/rx/index';
import { dehydrate, hydrate, infiniteListAtom, invalidate, load, optimistic, queryStats } from '../../../src/stores/nano/index';
import { SEED_USER, type Emulator } from '../../emulator/index';
import { setup, sleep, waitFor, type Post } from './helpers';

let emu: Emulator;
let writer: PocketBase;
afterEach(() => emu?.close());

const POSTS = Array.from({ length: 7 }, (_, i) => ({ title: `p${i}`, views: i }));
const settled = (v: InfiniteListValue<Post> | undefined) => !!v && !v.loading && !v.fetching && !v.stale;

describe('infinite lists', () => {
    beforeEach(async () => {
        ({ emu, writer } = await setup(POSTS));
    });

    it('loads page after page in the server order; hasMore turns false at the end (atom)', async () => {
        const pb = new PocketBase(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 3 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        expect($feed.get().items.map((p) => p.title)).toEqual(['p6', 'p5', 'p4']);
        expect($feed.get()).toMatchObject({ pages: 1, hasMore: true, totalItems: 7 });
        $feed.loadMore();
        $feed.loadMore(); // ignored: a load is running
        await waitFor(() => settled($feed.get()) && $feed.get().pages === 2);
        expect($feed.get().items.map((p) => p.title)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
        $feed.loadMore();
        await waitFor(() => settled($feed.get()) && $feed.get().pages === 3);
        expect($feed.get().items).toHaveLength(7);
        expect($feed.get().hasMore).toBe(false);
        $feed.loadMore(); // nothing more
        expect($feed.get().pages).toBe(3);
        stop();
    });

    it('applies realtime changes across every loaded page and stays equal to a fresh fetch (rx)', async () => {
        const pb = new PocketBase(emu.url);
        const values: Array<InfiniteListValue<Post>> = [];
        const sub = infiniteList<Post>(pb, 'posts', { sort: '-views', perPage: 2 }).subscribe((v) => values.push(v));
        await waitFor(() => settled(values.at(-1)));
        values.at(-1)!.loadMore();
        await waitFor(() => settled(values.at(-1)) && values.at(-1)!.pages === 2);
        const fresh = async () => (await writer.records.getList<Post>('posts', 1, 4, { sort: '-views' })).items.map((p) => p.title);
        await writer.records.create('posts', { title: 'new', views: 5 }); // between p6 and p5 ... ties with p5
        await writer.records.create('posts', { title: 'top', views: 99 });
        const p5 = (await writer.records.getFullList<Post>('posts', 100, { filter: "title = 'p5'" }))[0]!;
        await writer.records.delete('posts', p5.id);
        const want = await fresh();
        await waitFor(() => settled(values.at(-1)) && JSON.stringify(values.at(-1)!.items.map((p) => p.title)) === JSON.stringify(want));
        expect(values.at(-1)!.items).toHaveLength(4);
        sub.unsubscribe();
    });
});

describe('infinite list convergence', () => {
    it('after random writes and loads, the value equals a fresh fetch of the first pages × perPage records', async () => {
        const command = fc.oneof(
            fc.record({ kind: fc.constant('create' as const), views: fc.integer({ min: 0, max: 9 }) }),
            fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), views: fc.integer({ min: 0, max: 9 }) }),
            fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
            fc.record({ kind: fc.constant('more' as const) }),
        );
        await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 2, maxLength: 8 }), async (commands) => {
            ({ emu, writer } = await setup(POSTS));
            try {
                const pb = new PocketBase(emu.url);
                const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views,title', perPage: 2 });
                const stop = $feed.listen(() => {});
                await waitFor(() => settled($feed.get()));
                for (const c of commands) {
                    const all = await writer.records.getFullList<Post>('posts');
                    const target = all.length ? all[('pick' in c ? c.pick : 0) % all.length]! : null;
                    if (c.kind === 'create') await writer.records.create('posts', { title: `c${c.views}`, views: c.views });
                    else if (c.kind === 'update' && target) await writer.records.update('posts', target.id, { views: c.views });
                    else if (c.kind === 'delete' && target) await writer.records.delete('posts', target.id);
                    else if (c.kind === 'more') {
                        await waitFor(() => !$feed.get().fetching);
                        $feed.loadMore();
                    }
                }
                await waitFor(() => settled($feed.get()));
                const count = $feed.get().pages * 2;
                const fresh = await writer.records.getList<Post>('posts', 1, count, { sort: '-views,title' });
                const want = JSON.stringify(fresh.items.map((p) => p.id));
                await waitFor(() => settled($feed.get()) && JSON.stringify($feed.get().items.map((p) => p.id)) === want, 3000)
                    .catch(() => { throw new Error(`not converged: ${JSON.stringify($feed.get().items.map((p) => p.id))} vs ${want}`); });
                expect($feed.get().totalItems).toBe(fresh.totalItems);
                expect($feed.get().hasMore).toBe(fresh.totalItems > fresh.items.length);
                stop();
            } finally {
                await emu.close();
            }
        }), { numRuns: 10 });
    }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// What loadMore sends, how it reconciles, and the cache features (remount, SSR, optimistic,
// identity, unmount), with every list request of the live client recorded (and some held).

interface Recorded {
    pb: PocketBase;
    /** `page x perPage` of every GET of the posts list, in order. */
    lists: string[];
}

/** A client whose posts list requests are recorded; `hold` may delay one until it resolves. */
function recordedClient(url: string, hold?: (page: string) => Promise<void> | undefined, store: BaseAuthStore | null = null): Recorded {
    const lists: string[] = [];
    const pb = new PocketBase(url, 'en-US', store, {
        fetch: async (input, init) => {
            const u = new URL(input);
            if ((init?.method ?? 'GET') === 'GET' && u.pathname === '/api/collections/posts/records') {
                const page = u.searchParams.get('page') ?? '';
                lists.push(`${page}x${u.searchParams.get('perPage')}`);
                await hold?.(page);
            }
            return fetch(input, init);
        },
    });
    return { pb, lists };
}

class MemoryStore extends BaseAuthStore {}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((p) => p.id);

describe('infinite lists: loading more', () => {
    beforeEach(async () => {
        ({ emu, writer } = await setup(POSTS));
    });

    it('loadMore fetches only the next page and appends it; the promise resolves once it shows; calls meanwhile wait for it', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 3 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        expect($feed.get()).toMatchObject({ pages: 1, perPage: 3, hasMore: true, loadingMore: false, totalItems: 7 });

        const first = $feed.loadMore();
        expect($feed.get()).toMatchObject({ loadingMore: true, fetching: true, pages: 1 });
        const second = $feed.loadMore(); // a load runs: only waits for it
        await first;
        await second;
        expect($feed.get()).toMatchObject({ pages: 2, loadingMore: false, fetching: false, hasMore: true });
        expect($feed.get().items.map((p) => p.title)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
        await $feed.loadMore();
        expect($feed.get()).toMatchObject({ pages: 3, hasMore: false });
        expect($feed.get().items).toHaveLength(7);
        await $feed.loadMore(); // nothing more: nothing sent
        expect(lists).toEqual(['1x3', '2x3', '3x3']);
        stop();
    });

    it('an event during a load makes it read the whole window again, exactly', async () => {
        let release = (): void => {};
        const gate = new Promise<void>((resolve) => { release = resolve; });
        const { pb, lists } = recordedClient(emu.url, (page) => (page === '2' ? gate : undefined));
        const values: Array<InfiniteListValue<Post>> = [];
        const sub = infiniteList<Post>(pb, 'posts', { sort: '-views', perPage: 2 }).subscribe((v) => values.push(v));
        await waitFor(() => settled(values.at(-1)));
        const loading = values.at(-1)!.loadMore();
        await waitFor(() => lists.includes('2x2'));
        // While page 2 is held, a record lands on page 1 and its event arrives: page 2 may or may not hold it.
        await writer.records.create('posts', { title: 'top', views: 99 });
        await sleep(100);
        release();
        await loading;
        await waitFor(() => settled(values.at(-1)));
        const fresh = await writer.records.getList<Post>('posts', 1, 4, { sort: '-views' });
        expect(ids(values.at(-1)!.items)).toEqual(ids(fresh.items));
        expect(values.at(-1)).toMatchObject({ pages: 2, totalItems: 8, hasMore: true });
        expect(lists).toEqual(['1x2', '2x2', '1x4']);
        sub.unsubscribe();
    });

    it('unsubscribing during a load aborts it and resolves its promise; without subscribers loadMore does nothing', async () => {
        const { pb, lists } = recordedClient(emu.url, (page) => (page === '2' ? sleep(200) : undefined));
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 3 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        const loading = $feed.loadMore();
        await waitFor(() => lists.includes('2x3'));
        stop();
        await loading;
        await sleep(10);
        expect($feed.get()).toMatchObject({ pages: 1, loadingMore: false, fetching: false });
        expect(queryStats(pb)).toMatchObject({ mounted: 0, inFlight: 0 });
        expect(liveQueryStats()).toEqual({ sources: 0, inFlight: 0 });
        await $feed.loadMore();
        expect(lists).toEqual(['1x3', '2x3']);
    });
});

describe('infinite lists: past 400 records', () => {
    beforeEach(async () => {
        ({ emu, writer } = await setup(Array.from({ length: 460 }, (_, i) => ({ title: `p${i}`, views: i }))));
    });

    it('a window of more than 400 records is re-read in requests of 400 and stays exact', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: 'views', perPage: 150 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        await $feed.loadMore();
        await $feed.loadMore();
        expect($feed.get()).toMatchObject({ pages: 3, hasMore: true, totalItems: 460 });
        expect($feed.get().items).toHaveLength(450);
        // A record after the window changes: the window cannot tell whether it was counted before.
        const last = (await writer.records.getList<Post>('posts', 1, 1, { sort: '-views' })).items[0]!;
        await writer.records.update('posts', last.id, { views: 1000 });
        await waitFor(() => lists.length === 5 && settled($feed.get()));
        expect(lists).toEqual(['1x150', '2x150', '3x150', '1x400', '2x400']);
        const all = await writer.records.getFullList<Post>('posts', 400, { sort: 'views' });
        expect(ids($feed.get().items)).toEqual(ids(all.slice(0, 450)));
        stop();
    });
});

describe('infinite lists in the cache', () => {
    beforeEach(async () => {
        ({ emu, writer } = await setup(POSTS));
    });

    it('a remount within gcTime shows every loaded page at once and re-reads them in one request; a hydrated snapshot too', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const query = { sort: '-views', perPage: 3 };
        const $feed = infiniteListAtom<Post>(pb, 'posts', query);
        let stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        await $feed.loadMore();
        const loaded = ids($feed.get().items);
        stop();
        await sleep(10);

        const seen: Array<InfiniteListValue<Post>> = [];
        stop = $feed.subscribe((v) => seen.push(v));
        expect(seen[0]).toMatchObject({ pages: 2, loading: false });
        expect(ids(seen[0]!.items)).toEqual(loaded);
        await waitFor(() => settled($feed.get()) && lists.length === 3);
        expect(lists).toEqual(['1x3', '2x3', '1x6']);
        expect(seen.every((v) => !v.loading && v.items.length === 6)).toBe(true);
        const snapshot = JSON.parse(JSON.stringify(dehydrate(pb))) as unknown;
        stop();

        const client = recordedClient(emu.url);
        hydrate(client.pb, snapshot);
        const $hydrated = infiniteListAtom<Post>(client.pb, 'posts', query);
        const hydratedSeen: Array<InfiniteListValue<Post>> = [];
        const stopHydrated = $hydrated.subscribe((v) => hydratedSeen.push(v));
        expect(hydratedSeen[0]).toMatchObject({ pages: 2, loading: false, hasMore: true });
        expect(ids(hydratedSeen[0]!.items)).toEqual(loaded);
        await waitFor(() => settled($hydrated.get()));
        expect(client.lists).toEqual(['1x6']);
        expect(hydratedSeen.every((v) => !v.loading)).toBe(true);
        stopHydrated();
    });

    it('optimistic and read-your-writes reach every loaded page', async () => {
        const { pb } = recordedClient(emu.url, undefined, new MemoryStore());
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 3 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        await $feed.loadMore();
        const onPage2 = $feed.get().items[4]!;
        const write = optimistic(pb).update<Post>('posts', onPage2.id, { title: 'renamed' });
        expect($feed.get().items[4]!.title).toBe('renamed');
        expect($feed.get().pending).toEqual({ [onPage2.id]: 'update' });
        await write;
        expect($feed.get().pending).toEqual({});
        // A create through the same client shows before its realtime echo (views 4.5: no tie).
        const created = await pb.records.create<Post>('posts', { title: 'mid', views: 4.5 });
        expect($feed.get().items.map((p) => p.id)).toContain(created.id);
        await waitFor(() => settled($feed.get()));
        const fresh = await writer.records.getList<Post>('posts', 1, 6, { sort: '-views' });
        expect(ids($feed.get().items)).toEqual(ids(fresh.items));
        expect($feed.get().items.map((p) => p.title)).toEqual(fresh.items.map((p) => p.title));
        stop();
    });

    it('after sign-out no record fetched for the user is shown, not for one value; the guest starts from page 1', async () => {
        const { pb } = recordedClient(emu.url, undefined, new MemoryStore());
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 3 });
        const seen: Array<InfiniteListValue<Post>> = [];
        const stop = $feed.subscribe((v) => seen.push(v));
        await waitFor(() => settled($feed.get()));
        await $feed.loadMore();
        seen.length = 0;
        pb.authStore.clear();
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((v) => v.items.length === 0 && v.pages === 0)).toBe(true);
        await waitFor(() => settled($feed.get()));
        expect($feed.get()).toMatchObject({ pages: 1, hasMore: true });
        expect($feed.get().items).toHaveLength(3);
        stop();
    });
});

describe('ListModel.grow (the exactness checks of loadMore, over a stub server that shifts without events)', () => {
    /** A server of records sorted by `-views`, answering getList like v0.7 (a page past the end is clamped). */
    function stubServer(views: number[]) {
        let rows = views.map((v, i) => new Record({ id: `r${i}`, views: v, updated: '2022-01-01 00:00:00.000' }));
        const sorted = () => [...rows].sort((a, b) => (b.views as number) - (a.views as number));
        const pb = {
            records: {
                getList: async (_collection: string, page: number, perPage: number) => {
                    const all = sorted();
                    const totalPages = Math.ceil(all.length / perPage);
                    const shown = all.length === 0 ? 1 : Math.min(page, totalPages);
                    return new ListResult(shown, perPage, all.length, totalPages, all.slice((shown - 1) * perPage, shown * perPage));
                },
            },
        } as unknown as RealtimeClient;
        return {
            pb,
            insert: (id: string, v: number) => { rows.push(new Record({ id, views: v, updated: '2022-01-01 00:00:00.000' })); },
            remove: (id: string) => { rows = rows.filter((r) => r.id !== id); },
            move: (id: string, v: number) => { rows = rows.map((r) => (r.id === id ? new Record({ ...r, views: v }) : r)); },
        };
    }
    const signal = new AbortController().signal;
    const shown = (model: ListModel<{}>) => model.value({ loading: false, fetching: false, stale: false, error: null, updatedAt: 0, pending: {} }).items.map((r) => r.id);

    async function loaded(views: number[], size = 2) {
        const server = stubServer(views);
        const model = liveListModel<{}>(server.pb, 'posts', { sort: '-views', perPage: 2 }, () => size);
        await model.fetch(signal);
        return { server, model };
    }

    it('appends the next page when it follows the window exactly', async () => {
        const { model } = await loaded([9, 8, 7, 6, 5]);
        expect(await model.grow(2, signal)).toBe('applied');
        expect(shown(model)).toEqual(['r0', 'r1', 'r2', 'r3']);
        expect(await model.grow(2, signal)).toBe('applied'); // the short last page
        expect(shown(model)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
        expect(model.length).toBe(5);
        expect(model.totalItems).toBe(5);
        expect(await model.grow(2, signal)).toBe('refetch'); // the window is not full: nothing after it
    });

    it('refuses (window unchanged) when the server counts otherwise, repeats a shown record, or clamped the page', async () => {
        const inserted = await loaded([9, 8, 7, 6, 5]);
        inserted.server.insert('new', 10); // page 2 now starts one record earlier
        expect(await inserted.model.grow(2, signal)).toBe('refetch');
        expect(shown(inserted.model)).toEqual(['r0', 'r1']);

        const moved = await loaded([9, 8, 7, 6, 5]);
        moved.server.move('r3', 10); // same count, but r1 is pushed onto page 2
        expect(await moved.model.grow(2, signal)).toBe('refetch');

        const shrunk = await loaded([9, 8, 7]);
        shrunk.server.remove('r2'); // page 2 no longer exists: the server answers page 1
        expect(await shrunk.model.grow(2, signal)).toBe('refetch');
        expect(shown(shrunk.model)).toEqual(['r0', 'r1']);
    });

    it('refuses when a local change reached the window during the request', async () => {
        const { model } = await loaded([9, 8, 7, 6, 5]);
        const growing = model.grow(2, signal);
        expect(model.apply({ action: 'update', record: new Record({ id: 'r0', views: 8.5, updated: '2022-01-02 00:00:00.000' }) })).toBe('applied');
        expect(await growing).toBe('refetch');
        expect(shown(model)).toEqual(['r0', 'r1']);
    });
});

describe('infinite lists: edges', () => {
    beforeEach(async () => {
        ({ emu, writer } = await setup(POSTS));
    });

    it('loadMore before the first answer does nothing; load() settles the first page (server rendering)', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 2 });
        const stop = $feed.listen(() => {});
        await $feed.loadMore(); // not subscribed yet (toAtom starts in a microtask), and nothing loaded
        const value = await load($feed);
        expect(value).toMatchObject({ pages: 1, loading: false, fetching: false, hasMore: true, totalItems: 7 });
        expect(value.items.map((p) => p.title)).toEqual(['p6', 'p5']);
        expect(lists).toEqual(['1x2']);
        stop();
    });

    it('invalidate re-reads every loaded page in one request', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 2 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        await $feed.loadMore();
        await $feed.loadMore();
        invalidate(pb, 'posts');
        await waitFor(() => lists.length === 4 && settled($feed.get()));
        expect(lists).toEqual(['1x2', '2x2', '3x2', '1x6']);
        expect($feed.get()).toMatchObject({ pages: 3, hasMore: true });
        expect($feed.get().items.map((p) => p.title)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
        stop();
    });

    it('hasMore turns true again when a record lands after the end, and loadMore appends it', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 7 });
        const stop = $feed.listen(() => {});
        await waitFor(() => settled($feed.get()));
        expect($feed.get()).toMatchObject({ pages: 1, hasMore: false, totalItems: 7 });
        await writer.records.create('posts', { title: 'last', views: -1 });
        await waitFor(() => $feed.get().hasMore);
        expect($feed.get()).toMatchObject({ totalItems: 8, pages: 1 });
        expect($feed.get().items).toHaveLength(7); // counted, not shown: it is on page 2
        await $feed.loadMore();
        expect($feed.get()).toMatchObject({ pages: 2, hasMore: false });
        expect($feed.get().items.at(-1)!.title).toBe('last');
        expect(lists).toEqual(['1x7', '2x7']); // the create was applied locally, the page appended
        stop();
    });

    it('perPage is capped at 400 like the server does, and equal page sizes share one entry', async () => {
        const { pb, lists } = recordedClient(emu.url);
        const $big = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 1000 });
        const $max = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 400 });
        const stops = [$big.listen(() => {}), $max.listen(() => {})];
        await waitFor(() => settled($big.get()) && settled($max.get()));
        expect($big.get()).toMatchObject({ perPage: 400, pages: 1, hasMore: false });
        expect($big.get().items).toHaveLength(7);
        expect(lists).toEqual(['1x400']);
        expect(queryStats(pb)).toMatchObject({ entries: 1, mounted: 1 });
        for (const stop of stops) stop();
    });
});

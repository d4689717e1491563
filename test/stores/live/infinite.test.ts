import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PocketBase from '../../../src/index';
import { infiniteList, type InfiniteListValue } from '../../../src/stores/rx/index';
import { infiniteListAtom } from '../../../src/stores/nano/index';
import type { Emulator } from '../../emulator/index';
import { setup, waitFor, type Post } from './helpers';

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

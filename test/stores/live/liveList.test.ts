import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { Record } from '../../../src/index';
import { liveList, liveQueryStats, type LiveListValue } from '../../../src/stores/rx/index';
import type { Emulator } from '../../emulator/index';
import { recordRequests, setup, sleep, waitFor, type Post } from './helpers';

let emu: Emulator;
let writer: PocketBase;

beforeEach(async () => {
    ({ emu, writer } = await setup([
        { title: 'a', views: 1, published: true },
        { title: 'b', views: 5, published: true },
        { title: 'c', views: 3, published: false },
    ]));
});
afterEach(async () => {
    await emu.close();
});

function watch<T>(pb: PocketBase, query: Parameters<typeof liveList>[2]) {
    const values: Array<LiveListValue<T>> = [];
    const sub = liveList<T>(pb, 'posts', query).subscribe((v) => values.push(v));
    return { values, last: () => values[values.length - 1]!, stop: () => sub.unsubscribe() };
}

const titles = (v: LiveListValue<Post>): string[] => v.items.map((p) => p.title);

describe('liveList (rx) against the emulator', () => {
    it('fetches once the topic is active, then applies creates/updates/deletes locally, in sort order', async () => {
        const pb = new PocketBase(emu.url);
        const live = watch<Post>(pb, { filter: 'published = true', sort: '-views' });
        expect(live.last()).toMatchObject({ loading: true, stale: true, items: [] });
        await waitFor(() => !live.last().loading);
        expect(live.last()).toMatchObject({ loading: false, stale: false, error: null, totalItems: 2, page: 1, perPage: null, totalPages: 1 });
        expect(titles(live.last())).toEqual(['b', 'a']);
        expect(live.last().items[0]).toBeInstanceOf(Record);
        const fetches = recordRequests(emu);

        const d = await writer.records.create<Post>('posts', { title: 'd', views: 4, published: true });
        await waitFor(() => titles(live.last()).includes('d'));
        expect(titles(live.last())).toEqual(['b', 'd', 'a']);

        await writer.records.update('posts', d.id, { views: 0 });
        await waitFor(() => titles(live.last())[2] === 'd');
        expect(titles(live.last())).toEqual(['b', 'a', 'd']);

        // Leaving the filter removes it; a record that never matched changes nothing.
        await writer.records.update('posts', d.id, { published: false });
        await waitFor(() => !titles(live.last()).includes('d'));
        await writer.records.create('posts', { title: 'hidden', views: 9, published: false });
        await writer.records.delete('posts', d.id);
        const b = live.last().items[0]!;
        await writer.records.delete('posts', b.id);
        await waitFor(() => !titles(live.last()).includes('b'));
        expect(titles(live.last())).toEqual(['a']);
        expect(live.last().totalItems).toBe(1);
        // Every change above was exact locally: no re-fetch.
        expect(recordRequests(emu)).toBe(fetches);
        live.stop();
        await waitFor(() => emu.connections() === 0);
        expect(liveQueryStats()).toEqual({ sources: 0, inFlight: 0 });
        expect(pb.realtime.subscriberCount).toBe(0);
    });

    it('re-fetches when a local delta is not exact (tie on the sort key), coalescing a burst into at most one extra fetch', async () => {
        const pb = new PocketBase(emu.url);
        const live = watch<Post>(pb, { sort: 'published' }); // ties everywhere
        await waitFor(() => !live.last().loading);
        const before = recordRequests(emu);
        await Promise.all(Array.from({ length: 8 }, (_, i) => writer.records.create('posts', { title: `burst${i}`, views: 100 + i, published: true }, { $autoCancel: false })));
        await waitFor(() => live.last().items.filter((p) => p.title.startsWith('burst')).length === 8 && !live.last().loading);
        await sleep(50);
        const fetched = recordRequests(emu) - before;
        expect(fetched).toBeGreaterThanOrEqual(1);
        expect(fetched).toBeLessThanOrEqual(2);
        const fresh = await writer.records.getFullList<Post>('posts', 100, { sort: 'published' });
        expect(live.last().items.map((p) => p.id)).toEqual(fresh.map((p) => p.id));
        live.stop();
    });

    it('keeps a page window exact: inserts inside it are local, a boundary shift re-fetches', async () => {
        const pb = new PocketBase(emu.url);
        const live = watch<Post>(pb, { sort: 'views', page: 1, perPage: 2 });
        await waitFor(() => !live.last().loading);
        expect(titles(live.last())).toEqual(['a', 'c']);
        expect(live.last()).toMatchObject({ page: 1, perPage: 2, totalItems: 3, totalPages: 2 });
        const before = recordRequests(emu);
        const low = await writer.records.create<Post>('posts', { title: 'low', views: 2, published: true });
        await waitFor(() => titles(live.last()).includes('low'));
        expect(titles(live.last())).toEqual(['a', 'low']);
        expect(live.last().totalItems).toBe(4);
        expect(recordRequests(emu)).toBe(before);
        // Deleting from the window pulls the next record in: only a fetch knows it.
        await writer.records.delete('posts', low.id);
        await waitFor(() => titles(live.last()).join() === 'a,c' && !live.last().loading);
        expect(recordRequests(emu)).toBe(before + 1);
        live.stop();
    });

    it('delivers expanded records: a created or updated record is fetched again with expand (one getOne), never shown without it', async () => {
        const pb = new PocketBase(emu.url);
        const categories = await writer.records.getFullList('categories');
        const news = categories.find((c) => c['name'] === 'news')!;
        const tech = categories.find((c) => c['name'] === 'tech')!;
        const post = await writer.records.create('posts', { title: 'exp', views: 50, category: news.id });
        const live = watch<Post & { category: string }>(pb, { filter: 'views >= 50', sort: 'title', expand: 'category' });
        await waitFor(() => !live.last().loading);
        expect(live.last().items[0]!['@expand']).toMatchObject({ category: { name: 'news' } });
        const gets = (suffix: (path: string) => boolean) => emu.requestLog.filter((e) => e.method === 'GET' && suffix(e.path)).length;
        const lists = () => gets((p) => p === '/api/collections/posts/records');
        const views = () => gets((p) => p.startsWith('/api/collections/posts/records/'));
        const [listsBefore, viewsBefore] = [lists(), views()];

        await writer.records.update('posts', post.id, { title: 'exp2', category: tech.id });
        await waitFor(() => live.last().items[0]?.title === 'exp2');
        expect(live.last().items[0]!['@expand']).toMatchObject({ category: { name: 'tech' } });
        await writer.records.create('posts', { title: 'new', views: 60, category: news.id });
        await waitFor(() => live.last().items.length === 2);
        expect(live.last().items.map((p) => p.title)).toEqual(['exp2', 'new']);
        expect(live.last().items[1]!['@expand']).toMatchObject({ category: { name: 'news' } });
        expect([lists() - listsBefore, views() - viewsBefore]).toEqual([0, 2]);
        // No emitted value ever held a record without its expansion.
        for (const value of live.values) for (const item of value.items) expect(item['@expand']).toHaveProperty('category');
        live.stop();
    });

    it('keeps the last items with `error` set when a re-fetch fails, and recovers with the next one', async () => {
        const pb = new PocketBase(emu.url);
        let fail = false;
        pb.beforeSend = (url, options) => {
            if (fail && url.includes('/records')) throw new Error('offline');
            return options;
        };
        const live = watch<Post>(pb, { sort: 'published' });
        await waitFor(() => !live.last().loading);
        const items = live.last().items;
        fail = true;
        await writer.records.create('posts', { title: 'tie', published: true }); // a tie: re-fetch
        await waitFor(() => live.last().error !== null && !live.last().loading);
        expect(live.last().error!.originalError).toBeInstanceOf(Error);
        expect(live.last().items).toEqual(items);
        fail = false;
        await writer.records.create('posts', { title: 'tie2', published: true });
        await waitFor(() => live.last().error === null && !live.last().loading);
        expect(titles(live.last())).toContain('tie2');
        expect(titles(live.last())).toContain('tie');
        live.stop();
    });
});

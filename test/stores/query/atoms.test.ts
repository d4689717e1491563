import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import PocketBase, { ClientResponseError } from '../../../src/index';
import { fullListAtom, listAtom, oneAtom, type QueryState } from '../../../src/stores/nano/index';
import { list } from '../../../src/stores/rx/index';
import { queryStats } from '../../../src/stores/rx/index';
import { startEmulator, SEED_USER, type Emulator } from '../../emulator/index';
import { startDelayProxy } from './delayProxy';

interface Post { title: string; views: number }

let emu: Emulator;
let proxy: Awaited<ReturnType<typeof startDelayProxy>>;

beforeAll(async () => {
    emu = await startEmulator({ seed: { posts: [{ title: 'alpha', views: 1 }, { title: 'beta', views: 2 }] } });
    proxy = await startDelayProxy(emu.url, 100);
});
afterAll(async () => {
    await proxy.close();
    await emu.close();
});

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until<T>(read: () => T, check: (value: T) => boolean, ms = 3000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
        const value = read();
        if (check(value)) return value;
        if (Date.now() > deadline) throw new Error('timed out; last value: ' + JSON.stringify(value));
        await sleep(5);
    }
}
const titles = (state: QueryState<{ items: Array<{ title: string }> }>) => state.data?.items.map((p) => p.title);

describe('query atoms (nano)', () => {
    it('a bare .get() never sends a request and reads the idle state', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const $posts = listAtom<Post>(pb, 'posts');
        expect($posts.get()).toEqual({ loading: true, fetching: false, data: undefined, error: null, updatedAt: 0, pending: {} });
        $posts.get();
        await sleep(30);
        expect(proxy.requests.length).toBe(before);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
    });

    it('starts on the first listener (after the tick) and goes loading → fetching → data', async () => {
        const pb = new PocketBase(emu.url);
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title' });
        const states: Array<QueryState<unknown>> = [];
        const stop = $posts.subscribe((s) => states.push(s));
        expect(queryStats(pb).inFlight).toBe(0); // decided in a microtask
        await Promise.resolve();
        expect(queryStats(pb).inFlight).toBe(1);
        const done = await until(() => $posts.get(), (s) => !s.loading);
        expect(titles(done)).toEqual(['alpha', 'beta']);
        expect(done.error).toBeNull();
        expect(states.map((s) => [s.loading, s.fetching])).toEqual([[true, false], [true, true], [false, false]]);
        expect(done.updatedAt).toBeGreaterThan(0);
        stop();
    });

    it('the last listener leaving aborts the request (the server sees it) one microtask later', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const $posts = listAtom(pb, 'posts', { filter: 'views = 1' });
        const stopA = $posts.listen(() => {});
        const stopB = $posts.listen(() => {});
        await until(() => proxy.requests.length, (n) => n > before);
        stopA();
        await tick();
        expect(queryStats(pb).inFlight).toBe(1);
        stopB();
        expect(queryStats(pb).inFlight).toBe(1);
        await Promise.resolve();
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        await until(() => proxy.requests[before]!.aborted, Boolean);
        expect($posts.get().loading).toBe(true);
    });

    it('a remount within the same tick keeps the request (React StrictMode, route swaps)', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const $posts = listAtom<Post>(pb, 'posts', { filter: 'views = 2' });
        $posts.listen(() => {})();
        const stop = $posts.listen(() => {});
        const done = await until(() => $posts.get(), (s) => !s.loading);
        expect(titles(done)).toEqual(['beta']);
        expect(proxy.requests.length - before).toBe(1);
        expect(proxy.requests[before]!.aborted).toBe(false);
        stop();
    });

    it('a write through the same client re-fetches by itself, keeping the old data while fetching', async () => {
        const pb = new PocketBase(emu.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title', filter: 'views < 100' });
        const stop = $posts.listen(() => {});
        await until(() => $posts.get(), (s) => !s.loading && !s.fetching);
        const created = await pb.records.create<Post>('posts', { title: 'aardvark', views: 3 });
        expect($posts.get()).toMatchObject({ loading: false, fetching: true });
        expect(titles($posts.get())).toEqual(['alpha', 'beta']);
        const after = await until(() => $posts.get(), (s) => !s.fetching);
        expect(titles(after)).toEqual(['aardvark', 'alpha', 'beta']);
        await pb.records.delete('posts', created.id);
        expect(titles(await until(() => $posts.get(), (s) => !s.fetching && s.data?.items.length === 2))).toEqual(['alpha', 'beta']);
        stop();
    });

    it('refetch does not join a request that was already in flight', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const $posts = listAtom(pb, 'posts', { filter: 'views > 0' });
        const stop = $posts.listen(() => {});
        await until(() => proxy.requests.length, (n) => n > before);
        $posts.refetch();
        await until(() => $posts.get(), (s) => !s.loading);
        expect(proxy.requests.length - before).toBe(2);
        expect(proxy.requests[before]!.aborted).toBe(true);
        stop();
        $posts.refetch(); // no listener: nothing happens
        await sleep(20);
        expect(proxy.requests.length - before).toBe(2);
    });

    it('errors are values, and one failing atom does not affect another', async () => {
        const pb = new PocketBase(emu.url);
        const $bad = listAtom(pb, 'posts', { filter: '((' });
        const $missing = oneAtom(pb, 'posts', 'nosuchrecord123');
        const $good = fullListAtom<Post>(pb, 'posts', { batch: 1, sort: '-title' });
        const stops = [$bad, $missing, $good].map(($a) => ($a as { listen(cb: () => void): () => void }).listen(() => {}));
        const bad = await until(() => $bad.get(), (s) => !s.loading);
        const missing = await until(() => $missing.get(), (s) => !s.loading);
        const good = await until(() => $good.get(), (s) => !s.loading);
        expect(bad.error).toBeInstanceOf(ClientResponseError);
        expect(bad.error?.status).toBe(400);
        expect(bad.data).toBeUndefined();
        expect(missing.error?.status).toBe(404);
        expect(good.error).toBeNull();
        expect(good.data?.map((p) => p.title)).toEqual(['beta', 'alpha']);
        stops.forEach((stop) => stop());
    });

    it('a remount within gcTime shows the cached data at once and re-fetches it in the background (staleTime 0)', async () => {
        const pb = new PocketBase(emu.url);
        const $post = listAtom<Post>(pb, 'posts', { filter: 'views = 1' });
        let stop = $post.listen(() => {});
        const first = await until(() => $post.get(), (s) => !s.loading && !s.fetching);
        stop();
        await tick();
        stop = $post.listen(() => {});
        expect($post.get()).toMatchObject({ loading: false, data: first.data, error: null });
        await Promise.resolve();
        expect($post.get()).toMatchObject({ loading: false, fetching: true, data: first.data });
        const second = await until(() => $post.get(), (s) => !s.fetching);
        expect(second.data).not.toBe(first.data);
        expect(titles(second)).toEqual(['alpha']);
        stop();
    });

    it('an atom and an observable of the same query share one request', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const $posts = listAtom<Post>(pb, 'posts', { sort: '-views' });
        const stop = $posts.listen(() => {});
        await Promise.resolve();
        const page = await firstValueFrom(list<Post>(pb, 'posts', { sort: '-views' }));
        const state = await until(() => $posts.get(), (s) => !s.loading);
        expect(state.data).toBe(page);
        expect(proxy.requests.length - before).toBe(1);
        stop();
    });
});

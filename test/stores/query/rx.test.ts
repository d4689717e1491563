import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Subject, firstValueFrom, lastValueFrom, switchMap, toArray, debounceTime } from 'rxjs';
import PocketBase, { ClientResponseError, ListResult, Record } from '../../../src/index';
import { fullList, list, one } from '../../../src/stores/rx/index';
import { queryStats } from '../../../src/stores/rx/index';
import { startEmulator, type Emulator } from '../../emulator/index';
import { startDelayProxy } from './delayProxy';

interface Post { title: string; views: number; published: boolean }

const POSTS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((title, i) => ({ title, views: i, published: i % 2 === 0 }));

let emu: Emulator;
let proxy: Awaited<ReturnType<typeof startDelayProxy>>;

beforeAll(async () => {
    emu = await startEmulator({ seed: { posts: POSTS } });
    proxy = await startDelayProxy(emu.url, 150);
});
afterAll(async () => {
    await proxy.close();
    await emu.close();
});

const recordsRequests = () => emu.requestLog.filter((e) => e.path === '/api/collections/posts/records');
const waitFor = async (check: () => boolean, ms = 2000) => {
    const until = Date.now() + ms;
    while (!check()) {
        if (Date.now() > until) throw new Error('timed out waiting');
        await new Promise((r) => setTimeout(r, 5));
    }
};

describe('list / fullList / one (rx)', () => {
    it('emits the page the server returns (filter, sort, paging) and completes', async () => {
        const pb = new PocketBase(emu.url);
        const pages = await lastValueFrom(list<Post>(pb, 'posts', { page: 1, perPage: 2, filter: 'published = true', sort: '-views' }).pipe(toArray()));
        expect(pages).toHaveLength(1);
        const page = pages[0]!;
        expect(page).toBeInstanceOf(ListResult);
        expect(page.items[0]).toBeInstanceOf(Record);
        expect(page.items.map((p) => p.title)).toEqual(['epsilon', 'gamma']);
        expect(page.totalItems).toBe(3);
        expect(page.totalPages).toBe(2);
    });

    it('fullList walks every page of `batch` records', async () => {
        const pb = new PocketBase(emu.url);
        const before = recordsRequests().length;
        const all = await firstValueFrom(fullList<Post>(pb, 'posts', { batch: 2, sort: 'title' }));
        expect(all.map((p) => p.title)).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma']);
        expect(recordsRequests().length - before).toBe(3);
    });

    it('one emits the record, and a missing one errors with the ClientResponseError (404)', async () => {
        const pb = new PocketBase(emu.url);
        const first = (await firstValueFrom(list<Post>(pb, 'posts', { sort: 'title', perPage: 1 }))).items[0]!;
        const post = await firstValueFrom(one<Post>(pb, 'posts', first.id));
        expect(post.title).toBe('alpha');
        const error = await firstValueFrom(one(pb, 'posts', 'doesnotexist123')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientResponseError);
        expect((error as ClientResponseError).status).toBe(404);
    });

    it('is cold: nothing is sent before subscribe, and each completed run is forgotten (no cache)', async () => {
        const pb = new PocketBase(emu.url);
        const before = recordsRequests().length;
        const posts$ = list(pb, 'posts', { filter: 'views > 2' });
        await new Promise((r) => setTimeout(r, 20));
        expect(recordsRequests().length).toBe(before);
        await firstValueFrom(posts$);
        await firstValueFrom(posts$);
        expect(recordsRequests().length - before).toBe(2);
    });

    it('identical concurrent subscriptions share one request', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const results = await Promise.all([
            firstValueFrom(list(pb, 'posts', { sort: 'title', filter: 'views >= 0' })),
            firstValueFrom(list(pb, 'posts', { filter: 'views >= 0', sort: 'title' })),
            firstValueFrom(list(pb, 'posts', { sort: 'title', filter: 'views >= 0' })),
        ]);
        expect(proxy.requests.length - before).toBe(1);
        expect(results[0]).toBe(results[1]);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
    });

    it('a request sent before sign-in is not shared with a subscriber arriving after it', async () => {
        const pb = new PocketBase(proxy.url);
        const signedIn = new PocketBase(emu.url);
        await signedIn.users.authViaEmail('user@example.com', 'password123');
        const before = proxy.requests.length;
        const guest = firstValueFrom(list(pb, 'posts', { filter: 'views = 0' }));
        pb.authStore.save(signedIn.authStore.token, signedIn.authStore.model);
        const user = firstValueFrom(list(pb, 'posts', { filter: 'views = 0' }));
        await Promise.all([guest, user]);
        const gets = proxy.requests.slice(before).filter((r) => r.method === 'GET');
        expect(gets).toHaveLength(2);
    });

    it('the last unsubscribe aborts the request: the server sees the connection closed', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const a = list(pb, 'posts', { filter: 'views = 1' }).subscribe();
        const b = list(pb, 'posts', { filter: 'views = 1' }).subscribe();
        await waitFor(() => proxy.requests.length > before);
        const seen = proxy.requests[before]!;
        a.unsubscribe();
        expect(queryStats(pb).inFlight).toBe(1); // b still wants it
        await new Promise((r) => setTimeout(r, 20));
        expect(seen.aborted).toBe(false);
        b.unsubscribe();
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        await waitFor(() => seen.aborted);
        expect(seen.answered).toBe(false);
    });

    it('reactive queries never auto-cancel each other (unlike two imperative getList calls)', async () => {
        const pb = new PocketBase(proxy.url);
        const [one1, two] = await Promise.all([
            firstValueFrom(list<Post>(pb, 'posts', { filter: 'views = 1' })),
            firstValueFrom(list<Post>(pb, 'posts', { filter: 'views = 2' })),
        ]);
        expect(one1.items.map((p) => p.title)).toEqual(['beta']);
        expect(two.items.map((p) => p.title)).toEqual(['gamma']);
        // Nor does an imperative call with the same path cancel a reactive one.
        const reactive = firstValueFrom(list<Post>(pb, 'posts', { filter: 'views = 3' }));
        const imperative = pb.records.getList('posts', 1, 30, { filter: 'views = 4' });
        expect((await reactive).items.map((p) => p.title)).toEqual(['delta']);
        expect((await imperative).items).toHaveLength(1);
    });

    it('an error in one query does not affect a concurrent one', async () => {
        const pb = new PocketBase(proxy.url);
        const [bad, good] = await Promise.allSettled([
            firstValueFrom(list(pb, 'posts', { filter: 'nosuchfield ~~ ' })),
            firstValueFrom(list<Post>(pb, 'posts', { filter: 'views = 0' })),
        ]);
        expect(bad.status).toBe('rejected');
        expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(ClientResponseError);
        expect((bad as PromiseRejectedResult).reason.status).toBe(400);
        expect(good.status).toBe('fulfilled');
        expect((good as PromiseFulfilledResult<ListResult<Post>>).value.items.map((p) => p.title)).toEqual(['alpha']);
    });

    it('typeahead: switchMap aborts the previous search at the server and only the last answer arrives', async () => {
        const pb = new PocketBase(proxy.url);
        const before = proxy.requests.length;
        const terms = new Subject<string>();
        const seen: string[][] = [];
        const sub = terms.pipe(
            switchMap((term) => list<Post>(pb, 'posts', { filter: pb.filter('title ~ {:term}', { term }), sort: 'title' })),
        ).subscribe((page) => seen.push(page.items.map((p) => p.title)));

        terms.next('a');
        await waitFor(() => proxy.requests.length > before);
        terms.next('lt'); // the 'a' search is in flight: switchMap unsubscribes from it
        await waitFor(() => seen.length === 1);
        sub.unsubscribe();

        expect(seen).toEqual([['delta']]);
        const [first, second] = proxy.requests.slice(before);
        expect(decodeURIComponent(first!.url)).toMatch(/title ~ ["']a["']/);
        await waitFor(() => first!.aborted);
        expect(second!.answered).toBe(true);
    });

    it('typeahead with debounce sends one request for a burst of keystrokes', async () => {
        const pb = new PocketBase(emu.url);
        const before = recordsRequests().length;
        const terms = new Subject<string>();
        const result = firstValueFrom(terms.pipe(debounceTime(20), switchMap((term) => list<Post>(pb, 'posts', { filter: pb.filter('title ~ {:term}', { term }) }))));
        for (const t of ['g', 'ga', 'gam']) terms.next(t);
        expect((await result).items.map((p) => p.title)).toEqual(['gamma']);
        expect(recordsRequests().length - before).toBe(1);
    });
});

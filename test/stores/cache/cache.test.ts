import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import PocketBase, { ClientResponseError } from '../../../src/index';
import { clearCache, configureCache, dehydrate, fullListAtom, hydrate, invalidate, listAtom, load, queryAtom, queryStats, type QueryState } from '../../../src/stores/nano/index';
import { list, listState, liveList } from '../../../src/stores/rx/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../../emulator/index';
import { startRecordingServer } from '../../support/recordingServer';
import { manualPlatform, sleep, waitFor } from './support';

interface Post { title: string; views: number }

let emu: Emulator;
beforeEach(async () => {
    emu = await startEmulator({ seed: { posts: [{ title: 'alpha', views: 1 }, { title: 'beta', views: 2 }] } });
});
afterEach(() => emu.close());

const listRequests = (collection = 'posts') => emu.requestLog.filter((e) => e.method === 'GET' && e.path === `/api/collections/${collection}/records`).length;
const settled = <T>(s: QueryState<T>) => !s.loading && !s.fetching;

describe('stale-while-revalidate', () => {
    it('a remount within staleTime shows the cached page at once and sends nothing; after staleTime it revalidates in the background', async () => {
        const pb = new PocketBase(emu.url);
        const platform = manualPlatform();
        configureCache(pb, { platform, staleTime: 10_000 });
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title' });
        let stop = $posts.listen(() => {});
        await waitFor(() => settled($posts.get()));
        const first = $posts.get().data;
        stop();
        await sleep(5);
        const before = listRequests();
        stop = $posts.listen(() => {});
        expect($posts.get()).toMatchObject({ loading: false, fetching: false, data: first });
        await sleep(30);
        expect(listRequests()).toBe(before);
        stop();
        await sleep(5);

        platform.advance(10_000);
        stop = $posts.listen(() => {});
        expect($posts.get()).toMatchObject({ loading: false, data: first });
        await waitFor(() => listRequests() === before + 1 && settled($posts.get()));
        expect($posts.get().data).not.toBe(first);
        stop();
    });

    it('entries nobody watches are dropped after gcTime; 10,000 distinct keys cycled leave nothing behind', async () => {
        const pb = new PocketBase(emu.url);
        const platform = manualPlatform();
        configureCache(pb, { platform, gcTime: 60_000 });
        for (let batch = 0; batch < 100; batch++) {
            const stops = Array.from({ length: 100 }, (_, i) => queryAtom({ pb, key: `k${batch}-${i}`, run: async () => i }).listen(() => {}));
            await Promise.resolve();
            stops.forEach((stop) => stop());
        }
        await sleep(0);
        expect(queryStats(pb)).toMatchObject({ entries: 10_000, mounted: 0, listeners: 0, inFlight: 0, identityWatchers: 0 });
        platform.advance(60_000);
        expect(queryStats(pb).entries).toBe(0);
        expect(platform.timers()).toBe(0);
        expect(platform.listeners()).toBe(0);
    });
});

describe('callers sharing a query', () => {
    it('the shortest staleTime of the callers applies: a caller asking for fresh data gets a request', async () => {
        const pb = new PocketBase(emu.url);
        configureCache(pb, { platform: manualPlatform() });
        const $relaxed = listAtom<Post>(pb, 'posts', { sort: 'title' }, { staleTime: 60_000 });
        const stopRelaxed = $relaxed.listen(() => {});
        await waitFor(() => settled($relaxed.get()));
        const before = listRequests();
        const $strict = listAtom<Post>(pb, 'posts', { sort: 'title' }, { staleTime: 0 });
        const stopStrict = $strict.listen(() => {});
        expect($strict.get()).toMatchObject({ loading: false, data: $relaxed.get().data });
        await waitFor(() => listRequests() === before + 1 && settled($strict.get()));
        stopStrict();
        stopRelaxed();
    });

    it('hydrated data nobody mounts within gcTime is forgotten; a later, older snapshot does not replace a newer one', async () => {
        const server = new PocketBase(emu.url);
        await load(listAtom<Post>(server, 'posts', { sort: 'title' }));
        const older = dehydrate(server);
        const admin = new PocketBase(emu.url);
        await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        await admin.records.create('posts', { title: 'gamma', views: 3 });
        await load(listAtom<Post>(server, 'posts', { sort: 'title' }, { staleTime: 0 }));
        const fresh = dehydrate(server);
        expect(fresh.queries[0]!.data).not.toEqual(older.queries[0]!.data);

        const pb = new PocketBase(emu.url);
        const platform = manualPlatform();
        configureCache(pb, { platform, gcTime: 60_000 });
        platform.advance(Date.now() - platform.now()); // the snapshots' times are in the past of this clock
        hydrate(pb, fresh);
        hydrate(pb, { ...older, queries: older.queries.map((q) => ({ ...q, updatedAt: q.updatedAt - 1000 })) });
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title' }, { staleTime: Infinity });
        let stop = $posts.listen(() => {});
        expect($posts.get().data?.items.map((p) => p.title)).toEqual(['alpha', 'beta', 'gamma']);
        stop();
        clearCache(pb);

        hydrate(pb, fresh);
        platform.advance(60_001);
        stop = $posts.listen(() => {});
        expect($posts.get()).toMatchObject({ loading: true, data: undefined });
        await waitFor(() => settled($posts.get()));
        stop();
    });
});

describe('one cache under both entry points', () => {
    it('an atom and its Observable twin hold the same values, from one request', async () => {
        const pb = new PocketBase(emu.url);
        const $posts = listAtom<Post>(pb, 'posts', { sort: '-views' });
        const fromAtom: unknown[] = [];
        const fromRx: unknown[] = [];
        const stop = $posts.subscribe((v) => fromAtom.push(v));
        await Promise.resolve();
        const sub = listState<Post>(pb, 'posts', { sort: '-views' }).subscribe((v) => fromRx.push(v));
        await waitFor(() => settled($posts.get()));
        await sleep(10);
        expect(fromRx.at(-1)).toBe(fromAtom.at(-1));
        expect(fromAtom).toEqual(expect.arrayContaining(fromRx));
        expect(listRequests()).toBe(1);
        stop();
        sub.unsubscribe();
    });
});

describe('identity partitioning', () => {
    it('after sign-out or a switch of user no value shows data fetched under the previous identity, not for one render', async () => {
        const admin = new PocketBase(emu.url);
        await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        await admin.collections.create({
            name: 'notes',
            schema: [{ name: 'text', type: 'text' }, { name: 'owner', type: 'user', options: { maxSelect: 1, cascadeDelete: false } }],
            listRule: 'owner = @request.user.id', viewRule: null, createRule: null, updateRule: null, deleteRule: null,
        });
        const user = await admin.users.getFullList();
        const userId = user.find((u) => u.email === SEED_USER.email)!.id;
        await admin.records.create('notes', { text: 'mine', owner: userId });

        const pb = new PocketBase(emu.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const $notes = fullListAtom<{ text: string }>(pb, 'notes');
        const seen: Array<QueryState<Array<{ text: string }>>> = [];
        const stop = $notes.subscribe((v) => seen.push(v));
        await waitFor(() => settled($notes.get()));
        expect($notes.get().data!.map((n) => n.text)).toEqual(['mine']);

        seen.length = 0;
        pb.authStore.clear();
        // Synchronously, before any request answered: the guest's entry, with nothing of the user's.
        expect(seen.every((v) => v.data === undefined)).toBe(true);
        await waitFor(() => settled($notes.get()));
        expect($notes.get().data).toEqual([]);

        seen.length = 0;
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        // Back to the user: the user's cached entry (still within gcTime) is shown at once.
        expect(seen[0]!.data!.map((n) => n.text)).toEqual(['mine']);
        stop();
    });
});

describe('read-your-writes and invalidation', () => {
    it('a write through the same client re-fetches each mounted query of the collection once (one request per distinct key)', async () => {
        const pb = new PocketBase(emu.url);
        await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        const atoms = Array.from({ length: 20 }, (_, i) => listAtom<Post>(pb, 'posts', { sort: i % 2 ? 'title' : '-title' }));
        const stops = atoms.map(($a) => $a.listen(() => {}));
        await waitFor(() => atoms.every(($a) => settled($a.get())));
        const before = listRequests();
        await pb.records.create('posts', { title: 'gamma', views: 3 });
        await waitFor(() => atoms.every(($a) => settled($a.get()) && $a.get().data!.items.length === 3));
        expect(listRequests() - before).toBe(2);
        stops.forEach((stop) => stop());
    });

    it('invalidate re-fetches mounted queries now and unmounted ones at their next mount, even within staleTime', async () => {
        const pb = new PocketBase(emu.url);
        configureCache(pb, { staleTime: 60_000 });
        const $a = listAtom<Post>(pb, 'posts', { sort: 'title' });
        const $b = listAtom<Post>(pb, 'posts', { sort: '-title' });
        const stopA = $a.listen(() => {});
        const stopB = $b.listen(() => {});
        await waitFor(() => settled($a.get()) && settled($b.get()));
        stopB();
        await sleep(5);
        const before = listRequests();
        invalidate(pb, 'posts');
        await waitFor(() => listRequests() === before + 1);
        const again = $b.listen(() => {});
        await waitFor(() => listRequests() === before + 2);
        stopA();
        again();
    });
});

describe('retries', () => {
    it('network errors and 5xx are retried with backoff; 4xx are not; unsubscribing cancels a pending retry', async () => {
        let failures = 2;
        const server = await startRecordingServer((req) => {
            if (req.query.get('filter') === 'bad') return { status: 400, body: { code: 400, message: 'Invalid filter parameters.', data: {} } };
            if (failures-- > 0) return { status: 503, body: { code: 503, message: 'busy', data: {} } };
            return { body: { page: 1, perPage: 30, totalItems: 0, totalPages: 0, items: [] } };
        });
        try {
            const pb = new PocketBase(server.url);
            const platform = manualPlatform();
            const delays: number[] = [];
            configureCache(pb, { platform, retryDelay: (attempt) => { delays.push(attempt); return 1000 * 2 ** attempt; } });
            const $ok = listAtom(pb, 'posts');
            const stop = $ok.listen(() => {});
            await waitFor(() => server.requests.length === 1);
            await sleep(10);
            platform.advance(1000);
            await waitFor(() => server.requests.length === 2);
            await sleep(10);
            platform.advance(2000);
            await waitFor(() => settled($ok.get()));
            expect($ok.get()).toMatchObject({ error: null, data: { items: [] } });
            expect(delays).toEqual([0, 1]);
            stop();

            const bad = await firstValueFrom(list(pb, 'posts', { filter: 'bad' })).catch((e: ClientResponseError) => e);
            expect(bad).toBeInstanceOf(ClientResponseError);
            expect((bad as ClientResponseError).status).toBe(400);
            expect(server.requests.filter((r) => r.query.get('filter') === 'bad')).toHaveLength(1);

            failures = 5;
            const count = server.requests.length;
            const $again = listAtom(pb, 'posts', { sort: 'x' });
            const stopAgain = $again.listen(() => {});
            await waitFor(() => server.requests.length === count + 1);
            await sleep(10);
            stopAgain();
            await sleep(5);
            platform.advance(60_000);
            await sleep(20);
            expect(server.requests.length).toBe(count + 1);
            expect(queryStats(pb).inFlight).toBe(0);
        } finally {
            await server.close();
        }
    });
});

describe('focus and network', () => {
    it('stale queries re-fetch on focus and online (injected platform); fresh ones do not', async () => {
        const pb = new PocketBase(emu.url);
        const platform = manualPlatform();
        configureCache(pb, { platform, staleTime: 5000 });
        const states: Array<QueryState<unknown>> = [];
        const sub = listState(pb, 'posts').subscribe((s) => states.push(s));
        await waitFor(() => states.length > 0 && settled(states.at(-1)!));
        const before = listRequests();
        platform.focus();
        await sleep(30);
        expect(listRequests()).toBe(before);
        platform.advance(5000);
        platform.focus();
        await waitFor(() => listRequests() === before + 1);
        await waitFor(() => settled(states.at(-1)!));
        platform.advance(5000);
        platform.online();
        await waitFor(() => listRequests() === before + 2);
        sub.unsubscribe();
        expect(platform.listeners()).toBe(0);
    });

    it('live lists revalidate on focus: a record that left the list rule (no event for that) disappears', async () => {
        const admin = new PocketBase(emu.url);
        await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        await admin.collections.create({
            name: 'flags', schema: [{ name: 'title', type: 'text' }, { name: 'public', type: 'bool' }],
            listRule: 'public = true', viewRule: 'public = true', createRule: null, updateRule: null, deleteRule: null,
        });
        const shown = await admin.records.create('flags', { title: 'shown', public: true });
        const pb = new PocketBase(emu.url);
        const platform = manualPlatform();
        configureCache(pb, { platform });
        const values: Array<{ items: ReadonlyArray<{ id: string }>; fetching: boolean; stale: boolean }> = [];
        const sub = liveList(pb, 'flags').subscribe((v) => values.push(v));
        await waitFor(() => values.length > 0 && values.at(-1)!.items.length === 1 && !values.at(-1)!.stale);
        await admin.records.update('flags', shown.id, { public: false }); // the guest gets no event
        await sleep(50);
        expect(values.at(-1)!.items).toHaveLength(1);
        platform.focus();
        await waitFor(() => values.at(-1)!.items.length === 0 && !values.at(-1)!.fetching);
        sub.unsubscribe();
    });
});

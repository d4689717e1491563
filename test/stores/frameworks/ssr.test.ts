// @vitest-environment quiet-happy-dom
// Server rendering (issue 9, item 10): a Svelte 5 component rendered with svelte/server from
// atoms loaded on the server, the cache dehydrated into the page, then the page hydrated in a
// browser-like document: the first render already shows the data, no loading state is ever
// rendered, the live list reconciles with exactly one request and a fresh-enough cached query
// sends none. Also: the snapshot is JSON-safe and holds no token unless asked for, it never
// holds nor shows data of another identity, every kind of query round-trips, hydrate never
// replaces newer data, and garbage is ignored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ReadableAtom } from 'nanostores';
import { firstValueFrom } from 'rxjs';
import { compile } from 'svelte/compiler';
import PocketBase, { BaseAuthStore } from '../../../src/index';
import { Record } from '../../../src/core/models/Record';
import {
    dehydrate, fullListAtom, hydrate, infiniteListAtom, listAtom, liveListAtom, liveRecordAtom, load, oneAtom, queryAtom, queryStats,
    type DehydratedState, type LiveListValue, type QueryState,
} from '../../../src/stores/nano/index';
import { list, liveList, liveRecord } from '../../../src/stores/rx/index';
import { startEmulator, SEED_USER, type Emulator } from '../../emulator/index';
import { eventually, sleep } from './harness';

class MemoryStore extends BaseAuthStore {}

interface Post { title: string; views: number }

const SOURCE = `
<script>
    let { posts, page } = $props();
</script>
{#if $posts.loading}<p id="loading">loading</p>{/if}
<ul id="live">{#each $posts.items as post (post.id)}<li>{post.title}</li>{/each}</ul>
<ol id="page">{#each $page.data?.items ?? [] as post (post.id)}<li>{post.title}</li>{/each}</ol>
`;

// A post body (not rendered) that would end the page's <script> early if the snapshot were
// embedded unescaped. (Not a title: happy-dom splits text at each `&lt;` into several text nodes,
// unlike browsers, which makes Svelte's hydration mismatch whatever the data layer does.)
const HOSTILE = '</script><script>window.__pwned = 1</script>';

const svelteRoot = dirname(createRequire(import.meta.url).resolve('svelte/package.json'));
const svelteExports = JSON.parse(readFileSync(join(svelteRoot, 'package.json'), 'utf8')).exports as { [path: string]: { browser?: string; default?: string } };
/** The file an import of the compiled component resolves to, in the browser or on the server. */
function runtimeFile(specifier: string, browser: boolean): string {
    const entry = svelteExports[specifier === 'svelte' ? '.' : './' + specifier.slice('svelte/'.length)];
    const target = (browser ? entry?.browser : undefined) ?? entry?.default;
    if (!target) throw new Error('unknown svelte import ' + specifier);
    return join(svelteRoot, target);
}

let dir: string;
beforeAll(() => {
    const cache = join(svelteRoot, '..', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'svelte-ssr-'));
});
afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
});

/** The component compiled for the server or the browser, its svelte imports resolved for that side. */
async function compiled(generate: 'server' | 'client'): Promise<unknown> {
    const { js } = compile(SOURCE, { generate, filename: 'Feed.svelte', dev: false });
    const code = js.code.replace(/from\s+['"](svelte(?:\/[^'"]*)?)['"]/g, (_m, spec: string) => `from ${JSON.stringify(runtimeFile(spec, generate === 'client'))}`);
    const file = join(dir, `Feed.${generate}.js`);
    writeFileSync(file, code);
    return (await import(/* @vite-ignore */ file)).default;
}

const client = () => new PocketBase(emu.url, 'en-US', new MemoryStore());
const postRequests = () => emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/collections/posts/records').length;
const titles = (items: ReadonlyArray<{ title: string }>) => items.map((p) => p.title);
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** `load` over atoms of different kinds. */
const loadAll = (atoms: readonly unknown[]) => Promise.all(atoms.map((a) => load(a as ReadableAtom<{ loading: boolean; fetching: boolean }>)));

/** A signed-in client and the cookie a browser would send with its requests. */
async function signedIn(): Promise<{ pb: PocketBase; cookie: string }> {
    const pb = client();
    await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
    return { pb, cookie: pb.authStore.exportToCookie() };
}

let emu: Emulator;

describe('server rendering with dehydrate / hydrate (Svelte 5)', () => {
    beforeAll(async () => {
        emu = await startEmulator({ seed: { posts: [{ title: 'first post', views: 1 }, { title: 'second post', views: 2 }, { title: 'third post', body: HOSTILE, views: 0 }] } });
    });
    afterAll(() => emu.close());

    it('renders on the server, hydrates without a loading state, reconciles the live list with one request and sends none for a fresh page', async () => {
        const { cookie } = await signedIn();
        const LIVE = { sort: '-created' };
        const PAGE = { sort: '-views', perPage: 1 };

        // --- server, one fresh client per request, signed in from the request's cookie ---
        const request = client();
        request.authStore.loadFromCookie(cookie);
        const $serverPosts = liveListAtom<Post>(request, 'posts', LIVE);
        const $serverPage = listAtom<Post>(request, 'posts', PAGE);
        await Promise.all([load($serverPosts), load($serverPage)]);
        const { render } = await import(/* @vite-ignore */ runtimeFile('svelte/server', false)) as { render(c: unknown, o: { props: object }): { body: string } };
        const { body } = render(await compiled('server'), { props: { posts: $serverPosts, page: $serverPage } });
        const snapshot = dehydrate(request);
        const html = `<div id="app">${body}</div><script type="application/json" id="pb-state">${JSON.stringify(snapshot).replace(/</g, '\\u003c')}</script>`;
        const serverTitles = titles($serverPosts.get().items);
        expect(serverTitles).toEqual(titles((await client().records.getList<Post>('posts', 1, 30, LIVE)).items));
        expect(serverTitles).toHaveLength(3);
        expect(body).toContain('first post');
        expect(body).toContain('second post');
        expect(JSON.stringify(snapshot)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
        expect(body).not.toContain('id="loading"');
        expect(html).not.toContain(request.authStore.token);
        // Nothing keeps running on the server once the page is rendered.
        await eventually(() => request.realtime.state === 'closed' && queryStats(request).inFlight === 0);

        // Meanwhile a record is created: the live list's reconcile must bring it.
        const { pb: writer } = await signedIn();
        await writer.records.create('posts', { title: 'created after the render', views: 0 });

        // --- browser --- (the page's scripts are loaded; from here on everything runs in one tick, as in a page)
        const svelte = await import(/* @vite-ignore */ runtimeFile('svelte', true)) as { hydrate(c: unknown, o: { target: Element; props: object }): object; unmount(app: object): Promise<void> };
        const Feed = await compiled('client');
        document.body.innerHTML = html;
        const target = document.getElementById('app')!;
        const state: unknown = JSON.parse(document.getElementById('pb-state')!.textContent!);
        expect(state).toEqual(roundTrip(snapshot)); // the escaped script survived HTML parsing intact
        expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();

        const pb = client();
        pb.authStore.loadFromCookie(cookie);
        hydrate(pb, state);
        const $posts = liveListAtom<Post>(pb, 'posts', LIVE);
        const $page = listAtom<Post>(pb, 'posts', PAGE, { staleTime: 60_000 });
        // Every value the atoms hold and every DOM change, from before the component exists.
        const seen: Array<LiveListValue<Post>> = [];
        const pages: Array<QueryState<unknown>> = [];
        const stopSeen = $posts.subscribe((v) => seen.push(v));
        const stopPages = $page.subscribe((v) => pages.push(v));
        const mutations: MutationRecord[] = [];
        const observer = new MutationObserver((records) => mutations.push(...records));
        observer.observe(target, { childList: true, subtree: true, characterData: true });
        const serverItems = [...target.querySelectorAll('#live li')];
        const before = postRequests();

        const app = svelte.hydrate(Feed, { target, props: { posts: $posts, page: $page } });
        const live = () => [...target.querySelectorAll('#live li')].map((li) => li.textContent);
        // The first render is the server's: same text, and the very nodes the server rendered.
        expect(seen[0]).toMatchObject({ loading: false });
        expect(titles(seen[0]!.items)).toEqual(serverTitles);
        expect(live()).toEqual(serverTitles);
        expect([...target.querySelectorAll('#live li')].every((li, i) => li === serverItems[i])).toBe(true);
        expect([...target.querySelectorAll('#page li')].map((li) => li.textContent)).toEqual(['second post']);

        // The live list subscribes to realtime and reconciles once, in the background.
        await eventually(() => live().length === 4 && !$posts.get().stale && !$posts.get().fetching, () => sleep(10));
        await sleep(150);
        expect(postRequests() - before).toBe(1);
        expect(live()).toEqual(titles((await client().records.getList<Post>('posts', 1, 30, LIVE)).items));
        expect(live()[0]).toBe('created after the render');
        expect(seen.some((v) => v.loading)).toBe(false);
        expect(seen.some((v) => v.fetching)).toBe(true); // the reconcile showed as a background fetch
        // The page within its staleTime never fetched (0 requests of its own, never `fetching`).
        expect(pages.length).toBeGreaterThan(0);
        expect(pages.some((v) => v.loading || v.fetching)).toBe(false);
        // No loading element was ever inserted, not even for an instant.
        const added = mutations.flatMap((m) => [...m.addedNodes]);
        expect(added.some((n) => n instanceof Element && (n.id === 'loading' || n.querySelector('#loading') !== null))).toBe(false);
        expect(target.querySelector('#loading')).toBeNull();

        observer.disconnect();
        await svelte.unmount(app);
        stopSeen();
        stopPages();
        document.body.innerHTML = '';
        await eventually(() => queryStats(pb).listeners === 0 && queryStats(pb).inFlight === 0);
    });

    it('every kind of query round-trips: atoms and Observables start with the server\'s values, decoded into models', async () => {
        const { pb: server } = await signedIn();
        const first = (await server.records.getList<Post>('posts', 1, 1, { sort: 'title' })).items[0]!;
        const custom = (pb: PocketBase) => queryAtom({ pb, key: 'post-count', collection: 'posts', run: async (signal) => ({ count: (await pb.records.getList('posts', 1, 1, { signal, $autoCancel: false })).totalItems }) });
        const atoms = (pb: PocketBase) => ({
            list: listAtom<Post>(pb, 'posts', { sort: 'title' }, { staleTime: 60_000 }),
            fullList: fullListAtom<Post>(pb, 'posts', { sort: 'title' }),
            one: oneAtom<Post>(pb, 'posts', first.id),
            liveList: liveListAtom<Post>(pb, 'posts', { sort: 'title', perPage: 2 }),
            liveRecord: liveRecordAtom<Post>(pb, 'posts', first.id),
            infinite: infiniteListAtom<Post>(pb, 'posts', { sort: 'title', perPage: 2 }),
            custom: custom(pb),
        });
        const onServer = atoms(server);
        await loadAll(Object.values(onServer));
        const snapshot = roundTrip(dehydrate(server, { auth: true }));
        expect(snapshot.queries).toHaveLength(7);

        const pb = client();
        hydrate(pb, snapshot);
        const before = postRequests();
        const onClient = atoms(pb);
        for (const name of Object.keys(onServer) as Array<keyof typeof onServer>) {
            const held = onClient[name].get() as { loading: boolean };
            const expected = onServer[name].get();
            expect(held.loading, name).toBe(false);
            // Same data, same classes (records are Record models again, not plain JSON).
            if (name === 'infinite') expect(onClient.infinite.get().items, name).toStrictEqual(onServer.infinite.get().items);
            else if (name === 'liveList') expect(onClient.liveList.get().items, name).toStrictEqual(onServer.liveList.get().items);
            else if (name === 'liveRecord') expect(onClient.liveRecord.get().record, name).toStrictEqual(onServer.liveRecord.get().record);
            else expect((held as QueryState<unknown>).data, name).toStrictEqual((expected as QueryState<unknown>).data);
        }
        expect(onClient.list.get().data!.items[0]).toBeInstanceOf(Record);
        expect(onClient.infinite.get()).toMatchObject({ pages: 1, hasMore: true });
        expect(onClient.custom.get().data).toEqual({ count: onServer.list.get().data!.totalItems });

        // The Observable twins start with the same data; a one-shot read within staleTime sends nothing.
        const liveValue = await firstValueFrom(liveList<Post>(pb, 'posts', { sort: 'title', perPage: 2 }));
        expect(liveValue.loading).toBe(false);
        expect(titles(liveValue.items)).toEqual(titles(onServer.liveList.get().items));
        expect((await firstValueFrom(liveRecord<Post>(pb, 'posts', first.id))).record?.title).toBe(first.title);
        const page = await firstValueFrom(list<Post>(pb, 'posts', { sort: 'title' }, { staleTime: 60_000 }));
        expect(titles(page.items)).toEqual(titles(onServer.list.get().data!.items));
        await sleep(50);
        expect(postRequests() - before).toBe(0);
    });
});

describe('the snapshot: JSON-safe, no token, one identity', () => {
    let profileId: string;
    beforeAll(async () => {
        emu = await startEmulator({ seed: { posts: [{ title: 'public post', views: 1 }] } });
        const { pb } = await signedIn();
        profileId = (pb.authStore.model as { profile?: { id: string } }).profile!.id;
        // The author is expanded only for the author themself (profiles view rule).
        await pb.records.create('posts', { title: 'by the user', views: 2, author: profileId });
    });
    afterAll(() => emu.close());

    it('is JSON-safe and holds no token by default; { auth: true } adds it and signs the client in', async () => {
        const { pb: server } = await signedIn();
        await Promise.all([load(liveListAtom(server, 'posts', { sort: 'title', expand: 'author' })), load(listAtom(server, 'posts', { sort: 'title' }))]);
        const snapshot = dehydrate(server);
        expect(roundTrip(snapshot)).toEqual(snapshot);
        expect(snapshot.queries).toHaveLength(2);
        expect(snapshot.auth).toBeUndefined();
        expect(JSON.stringify(snapshot)).not.toContain(server.authStore.token);
        expect(JSON.stringify(snapshot)).toContain(SEED_USER.name); // the user's own expansion

        const withAuth = dehydrate(server, { auth: true });
        expect(roundTrip(withAuth)).toEqual(withAuth);
        expect(withAuth.auth?.token).toBe(server.authStore.token);
        expect(withAuth.auth?.model).toMatchObject({ email: SEED_USER.email });
        const browser = client();
        hydrate(browser, roundTrip(withAuth));
        expect(browser.authStore.token).toBe(server.authStore.token);
        expect(browser.authStore.isUser).toBe(true);
        const state = listAtom<Post>(browser, 'posts', { sort: 'title' }).get();
        expect(state.loading).toBe(false);
        expect(titles(state.data!.items)).toEqual(['by the user', 'public post']);
    });

    it('a snapshot made for a user is never shown to a guest, nor to another identity', async () => {
        const { pb: server, cookie } = await signedIn();
        await load(liveListAtom(server, 'posts', { sort: 'title', expand: 'author' }));
        const snapshot = roundTrip(dehydrate(server));

        const guest = client();
        hydrate(guest, snapshot);
        const $guest = liveListAtom<Post>(guest, 'posts', { sort: 'title', expand: 'author' });
        expect($guest.get()).toMatchObject({ loading: true, items: [] });
        const values: Array<LiveListValue<Post>> = [];
        const stop = $guest.subscribe((v) => values.push(v));
        await eventually(() => !$guest.get().loading && !$guest.get().fetching);
        stop();
        expect(values.flatMap((v) => v.items).some((p) => (p['@expand'] as { author?: unknown }).author)).toBe(false);

        // The same user's browser does show it.
        const user = client();
        user.authStore.loadFromCookie(cookie);
        hydrate(user, snapshot);
        expect(liveListAtom<Post>(user, 'posts', { sort: 'title', expand: 'author' }).get().loading).toBe(false);
    });

    it('dehydrate holds only the current identity\'s data (a client that signed out sends no trace of the user)', async () => {
        const { pb } = await signedIn();
        const userId = pb.authStore.model!.id;
        await load(liveListAtom(pb, 'posts', { sort: 'title', expand: 'author' }));
        pb.authStore.clear();
        await load(liveListAtom(pb, 'posts', { sort: 'title', expand: 'author' }));
        const snapshot = JSON.stringify(dehydrate(pb));
        expect(snapshot).not.toContain(userId);
        expect(snapshot).not.toContain(SEED_USER.name);
        expect(snapshot).toContain('public post');
    });
});

describe('hydrate keeps newer data and ignores garbage', () => {
    beforeAll(async () => {
        emu = await startEmulator({ seed: { posts: [{ title: 'a', views: 1 }, { title: 'b', views: 2 }] } });
    });
    afterAll(() => emu.close());

    it('never replaces newer data: a mounted live list keeps what realtime brought, an unmounted page keeps a newer fetch', async () => {
        const server = client();
        await Promise.all([load(liveListAtom(server, 'posts', { sort: 'title' })), load(listAtom(server, 'posts', { sort: 'title' }))]);
        const older = roundTrip(dehydrate(server));

        const pb = client();
        const $posts = liveListAtom<Post>(pb, 'posts', { sort: 'title' });
        const stop = $posts.subscribe(() => {});
        await eventually(() => !$posts.get().loading && !$posts.get().fetching && !$posts.get().stale);
        const $page = listAtom<Post>(pb, 'posts', { sort: 'title' });
        await load($page);
        const { pb: writer } = await signedIn();
        const created = await writer.records.create('posts', { title: 'c', views: 3 });
        await eventually(() => $posts.get().items.length === 3);

        hydrate(pb, older);
        expect(titles($posts.get().items)).toEqual(['a', 'b', 'c']);
        expect(titles($page.get().data!.items)).toEqual(['a', 'b']); // as fetched: newer than the snapshot
        expect($page.get().updatedAt).toBeGreaterThan(older.queries[1]!.updatedAt);
        await sleep(100);
        expect(titles($posts.get().items)).toEqual(['a', 'b', 'c']);
        stop();
        await writer.records.delete('posts', created.id);
    });

    it('ignores garbage without throwing: malformed snapshots, malformed data under real keys, unusable auth', async () => {
        const pb = client();
        for (const garbage of [null, undefined, 42, 'x', [], { queries: 'no' }, { queries: [null, 1, { key: 5 }, { key: 'k' }, { key: '[', data: 1 }] }, { auth: { token: 7 } }, { auth: 'x' }]) {
            expect(() => hydrate(pb, garbage)).not.toThrow();
        }
        expect(pb.authStore.token).toBe('');

        const server = client();
        const QUERY = { sort: 'title' };
        const make = (c: PocketBase) => [liveListAtom<Post>(c, 'posts', QUERY), listAtom<Post>(c, 'posts', QUERY), fullListAtom<Post>(c, 'posts', QUERY), infiniteListAtom<Post>(c, 'posts', { ...QUERY, perPage: 1 })] as const;
        await loadAll(make(server));
        const real = roundTrip(dehydrate(server)) as DehydratedState;
        const badData = [null, 5, 'x', {}, { items: 'x' }, { items: [null, 5, 'x', { id: 7 }, { id: '' }] }, { items: [{ id: 'z', title: 'z' }, { id: 'z', title: 'z' }] }, { pages: 1, list: { items: [null], page: 1, perPage: 1 } }];
        for (const data of badData) {
            const browser = client();
            expect(() => hydrate(browser, { version: 1, queries: real.queries.map((q) => ({ ...q, data, updatedAt: 'soon' })) })).not.toThrow();
            const atoms = make(browser);
            // Nothing of the garbage is shown: each query starts from nothing, as without a snapshot.
            for (const $a of atoms) expect($a.get().loading, JSON.stringify(data)).toBe(true);
            const stops = atoms.map(($a) => ($a as { subscribe(l: () => void): () => void }).subscribe(() => {}));
            await eventually(() => atoms.every(($a) => !$a.get().loading && !$a.get().fetching));
            expect(titles(atoms[0].get().items)).toEqual(['a', 'b']);
            expect(titles(atoms[1].get().data!.items)).toEqual(['a', 'b']);
            stops.forEach((s) => s());
        }

        // A signed-in client keeps its auth when a snapshot's auth is unusable.
        const { pb: user, cookie } = await signedIn();
        const browser = client();
        browser.authStore.loadFromCookie(cookie);
        for (const auth of [{ token: '' }, { token: 'not a jwt', model: { id: 'x' } }, { token: 7 }]) hydrate(browser, { auth });
        expect(browser.authStore.token).toBe(user.authStore.token);
    });
});

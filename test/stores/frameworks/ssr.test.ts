// @vitest-environment quiet-happy-dom
// Server rendering: a Svelte 5 component rendered with svelte/server from loaded atoms, the cache
// dehydrated into the page, then hydrated in a browser-like document: the first render already
// shows the data, no loading state is ever rendered, the live list reconciles with exactly one
// request and a fresh-enough cached query sends none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compile } from 'svelte/compiler';
import PocketBase, { BaseAuthStore } from '../../../src/index';
import {
    dehydrate, hydrate, listAtom, liveListAtom, load, type LiveListValue, type QueryState,
} from '../../../src/stores/nano/index';
import { startEmulator, SEED_USER, type Emulator } from '../../emulator/index';
import { eventually, sleep } from './harness';

class MemoryStore extends BaseAuthStore {}

const SOURCE = `
<script>
    let { posts, page } = $props();
</script>
{#if $posts.loading}<p id="loading">loading</p>{/if}
<ul id="live">{#each $posts.items as post (post.id)}<li>{post.title}</li>{/each}</ul>
<ol id="page">{#each $page.data?.items ?? [] as post (post.id)}<li>{post.title}</li>{/each}</ol>
`;

const svelteRoot = dirname(createRequire(import.meta.url).resolve('svelte/package.json'));
const svelteExports = JSON.parse(readFileSync(join(svelteRoot, 'package.json'), 'utf8')).exports as { [path: string]: { browser?: string; default?: string } };
/** The file an import of the compiled component resolves to, in the browser or on the server. */
function runtimeFile(specifier: string, browser: boolean): string {
    const entry = svelteExports[specifier === 'svelte' ? '.' : './' + specifier.slice('svelte/'.length)];
    const target = (browser ? entry?.browser : undefined) ?? entry?.default;
    if (!target) throw new Error('unknown svelte import ' + specifier);
    return join(svelteRoot, target);
}

let emu: Emulator;
let dir: string;
beforeAll(async () => {
    emu = await startEmulator({ seed: { posts: [{ title: 'first post', views: 1 }, { title: 'second post', views: 2 }] } });
    const cache = join(svelteRoot, '..', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'svelte-ssr-'));
});
afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
});

async function compiled(generate: 'server' | 'client'): Promise<unknown> {
    const { js } = compile(SOURCE, { generate, filename: 'Feed.svelte', dev: false });
    const code = js.code.replace(/from\s+['"](svelte(?:\/[^'"]*)?)['"]/g, (_m, spec: string) => `from ${JSON.stringify(runtimeFile(spec, generate === 'client'))}`);
    const file = join(dir, `Feed.${generate}.js`);
    writeFileSync(file, code);
    return (await import(/* @vite-ignore */ file)).default;
}

const postRequests = () => emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/collections/posts/records').length;
const QUERY = { sort: 'title' };

describe('server rendering with dehydrate / hydrate (Svelte 5)', () => {
    it('renders on the server, hydrates without a loading state and reconciles the live list with one request', async () => {
        // --- server, per request ---
        const server = new PocketBase(emu.url, 'en-US', new MemoryStore());
        await server.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const cookie = server.authStore.exportToCookie();
        const request = new PocketBase(emu.url, 'en-US', new MemoryStore());
        request.authStore.loadFromCookie(cookie);
        const $serverPosts = liveListAtom<{ title: string }>(request, 'posts', QUERY);
        const $serverPage = listAtom<{ title: string }>(request, 'posts', { sort: '-views', perPage: 1 });
        await Promise.all([load($serverPosts), load($serverPage)]);
        const { render } = await import(/* @vite-ignore */ runtimeFile('svelte/server', false)) as { render(c: unknown, o: { props: object }): { body: string } };
        const { body } = render(await compiled('server'), { props: { posts: $serverPosts, page: $serverPage } });
        const snapshot = JSON.stringify(dehydrate(request));
        expect(body).toContain('first post');
        expect(body).toContain('second post');
        expect(body).not.toContain('id="loading"');
        expect(snapshot).not.toContain(request.authStore.token);

        // --- browser ---
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        pb.authStore.loadFromCookie(cookie);
        hydrate(pb, JSON.parse(snapshot));
        const $posts = liveListAtom<{ title: string }>(pb, 'posts', QUERY);
        const $page = listAtom<{ title: string }>(pb, 'posts', { sort: '-views', perPage: 1 }, { staleTime: 60_000 });
        const seen: Array<LiveListValue<{ title: string }>> = [];
        const pages: Array<QueryState<unknown>> = [];
        const stopSeen = $posts.subscribe((v) => seen.push(v));
        const stopPages = $page.subscribe((v) => pages.push(v));
        const before = postRequests();

        const target = document.createElement('div');
        target.innerHTML = body;
        document.body.append(target);
        const client = await import(/* @vite-ignore */ runtimeFile('svelte', true)) as { hydrate(c: unknown, o: { target: Element; props: object }): object; unmount(app: object): Promise<void> };
        const app = client.hydrate(await compiled('client'), { target, props: { posts: $posts, page: $page } });
        const live = () => [...target.querySelectorAll('#live li')].map((li) => li.textContent);
        expect(live()).toEqual(['first post', 'second post']);
        expect([...target.querySelectorAll('#page li')].map((li) => li.textContent)).toEqual(['second post']);

        await eventually(() => !$posts.get().stale && !$posts.get().fetching && postRequests() > before, () => sleep(10));
        await sleep(100);
        expect(postRequests() - before).toBe(1);
        expect(seen.some((v) => v.loading)).toBe(false);
        expect(pages.some((v) => v.loading || v.fetching)).toBe(false);
        expect(target.querySelector('#loading')).toBeNull();
        expect(live()).toEqual(['first post', 'second post']);

        await client.unmount(app);
        stopSeen();
        stopPages();
        target.remove();
    });

    it('a snapshot made for a user is not shown to a guest; one with { auth: true } signs the client in', async () => {
        const server = new PocketBase(emu.url, 'en-US', new MemoryStore());
        await server.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const $serverPage = listAtom(server, 'posts', { sort: 'title' });
        await load($serverPage);

        const guest = new PocketBase(emu.url, 'en-US', new MemoryStore());
        hydrate(guest, JSON.parse(JSON.stringify(dehydrate(server))));
        expect(listAtom(guest, 'posts', { sort: 'title' }).get()).toMatchObject({ loading: true, data: undefined });

        const withAuth = dehydrate(server, { auth: true });
        expect(withAuth.auth?.token).toBe(server.authStore.token);
        const signedIn = new PocketBase(emu.url, 'en-US', new MemoryStore());
        hydrate(signedIn, JSON.parse(JSON.stringify(withAuth)));
        expect(signedIn.authStore.token).toBe(server.authStore.token);
        const state = listAtom(signedIn, 'posts', { sort: 'title' }).get();
        expect(state.loading).toBe(false);
        expect(state.data!.items.map((p) => p.title)).toEqual(['first post', 'second post']);
    });

    it('hydrate ignores garbage without throwing', () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        for (const garbage of [null, 42, 'x', [], { queries: 'no' }, { queries: [null, 1, { key: 5 }, { key: 'k' }] }, { auth: { token: 7 } }]) {
            expect(() => hydrate(pb, garbage)).not.toThrow();
        }
        expect(pb.authStore.token).toBe('');
    });
});

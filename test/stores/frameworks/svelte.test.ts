// @vitest-environment quiet-happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compile } from 'svelte/compiler';
import { authAtom, listAtom } from '../../../src/stores/nano/index';
import { authState } from '../../../src/stores/rx/index';
import { queryStats } from '../../../src/stores/rx/index';
import { authSource } from '../../../src/stores/auth/index';
import { SEED_USER } from '../../emulator/index';
import { eventually, sleep, startHarness, type Harness } from './harness';

// The component gets three stores as props and reads them with Svelte's `$store` syntax: the
// $auth atom, the authState Observable (RxJS subscriptions satisfy Svelte's store contract through
// `unsubscribe`) and a list atom.
const SOURCE = `
<script>
    let { auth, authObservable, posts } = $props();
</script>
<p id="atom">{$auth.isValid ? $auth.model.email : 'guest'}</p>
<p id="observable">{$authObservable.isValid ? $authObservable.model.email : 'guest'}</p>
{#if $posts.loading}<p id="loading">loading</p>{/if}
<ul>{#each $posts.data?.items ?? [] as post (post.id)}<li>{post.title}</li>{/each}</ul>
`;

// Svelte's client runtime is chosen by the "browser" export condition, which the test runner does
// not apply here; so the compiled module's `svelte/...` imports are pointed at the client files
// by hand, and the test imports `mount`/`unmount` from the very same file (one runtime instance).
const svelteRoot = dirname(createRequire(import.meta.url).resolve('svelte/package.json'));
const svelteExports = JSON.parse(readFileSync(join(svelteRoot, 'package.json'), 'utf8')).exports as { [path: string]: { browser?: string; default?: string } };
function clientFile(specifier: string): string {
    const entry = svelteExports[specifier === 'svelte' ? '.' : './' + specifier.slice('svelte/'.length)];
    const target = entry?.browser ?? entry?.default;
    if (!target) throw new Error('unknown svelte import ' + specifier);
    return join(svelteRoot, target);
}

let t: Harness;
let dir: string;
beforeAll(async () => {
    t = await startHarness();
    // Inside the project (node_modules/.cache, ignored by git) so the test runner may load it.
    const cache = join(svelteRoot, '..', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'svelte-proof-'));
});
afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
});

async function loadComponent(): Promise<{ component: unknown; mount: (c: unknown, o: { target: Element; props: object }) => object; unmount: (app: object) => Promise<void> }> {
    const { js } = compile(SOURCE, { generate: 'client', filename: 'Posts.svelte', dev: false });
    const code = js.code.replace(/from\s+['"](svelte(?:\/[^'"]*)?)['"]/g, (_m, spec: string) => `from ${JSON.stringify(clientFile(spec))}`);
    const file = join(dir, 'Posts.js');
    writeFileSync(file, code);
    const component = (await import(/* @vite-ignore */ file)).default;
    const svelte = await import(/* @vite-ignore */ clientFile('svelte'));
    return { component, mount: svelte.mount, unmount: svelte.unmount };
}

describe('Svelte 5 ($store syntax on an atom and on an Observable)', () => {
    it('renders $auth (atom and Observable) and a list atom, follows sign-in and mutations, and unmounting aborts and unsubscribes', async () => {
        const { pb, other, proxy } = t;
        const $posts = listAtom<{ title: string }>(pb, 'posts', { sort: 'title' });
        const { component, mount, unmount } = await loadComponent();
        const target = document.createElement('div');
        document.body.append(target);
        const app = mount(component, { target, props: { auth: authAtom(pb), authObservable: authState(pb), posts: $posts } });
        const text = (selector: string) => target.querySelector(selector)?.textContent;
        const items = () => [...target.querySelectorAll('li')].map((li) => li.textContent);
        const flush = () => sleep(10);

        expect(text('#atom')).toBe('guest');
        expect(text('#observable')).toBe('guest');
        expect(text('#loading')).toBe('loading');
        await eventually(() => items().length === 1, flush);
        expect(items()).toEqual(['first post']);
        expect(pb.authStore.listenerCount).toBe(1); // the atom and the Observable share one listener
        expect(authSource(pb).listenerCount).toBe(2);

        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await eventually(() => text('#atom') === SEED_USER.email && text('#observable') === SEED_USER.email, flush);

        await other.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await other.records.create('posts', { title: 'second post' });
        $posts.refetch();
        await eventually(() => items().length === 2, flush);
        expect(items()).toEqual(['first post', 'second post']);

        const before = proxy.requests.length;
        $posts.refetch();
        const request = await proxy.next('GET', before);
        await unmount(app);
        await eventually(() => request.aborted);
        expect(request.answered).toBe(false);
        expect(authSource(pb).listenerCount).toBe(0);
        expect(pb.authStore.listenerCount).toBe(0);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        expect($posts.lc).toBe(0);
        target.remove();
    });
});

// @vitest-environment quiet-happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { act } from 'react';
import { useStore } from '@nanostores/react';
import type { Record } from '../../../src/index';
import { authAtom, listAtom } from '../../../src/stores/nano/index';
import { queryStats } from '../../../src/stores/rx/index';
import { SEED_USER } from '../../emulator/index';
import { eventually, sleep, startHarness, type Harness } from './harness';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface Post { title: string }
let t: Harness;
beforeAll(async () => { t = await startHarness(); });
afterAll(async () => { await t.close(); });

const flush = () => act(async () => { await sleep(10); });

describe('React 19 with @nanostores/react', () => {
    it('renders $auth and a list atom, follows sign-in and mutations, and unmounting aborts and unsubscribes', async () => {
        const { pb, other, proxy } = t;
        const $auth = authAtom(pb);
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title' });

        function Posts() {
            const auth = useStore($auth);
            const posts = useStore($posts);
            return h('main', null,
                h('p', { id: 'who' }, auth.isValid ? (auth.model as Record | null)?.email as string : 'guest'),
                posts.error ? h('p', { id: 'error' }, posts.error.message) : null,
                posts.loading ? h('p', { id: 'loading' }, 'loading') : null,
                h('ul', null, (posts.data?.items ?? []).map((p) => h('li', { key: p.id }, p.title))),
            );
        }

        const container = document.createElement('div');
        document.body.append(container);
        const root = createRoot(container);
        const items = () => [...container.querySelectorAll('li')].map((li) => li.textContent);
        const who = () => container.querySelector('#who')?.textContent;

        await act(async () => { root.render(h(Posts)); });
        expect(who()).toBe('guest');
        expect(container.querySelector('#loading')).not.toBeNull();
        await eventually(() => items().length === 1, flush);
        expect(items()).toEqual(['first post']);
        expect(pb.authStore.listenerCount).toBe(1);

        await act(async () => { await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password); });
        expect(who()).toBe(SEED_USER.email);

        await other.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await other.records.create('posts', { title: 'second post' });
        await act(async () => { $posts.refetch(); });
        await eventually(() => items().length === 2, flush);
        expect(items()).toEqual(['first post', 'second post']);

        // Unmount while a re-fetch is in flight: the server sees it aborted, nothing keeps listening.
        const before = proxy.requests.length;
        await act(async () => { $posts.refetch(); });
        const request = await proxy.next('GET', before);
        await act(async () => { root.unmount(); });
        await eventually(() => request.aborted);
        expect(request.answered).toBe(false);
        expect(pb.authStore.listenerCount).toBe(0);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        expect($posts.lc).toBe(0);
        container.remove();
    });
});

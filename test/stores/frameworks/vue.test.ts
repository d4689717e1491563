// @vitest-environment quiet-happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import { useStore } from '@nanostores/vue';
import type { Record } from '../../../src/index';
import { authAtom, listAtom } from '../../../src/stores/nano/index';
import { queryStats } from '../../../src/stores/rx/index';
import { SEED_USER } from '../../emulator/index';
import { eventually, sleep, startHarness, type Harness } from './harness';

interface Post { title: string }
let t: Harness;
beforeAll(async () => { t = await startHarness(); });
afterAll(async () => { await t.close(); });

const flush = async () => { await sleep(10); await nextTick(); };

describe('Vue 3 with @nanostores/vue', () => {
    it('renders $auth and a list atom, follows sign-in and mutations, and unmounting aborts and unsubscribes', async () => {
        const { pb, other, proxy } = t;
        const $auth = authAtom(pb);
        const $posts = listAtom<Post>(pb, 'posts', { sort: 'title' });

        const Posts = defineComponent({
            setup() {
                const auth = useStore($auth);
                const posts = useStore($posts);
                return () => h('main', [
                    h('p', { id: 'who' }, auth.value.isValid ? (auth.value.model as Record | null)?.email as string : 'guest'),
                    posts.value.loading ? h('p', { id: 'loading' }, 'loading') : null,
                    h('ul', (posts.value.data?.items ?? []).map((p) => h('li', { key: p.id }, p.title))),
                ]);
            },
        });

        const el = document.createElement('div');
        document.body.append(el);
        const app = createApp(Posts);
        app.mount(el);
        const items = () => [...el.querySelectorAll('li')].map((li) => li.textContent);
        const who = () => el.querySelector('#who')?.textContent;

        expect(who()).toBe('guest');
        expect(el.querySelector('#loading')).not.toBeNull();
        await eventually(() => items().length === 1, flush);
        expect(items()).toEqual(['first post']);
        expect(pb.authStore.listenerCount).toBe(1);

        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await nextTick();
        expect(who()).toBe(SEED_USER.email);

        await other.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await other.records.create('posts', { title: 'second post' });
        $posts.refetch();
        await eventually(() => items().length === 2, flush);
        expect(items()).toEqual(['first post', 'second post']);

        const before = proxy.requests.length;
        $posts.refetch();
        const request = await proxy.next('GET', before);
        app.unmount();
        await eventually(() => request.aborted);
        expect(request.answered).toBe(false);
        expect(pb.authStore.listenerCount).toBe(0);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        expect($posts.lc).toBe(0);
        el.remove();
    });
});

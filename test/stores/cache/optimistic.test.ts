import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { ClientResponseError } from '../../../src/index';
import { liveList, optimistic, type LiveListValue } from '../../../src/stores/rx/index';
import { listAtom } from '../../../src/stores/nano/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../../emulator/index';
import { startDelayProxy } from '../query/delayProxy';
import { waitFor } from './support';

interface Post { title: string; views: number }

let emu: Emulator;
let proxy: Awaited<ReturnType<typeof startDelayProxy>>;
let writer: PocketBase;
beforeEach(async () => {
    emu = await startEmulator({ seed: { posts: [{ title: 'alpha', views: 1 }, { title: 'beta', views: 2 }] } });
    // Every request of the optimistic client is held 150 ms: long enough to look at the pending state.
    proxy = await startDelayProxy(emu.url, 150);
    writer = new PocketBase(emu.url);
    await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
});
afterEach(async () => {
    await proxy.close();
    await emu.close();
});

async function mountLive(pb: PocketBase) {
    const values: Array<LiveListValue<Post>> = [];
    const sub = liveList<Post>(pb, 'posts', { sort: 'title' }).subscribe((v) => values.push(v));
    await waitFor(() => values.length > 0 && !values.at(-1)!.loading && !values.at(-1)!.fetching && !values.at(-1)!.stale, 5000);
    return { values, last: () => values.at(-1)!, stop: () => sub.unsubscribe() };
}
const titles = (v: LiveListValue<Post>) => v.items.map((p) => p.title);

describe('optimistic writes', () => {
    it('an update shows in the same tick with a pending marker; the answer replaces it', async () => {
        const pb = new PocketBase(proxy.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const live = await mountLive(pb);
        const $page = listAtom<Post>(pb, 'posts', { sort: 'title' });
        const stopPage = $page.listen(() => {});
        await waitFor(() => !$page.get().loading && !$page.get().fetching, 5000);
        const alpha = live.last().items[0]!;

        const write = optimistic(pb).update<Post>('posts', alpha.id, { title: 'omega' });
        expect(titles(live.last())).toEqual(['beta', 'omega']);
        expect(live.last().pending).toEqual({ [alpha.id]: 'update' });
        expect($page.get().data!.items.map((p) => p.title)).toEqual(['omega', 'beta']);
        expect($page.get().pending).toEqual({ [alpha.id]: 'update' });

        const saved = await write;
        expect(saved.title).toBe('omega');
        expect(live.last().pending).toEqual({});
        expect(live.last().items.find((p) => p.id === alpha.id)!.updated).toBe(saved.updated);
        await waitFor(() => !$page.get().fetching && Object.keys($page.get().pending).length === 0, 5000);
        expect($page.get().data!.items.map((p) => p.title)).toEqual(['beta', 'omega']);
        live.stop();
        stopPage();
    });

    it('a failed update rolls back exactly, keeping the events of other records that arrived meanwhile, and surfaces the error', async () => {
        const pb = new PocketBase(proxy.url); // a guest: the posts update rule refuses it
        const live = await mountLive(pb);
        const alpha = live.last().items[0]!;
        const write = optimistic(pb).update<Post>('posts', alpha.id, { title: 'zeta' });
        expect(titles(live.last())).toEqual(['beta', 'zeta']);
        // While the write is held: another client creates a record, and the event arrives.
        await writer.records.create('posts', { title: 'gamma', views: 3 });
        await waitFor(() => titles(live.last()).includes('gamma'));
        const error = await write.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientResponseError);
        expect(titles(live.last())).toEqual(['alpha', 'beta', 'gamma']);
        expect(live.last().items[0]).toEqual(alpha);
        expect(live.last().pending).toEqual({});
        expect(live.last().error).toBe(error);
        live.stop();
    });

    it('the error of a refused write is cleared by the next write that succeeds (live list and cached page)', async () => {
        const pb = new PocketBase(proxy.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const live = await mountLive(pb);
        const $page = listAtom<Post>(pb, 'posts', { sort: 'title' });
        const stopPage = $page.listen(() => {});
        await waitFor(() => $page.get().data !== undefined && !$page.get().fetching);
        const alpha = live.last().items[0]!;
        // A value the schema refuses (title is required): 400, under the same identity.
        const refused = await optimistic(pb).update<Post>('posts', alpha.id, { title: '' }).catch((e: unknown) => e);
        expect(refused).toMatchObject({ status: 400 });
        expect(live.last().error).toBe(refused);
        expect($page.get().error).toBe(refused);

        await optimistic(pb).update<Post>('posts', alpha.id, { title: 'zeta' });
        await waitFor(() => titles(live.last()).includes('zeta') && live.last().error === null && $page.get().error === null, 5000);
        stopPage();
        live.stop();
    });

    it('a create shows at once with a client-made id, and the answer and its realtime echo leave exactly one record', async () => {
        const pb = new PocketBase(proxy.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const live = await mountLive(pb);
        const write = optimistic(pb).create<Post>('posts', { title: 'aardvark', views: 0 });
        const shown = live.last();
        expect(titles(shown)).toEqual(['aardvark', 'alpha', 'beta']);
        const id = shown.items[0]!.id;
        expect(id).toMatch(/^[a-z0-9]{15}$/);
        expect(shown.pending).toEqual({ [id]: 'create' });
        const saved = await write;
        expect(saved.id).toBe(id);
        await new Promise((r) => setTimeout(r, 300)); // the SSE echo
        expect(titles(live.last())).toEqual(['aardvark', 'alpha', 'beta']);
        expect(live.last().pending).toEqual({});
        expect(live.last().totalItems).toBe(3);
        live.stop();
    });

    it('a failed delete puts the record back in its place', async () => {
        const pb = new PocketBase(proxy.url);
        const live = await mountLive(pb);
        const alpha = live.last().items[0]!;
        const write = optimistic(pb).delete('posts', alpha.id);
        expect(titles(live.last())).toEqual(['beta']);
        expect(live.last().pending).toEqual({ [alpha.id]: 'delete' });
        await expect(write).rejects.toBeInstanceOf(ClientResponseError);
        expect(titles(live.last())).toEqual(['alpha', 'beta']);
        expect(live.last().totalItems).toBe(2);
        live.stop();
    });

    it('refuses FormData (rejects, nothing shown)', async () => {
        const pb = new PocketBase(proxy.url);
        await expect(optimistic(pb).update('posts', 'abc', new FormData() as unknown as { [k: string]: unknown })).rejects.toBeInstanceOf(ClientResponseError);
    });
});

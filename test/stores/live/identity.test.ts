import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase from '../../../src/index';
import { liveList, type LiveListValue } from '../../../src/stores/rx/index';
import { SEED_USER, type Emulator } from '../../emulator/index';
import { setup, sleep, waitFor, type Post } from './helpers';

// Identity is what the server sees for the token that will be sent: an expired token is a guest.

let emu: Emulator;
let writer: PocketBase;

beforeEach(async () => {
    ({ emu, writer } = await setup([{ title: 'first', views: 1, published: true }]));
});
afterEach(async () => {
    await emu.close();
});

/** Signs `pb` in with a token that expires `seconds` from now. */
async function signInExpiringIn(pb: PocketBase, seconds: number): Promise<void> {
    const config = emu.state.settings.userAuthToken;
    const duration = config.duration;
    config.duration = seconds;
    try {
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
    } finally {
        config.duration = duration;
    }
}

describe('live lists and the identity the server sees', () => {
    it('a page starting with an expired token is a guest; signing in again resubscribes and events flow', async () => {
        await writer.collections.create({
            name: 'notes',
            schema: [{ name: 'text', type: 'text' }],
            listRule: '@request.user.id != ""', viewRule: '@request.user.id != ""', createRule: null, updateRule: null, deleteRule: null,
        });
        await writer.records.create('notes', { text: 'secret' });
        const pb = new PocketBase(emu.url);
        await signInExpiringIn(pb, 1);
        await waitFor(() => !pb.authStore.isValid, 2500);

        const values: Array<LiveListValue<{ text: string }>> = [];
        const sub = liveList<{ text: string }>(pb, 'notes').subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
        expect(values.at(-1)!.items).toEqual([]);

        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await waitFor(() => values.at(-1)!.items.length === 1 && !values.at(-1)!.stale);
        await writer.records.create('notes', { text: 'live' });
        await waitFor(() => values.at(-1)!.items.length === 2);
        expect(values.at(-1)!.stale).toBe(false);
        sub.unsubscribe();
    });

    it("the token expiring with no data change neither flashes loading or stale nor drops the data, and the guest connection gets events", async () => {
        const pb = new PocketBase(emu.url);
        await signInExpiringIn(pb, 2);
        const values: Array<LiveListValue<Post>> = [];
        const sub = liveList<Post>(pb, 'posts').subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
        const loadedAt = values.length;
        const connectionsBefore = emu.requestLog.filter((e) => e.path === '/api/realtime' && e.method === 'GET').length;

        await waitFor(() => !pb.authStore.isValid, 3500);
        // The realtime client moves to a guest connection (v0.7 refuses user → guest on one client).
        await waitFor(() => emu.requestLog.filter((e) => e.path === '/api/realtime' && e.method === 'GET').length > connectionsBefore);
        await sleep(200);
        await writer.records.create('posts', { title: 'after expiry', views: 2 });
        await waitFor(() => values.at(-1)!.items.length === 2);

        const after = values.slice(loadedAt);
        expect(after.filter((v) => v.loading || v.stale)).toEqual([]);
        expect(after.every((v) => v.items.length >= 1)).toBe(true);
        sub.unsubscribe();
    });
});

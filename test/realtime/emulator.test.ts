import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, Record, type MessageData } from '../../src/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../emulator/index';

// Real HTTP and SSE against the emulator. Node 20 has no global EventSource, so every test here
// also exercises the automatic `eventsource` package path (no polyfill set up anywhere).

class MemoryStore extends BaseAuthStore {}

let emulator: Emulator;
let admin: PocketBase;
const clients: PocketBase[] = [];

const fresh = () => {
    const pb = new PocketBase(emulator.url, 'en-US', new MemoryStore(), { realtime: { backoff: { initialDelay: 20, maxDelay: 200 } } });
    clients.push(pb);
    return pb;
};

async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
    const start = Date.now();
    while (!check()) {
        if (Date.now() - start > timeout) throw new Error('Timed out waiting for ' + what);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

const realtimePosts = () => emulator.requestLog.filter((entry) => entry.method === 'POST' && entry.path === '/api/realtime');
const createPost = (title: string) => admin.records.create('posts', { title });

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
});

afterEach(async () => {
    await Promise.all(clients.splice(0).map((pb) => pb.realtime.unsubscribe()));
    await waitFor(() => emulator.connections() === 0, 'every SSE connection to close');
});

afterAll(() => emulator.close());

describe('realtime against the emulator (real SSE over HTTP)', () => {
    it('runs in Node without any global EventSource', () => {
        expect((globalThis as { EventSource?: unknown }).EventSource).toBeUndefined();
    });

    it('a collection topic delivers create, update and delete as { action, record: Record }', async () => {
        const pb = fresh();
        const got: MessageData[] = [];
        await pb.realtime.subscribe('posts', (msg) => got.push(msg));
        const post = await createPost('hello');
        await admin.records.update('posts', post.id, { title: 'hello again' });
        await admin.records.delete('posts', post.id);
        await waitFor(() => got.length === 3, 'three messages');
        expect(got.map((msg) => msg.action)).toEqual(['create', 'update', 'delete']);
        expect(got[0]!.record).toBeInstanceOf(Record);
        expect(got[0]!.record).toMatchObject({ id: post.id, title: 'hello', '@collectionName': 'posts' });
        expect(got[1]!.record.title).toBe('hello again');
    });

    it('a record topic delivers that record only', async () => {
        const pb = fresh();
        const watched = await createPost('watched');
        const other = await createPost('other');
        const got: string[] = [];
        await pb.realtime.subscribe('posts/' + watched.id, (msg) => got.push(msg.record.id + ':' + msg.action));
        await admin.records.update('posts', other.id, { title: 'x' });
        await admin.records.update('posts', watched.id, { title: 'y' });
        await waitFor(() => got.length === 1, 'the watched record update');
        await admin.records.delete('posts', other.id);
        await admin.records.delete('posts', watched.id);
        await waitFor(() => got.length === 2, 'the watched record delete');
        expect(got).toEqual([watched.id + ':update', watched.id + ':delete']);
    });

    it('N subscribers on M topics use one connection and one coalesced POST; every subscriber gets each event', async () => {
        const pb = fresh();
        const target = await createPost('target');
        const postsBefore = realtimePosts().length;
        const counts = [0, 0, 0, 0, 0];
        await Promise.all([
            pb.realtime.subscribe('posts', () => counts[0]!++),
            pb.realtime.subscribe('posts', () => counts[1]!++),
            pb.realtime.subscribe('posts/' + target.id, () => counts[2]!++),
            pb.realtime.subscribe('posts/' + target.id, () => counts[3]!++),
            pb.realtime.subscribe('categories', () => counts[4]!++),
        ]);
        expect(emulator.connections()).toBe(1);
        expect(realtimePosts().slice(postsBefore).map((entry) => entry.status)).toEqual([204]);
        expect(emulator.realtimeClients()).toEqual([
            { clientId: pb.realtime.clientId, subscriptions: ['posts', 'posts/' + target.id, 'categories'], auth: null },
        ]);
        await admin.records.update('posts', target.id, { title: 'changed' });
        await waitFor(() => counts[3] === 1, 'delivery to every subscriber');
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(counts).toEqual([1, 1, 1, 1, 0]);
    });

    it('unsubscribe stops delivery, shrinks the server-side list, and the last one closes the connection', async () => {
        const pb = fresh();
        const got: string[] = [];
        const stopPosts = await pb.realtime.subscribe('posts', (msg) => got.push('posts:' + msg.record.title));
        await pb.realtime.subscribe('categories', (msg) => got.push('categories:' + msg.record.name));
        expect(emulator.realtimeClients()[0]!.subscriptions).toEqual(['posts', 'categories']);

        await stopPosts();
        expect(emulator.realtimeClients()[0]!.subscriptions).toEqual(['categories']);
        expect(pb.realtime.topics).toEqual(['categories']);
        await createPost('unseen');
        await admin.records.create('categories', { name: 'seen' });
        await waitFor(() => got.length === 1, 'the category event');
        expect(got).toEqual(['categories:seen']);

        await pb.realtime.unsubscribe('categories');
        expect(pb.realtime.state).toBe('closed');
        await waitFor(() => emulator.connections() === 0, 'the server to see the connection closed');
    });

    it('after the server drops every connection, the client reconnects, resubscribes and receives later events', async () => {
        const pb = fresh();
        const got: string[] = [];
        let reconnects = 0;
        pb.realtime.onReconnect(() => reconnects++);
        const states: string[] = [];
        pb.realtime.onStateChange((state) => states.push(state));
        await pb.realtime.subscribe('posts', (msg) => got.push(msg.record.title as string));
        const firstClientId = pb.realtime.clientId;

        emulator.dropRealtimeConnections();
        await waitFor(() => reconnects === 1, 'the reconnection');
        expect(pb.realtime.clientId).not.toBe(firstClientId);
        expect(emulator.realtimeClients()).toEqual([{ clientId: pb.realtime.clientId, subscriptions: ['posts'], auth: null }]);
        expect(emulator.connections()).toBe(1);
        expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);

        await createPost('after the drop');
        await waitFor(() => got.length === 1, 'an event after the reconnection');
        expect(got).toEqual(['after the drop']);
    });

    it('an auth switch moves the subscriptions to the new identity without a 403', async () => {
        const pb = fresh();
        const got: string[] = [];
        await pb.realtime.subscribe('posts', (msg) => got.push(msg.record.title as string));
        const guestClientId = pb.realtime.clientId;

        // guest → user: v0.7 lets the same client adopt an identity.
        const { user } = await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await waitFor(() => emulator.realtimeClients()[0]?.auth?.type === 'user', 'the user identity server-side');
        expect(pb.realtime.clientId).toBe(guestClientId);
        expect(emulator.realtimeClients()[0]!.auth).toEqual({ type: 'user', id: user.id });

        // user → admin: a new connection under the new identity.
        await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        await waitFor(() => emulator.realtimeClients()[0]?.auth?.type === 'admin' && pb.realtime.state === 'connected', 'the admin identity server-side');
        expect(pb.realtime.clientId).not.toBe(guestClientId);
        expect(emulator.realtimeClients()).toHaveLength(1);

        // → logout: a guest connection again.
        pb.authStore.clear();
        await waitFor(() => emulator.realtimeClients().length === 1 && emulator.realtimeClients()[0]!.auth === null
            && pb.realtime.state === 'connected' && pb.realtime.topics.length === 1, 'the guest identity server-side');

        expect(realtimePosts().filter((entry) => entry.status === 403)).toEqual([]);
        await createPost('after the switches');
        await waitFor(() => got.includes('after the switches'), 'an event under the final identity');
    });

    it('an identity sees what its rules allow: a profile topic starts delivering after the owner signs in', async () => {
        const pb = fresh();
        const { user } = await fresh().users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const profileId = user.profile!.id;
        const got: string[] = [];
        await pb.realtime.subscribe('profiles/' + profileId, (msg) => got.push(msg.record.name as string));
        await admin.records.update('profiles', profileId, { name: 'hidden from guests' });
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await waitFor(() => emulator.realtimeClients()[0]?.auth?.type === 'user', 'the user identity server-side');
        await admin.records.update('profiles', profileId, { name: 'seen by the owner' });
        await waitFor(() => got.length === 1, 'the owner-only event');
        expect(got).toEqual(['seen by the owner']);
    });

    it('subscribe/unsubscribe cycles leave no connection, timer or listener behind', async () => {
        const pb = fresh();
        const stopAnchor = await pb.realtime.subscribe('categories', () => {});
        for (let i = 0; i < 100; i++) {
            const stop = await pb.realtime.subscribe('posts', () => {});
            await stop();
        }
        expect(emulator.connections()).toBe(1);
        await stopAnchor();
        expect(pb.realtime.resourceCount).toBe(0);
        expect(pb.realtime.subscriberCount).toBe(0);
        expect(pb.authStore.listenerCount).toBe(0);
        await waitFor(() => emulator.connections() === 0, 'the connection to close');
    });
});

describe('the v0.7 idle timeout', () => {
    it('a connection closed for idleness is re-established without subscribers noticing', async () => {
        const idle = await startEmulator({ port: 0, realtimeIdleTimeoutMs: 150 });
        try {
            const pb = new PocketBase(idle.url, 'en-US', new MemoryStore(), { realtime: { backoff: { initialDelay: 20, maxDelay: 200 } } });
            const writer = new PocketBase(idle.url, 'en-US', new MemoryStore());
            await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
            const got: string[] = [];
            let reconnects = 0;
            pb.realtime.onReconnect(() => reconnects++);
            await pb.realtime.subscribe('posts', (msg) => got.push(msg.record.title as string));
            await waitFor(() => reconnects >= 2, 'two idle closes and reconnections');
            await writer.records.create('posts', { title: 'still here' });
            await waitFor(() => got.length === 1, 'an event after the idle closes');
            expect(got).toEqual(['still here']);
            expect(idle.connections()).toBe(1);
            await pb.realtime.unsubscribe();
        } finally {
            await idle.close();
        }
    });
});

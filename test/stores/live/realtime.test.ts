import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import PocketBase, { ClientResponseError } from '../../../src/index';
import { connectionState, events, liveList, liveRecord, type LiveListValue, type LiveRecordValue } from '../../../src/stores/rx/index';
import { connectionStateAtom, eventsAtom, liveRecordAtom } from '../../../src/stores/nano/index';
import type { Emulator } from '../../emulator/index';
import { recordRequests, setup, waitFor, type Post } from './helpers';

let emu: Emulator;
let writer: PocketBase;

beforeEach(async () => {
    ({ emu, writer } = await setup([{ title: 'first', views: 1, published: true }]));
});
afterEach(async () => {
    await emu.close();
});

/** A client that reconnects after 100..200 ms (so a test can act while it is down). */
const slowReconnect = (): PocketBase => new PocketBase(emu.url, 'en-US', null, { realtime: { backoff: { initialDelay: 200, random: () => 0 } } });

describe('events (rx)', () => {
    it('is one hot stream per Observable over one connection; the last unsubscribe removes the topic server-side', async () => {
        const pb = new PocketBase(emu.url);
        const posts$ = events<Post>(pb, 'posts');
        const seenA: string[] = [];
        const seenB: string[] = [];
        const a = posts$.pipe(filter((e) => e.action === 'create')).subscribe((e) => seenA.push(e.record.title));
        const b = posts$.subscribe((e) => seenB.push(`${e.action}:${e.record.title}`));
        const other = events(pb, 'categories').subscribe();
        await waitFor(() => pb.realtime.topics.length === 2);
        expect(pb.realtime.subscriberCount).toBe(2); // posts$ shares one registration
        expect(emu.connections()).toBe(1);
        const created = await writer.records.create<Post>('posts', { title: 'hello' });
        await writer.records.update('posts', created.id, { title: 'hello2' });
        await waitFor(() => seenB.length === 2);
        expect(seenA).toEqual(['hello']);
        expect(seenB).toEqual(['create:hello', 'update:hello2']);
        a.unsubscribe();
        b.unsubscribe();
        await waitFor(() => pb.realtime.topics.join() === 'categories');
        expect(emu.realtimeClients()[0]!.subscriptions).toEqual(['categories']);
        other.unsubscribe();
        await waitFor(() => emu.connections() === 0);
        expect(pb.realtime.resourceCount).toBe(0);
    });

    it('errors with a ClientResponseError when the connection cannot be opened', async () => {
        const pb = new PocketBase('http://127.0.0.1:1', 'en-US', null, { realtime: { connectTimeout: 500 } });
        const error = await firstValueFrom(events(pb, 'posts')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientResponseError);
        expect(pb.realtime.subscriberCount).toBe(0);
    });
});

describe('connectionState', () => {
    it('emits the current state and every change, without opening anything itself', async () => {
        const pb = new PocketBase(emu.url);
        const states: string[] = [];
        const sub = connectionState(pb).subscribe((s) => states.push(s));
        expect(states).toEqual(['closed']);
        const $state = connectionStateAtom(pb);
        expect($state.get()).toBe('closed');
        const atomStates: string[] = [];
        const unlisten = $state.subscribe((s) => atomStates.push(s));
        const stop = events(pb, 'posts').subscribe();
        await waitFor(() => states.includes('connected'));
        stop.unsubscribe();
        await waitFor(() => states.at(-1) === 'closed');
        expect(states).toEqual(['closed', 'connecting', 'connected', 'closed']);
        expect(atomStates).toEqual(['closed', 'connecting', 'connected', 'closed']);
        sub.unsubscribe();
        unlisten();
        expect(emu.connections()).toBe(0);
    });
});

describe('eventsAtom', () => {
    it('holds the latest message of a topic while it has listeners', async () => {
        const pb = new PocketBase(emu.url);
        const $posts = eventsAtom<Post>(pb, 'posts');
        const seen: Array<string | null> = [];
        const unlisten = $posts.subscribe(({ event }) => seen.push(event ? `${event.action}:${event.record.title}` : null));
        await waitFor(() => pb.realtime.topics.includes('posts'));
        const p = await writer.records.create<Post>('posts', { title: 'x' });
        await writer.records.delete('posts', p.id);
        await waitFor(() => seen.length === 3);
        expect(seen).toEqual([null, 'create:x', 'delete:x']);
        unlisten();
        await waitFor(() => pb.realtime.subscriberCount === 0);
    });
});

describe('liveRecord', () => {
    it('follows one record: updates replace it, a delete makes it null; a missing record is null too', async () => {
        const pb = new PocketBase(emu.url);
        const post = await writer.records.create<Post>('posts', { title: 'one', views: 1 });
        const values: Array<LiveRecordValue<Post>> = [];
        const sub = liveRecord<Post>(pb, 'posts', post.id).subscribe((v) => values.push(v));
        await waitFor(() => values.at(-1)!.record?.title === 'one');
        expect(values.at(-1)).toMatchObject({ loading: false, stale: false, error: null });
        expect(pb.realtime.topics).toEqual([`posts/${post.id}`]);
        await writer.records.update('posts', post.id, { title: 'two' });
        await waitFor(() => values.at(-1)!.record?.title === 'two');
        await writer.records.delete('posts', post.id);
        await waitFor(() => values.at(-1)!.record === null);
        sub.unsubscribe();

        const missing = await firstValueFrom(liveRecord(pb, 'posts', 'nosuchrecord123').pipe(filter((v) => !v.loading)));
        expect(missing).toMatchObject({ record: null, error: null });
    });

    it('as an atom, re-fetches an expanded record on update (realtime records carry no @expand)', async () => {
        const pb = new PocketBase(emu.url);
        const news = (await writer.records.getFullList('categories')).find((c) => c['name'] === 'news')!;
        const post = await writer.records.create<Post>('posts', { title: 'e', category: news.id });
        const $post = liveRecordAtom<Post>(pb, 'posts', post.id, { expand: 'category' });
        const unlisten = $post.listen(() => undefined);
        await waitFor(() => $post.get().record?.title === 'e');
        expect($post.get().record!['@expand']).toMatchObject({ category: { name: 'news' } });
        await writer.records.update('posts', post.id, { title: 'e2' });
        await waitFor(() => $post.get().record?.title === 'e2' && !$post.get().loading);
        expect($post.get().record!['@expand']).toMatchObject({ category: { name: 'news' } });
        unlisten();
        await waitFor(() => pb.realtime.subscriberCount === 0);
    });
});

describe('reconnects', () => {
    it('marks live values stale while the connection is down and re-fetches what was missed after the reconnect', async () => {
        const pb = slowReconnect();
        const values: Array<LiveListValue<Post>> = [];
        const sub = liveList<Post>(pb, 'posts', { sort: '-views' }).subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
        const before = recordRequests(emu);
        emu.dropRealtimeConnections();
        await waitFor(() => values.at(-1)!.stale);
        // Missed: the client is not connected when this happens.
        await writer.records.create('posts', { title: 'missed', views: 9 });
        await waitFor(() => !values.at(-1)!.stale);
        expect(values.at(-1)!.items.map((p) => p.title)).toEqual(['missed', 'first']);
        expect(recordRequests(emu)).toBe(before + 1);
        sub.unsubscribe();
    });

    it('re-subscribes under the new identity after sign-in and re-fetches (records visible to the user only)', async () => {
        // A collection whose list rule lets only signed-in users see records.
        await writer.collections.create({
            name: 'notes',
            schema: [{ name: 'text', type: 'text' }],
            listRule: '@request.user.id != ""', viewRule: '@request.user.id != ""', createRule: null, updateRule: null, deleteRule: null,
        });
        await writer.records.create('notes', { text: 'secret' });
        const pb = new PocketBase(emu.url);
        const values: Array<LiveListValue<{ text: string }>> = [];
        const sub = liveList<{ text: string }>(pb, 'notes').subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
        expect(values.at(-1)!.items).toEqual([]);
        await pb.users.authViaEmail('user@example.com', 'password123');
        await waitFor(() => values.at(-1)!.items.length === 1 && !values.at(-1)!.stale);
        await writer.records.create('notes', { text: 'live' });
        await waitFor(() => values.at(-1)!.items.length === 2);
        sub.unsubscribe();
    });
});

describe('errors', () => {
    it('an error in one live query is a value and leaves the connection and the other queries running', async () => {
        const pb = new PocketBase(emu.url);
        const bad: Array<LiveListValue> = [];
        const good: Array<LiveListValue<Post>> = [];
        const a = liveList(pb, 'posts', { filter: 'nosuchfield = 1' }).subscribe((v) => bad.push(v));
        const b = liveList<Post>(pb, 'posts', { sort: 'title' }).subscribe((v) => good.push(v));
        await waitFor(() => !bad.at(-1)!.loading && !good.at(-1)!.loading);
        expect(bad.at(-1)!.error).toBeInstanceOf(ClientResponseError);
        expect(bad.at(-1)!.error!.status).toBe(400);
        await writer.records.create('posts', { title: 'zzz' });
        await waitFor(() => good.at(-1)!.items.at(-1)?.title === 'zzz');
        expect(pb.realtime.state).toBe('connected');
        a.unsubscribe();
        b.unsubscribe();
        await waitFor(() => emu.connections() === 0);
    });

    it('without realtime (the SSE connection cannot open) a live list still fetches once, stays stale and says why', async () => {
        // An EventSource that never delivers PB_CONNECT: the realtime layer gives up after the connect timeout.
        class SilentEventSource {
            readonly readyState = 0;
            addEventListener(): void {}
            removeEventListener(): void {}
            close(): void {}
        }
        const pb = new PocketBase(emu.url, 'en-US', null, { EventSource: SilentEventSource, realtime: { connectTimeout: 50 } });
        const values: Array<LiveListValue<Post>> = [];
        const sub = liveList<Post>(pb, 'posts').subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && values.at(-1)!.items.length === 1);
        expect(values.at(-1)!.stale).toBe(true);
        expect(values.at(-1)!.error).toBeInstanceOf(ClientResponseError);
        sub.unsubscribe();
        expect(pb.realtime.subscriberCount).toBe(0);
    });

    it('an invalid topic is an error value (atoms) or an error notification (events), never a throw', async () => {
        const pb = new PocketBase(emu.url);
        const $events = eventsAtom(pb, '');
        const unlisten = $events.listen(() => undefined);
        await waitFor(() => $events.get().error !== null);
        expect($events.get().error).toBeInstanceOf(ClientResponseError);
        unlisten();
        const error = await firstValueFrom(events(pb, '')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientResponseError);
        const value = await firstValueFrom(liveRecord(pb, 'posts', '').pipe(filter((v) => !v.loading)));
        expect(value.error).toBeInstanceOf(ClientResponseError);
        expect(value.record).toBeNull();
        await waitFor(() => pb.realtime.subscriberCount === 0);
    });
});

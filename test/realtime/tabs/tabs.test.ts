// One realtime connection per browser: tabs of one origin and identity share it (Web Locks elect
// the leader, BroadcastChannel carries topics and events). Tabs are clients in this process with
// a simulated browser (test/realtime/tabs/world.browser.ts) against the emulator over real HTTP/SSE.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionState, RealtimeError } from '../../../src/index';
import { liveListAtom } from '../../../src/stores/nano/index';
import { SEED_USER } from '../../emulator/index';
import { collect, tabsWorld, waitFor } from './world';

const world = tabsWorld();

describe('tabs sharing one connection', () => {
    it('four tabs hold one connection; a create reaches every tab; each tab gets only its own topics', async () => {
        const tabs = Array.from({ length: 4 }, () => world.browser.openTab(world.emu.url));
        const posts = tabs.slice(0, 3).map((tab) => collect(tab, 'posts'));
        const categories = collect(tabs[3]!, 'categories');
        await Promise.all([...posts.map((p) => p.stop), categories.stop]);
        expect(world.emu.connections()).toBe(1);
        expect(world.emu.realtimeClients()[0]!.subscriptions.sort()).toEqual(['categories', 'posts']);
        for (const tab of tabs) expect(tab.pb.realtime.state).toBe('connected');
        const clientIds = new Set(tabs.map((tab) => tab.pb.realtime.clientId));
        expect(clientIds.size).toBe(1);
        expect(tabs.map((tab) => tab.pb.realtime.tabRole).sort()).toEqual(['follower', 'follower', 'follower', 'leader']);
        expect(tabs.find((tab) => tab.pb.realtime.tabRole === 'leader')!.holdsConnection).toBe(true);

        await world.writer.records.create('posts', { title: 'hello' });
        await world.writer.records.create('categories', { name: 'news' });
        await waitFor(() => posts.every((p) => p.seen.length === 1) && categories.seen.length === 1);
        for (const p of posts) expect(p.seen).toEqual(['create:hello']);
        expect(categories.seen).toEqual(['create:news']);
    });

    it('the connection lives while any tab subscribes (also when the leader has none left); the last unsubscribe closes it', async () => {
        const [a, b, c] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        const first = collect(a, 'posts');
        await first.stop; // a leads
        const others = [collect(b, 'posts'), collect(c, 'posts')];
        await Promise.all(others.map((o) => o.stop));
        await (await first.stop)();
        expect(a.pb.realtime.state).toBe('closed');
        expect(world.emu.connections()).toBe(1);
        await world.writer.records.create('posts', { title: 'still here' });
        await waitFor(() => others.every((o) => o.seen.length === 1));
        expect(first.seen).toEqual([]);

        await (await others[0]!.stop)();
        expect(world.emu.connections()).toBe(1);
        await (await others[1]!.stop)();
        await waitFor(() => world.emu.connections() === 0);
        for (const tab of [a, b, c]) {
            expect(tab.pb.realtime.state).toBe('closed');
            expect(tab.pb.realtime.resourceCount).toBe(0);
        }
        expect(world.browser.heldLocks()).toEqual([]);
    });

    it('when the leader crashes another tab leads within 1 s; events reach the others again and they reconcile', async () => {
        const tabs = Array.from({ length: 4 }, () => world.browser.openTab(world.emu.url));
        const subscriptions = tabs.map((tab) => collect(tab, 'posts'));
        await Promise.all(subscriptions.map((s) => s.stop));
        expect(tabs.filter((tab) => tab.holdsConnection)).toHaveLength(1);
        const leader = tabs.findIndex((tab) => tab.holdsConnection);
        const reconnects = tabs.map(() => 0);
        tabs.forEach((tab, i) => tab.pb.realtime.onReconnect(() => reconnects[i]!++));
        const oldClient = tabs[leader]!.pb.realtime.clientId;

        const crashedAt = Date.now();
        tabs[leader]!.crash();
        const rest = tabs.filter((_, i) => i !== leader);
        await waitFor(() => rest.every((tab) => tab.pb.realtime.state === 'connected' && ![oldClient, ''].includes(tab.pb.realtime.clientId)), 1000);
        expect(Date.now() - crashedAt).toBeLessThan(1000);
        expect(rest.filter((tab) => tab.holdsConnection)).toHaveLength(1);
        await waitFor(() => world.emu.connections() === 1);
        await waitFor(() => rest.every((tab) => reconnects[tabs.indexOf(tab)] === 1));

        await world.writer.records.create('posts', { title: 'after the crash' });
        await waitFor(() => rest.every((tab) => subscriptions[tabs.indexOf(tab)]!.seen.includes('create:after the crash')));
        expect(subscriptions[leader]!.seen).toEqual([]);
    });

    it('live lists in follower tabs converge after a leader change', async () => {
        const tabs = Array.from({ length: 3 }, () => world.browser.openTab(world.emu.url));
        const atoms = tabs.map((tab) => liveListAtom<{ title: string }>(tab.pb, 'posts', { sort: 'title' }));
        const stops = atoms.map(($list) => $list.listen(() => {}));
        await waitFor(() => atoms.every(($list) => !$list.get().loading && !$list.get().stale));
        const leader = tabs.findIndex((tab) => tab.holdsConnection);
        tabs[leader]!.crash();
        // Written while no tab leads: the reconcile after the takeover brings it.
        await world.writer.records.create('posts', { title: 'during the takeover' });
        const rest = atoms.filter((_, i) => i !== leader);
        await waitFor(() => rest.every(($list) => $list.get().items.some((post) => post.title === 'during the takeover')));
        await world.writer.records.create('posts', { title: 'zz later' });
        await waitFor(() => rest.every(($list) => $list.get().items.map((p) => p.title).join() === 'during the takeover,first,zz later'));
        stops.forEach((stop, i) => i !== leader && stop());
    });

    it('signing out in one tab moves every tab to one guest connection', async () => {
        const tabs = Array.from({ length: 3 }, () => world.browser.openTab(world.emu.url));
        await tabs[0]!.pb.users.authViaEmail(SEED_USER.email, SEED_USER.password); // shared storage: all are signed in
        expect(tabs.every((tab) => tab.pb.authStore.model?.id === tabs[0]!.pb.authStore.model?.id)).toBe(true);
        await Promise.all(tabs.map((tab) => collect(tab, 'posts').stop));
        expect(world.emu.connections()).toBe(1);
        expect(world.emu.realtimeClients()[0]!.auth?.type).toBe('user');

        tabs[2]!.pb.authStore.clear();
        await waitFor(() => world.emu.realtimeClients().length === 1 && world.emu.realtimeClients()[0]!.auth === null && world.emu.connections() === 1);
        await waitFor(() => tabs.every((tab) => tab.pb.realtime.state === 'connected'));
        const seen = tabs.map((tab) => collect(tab, 'posts'));
        await Promise.all(seen.map((s) => s.stop));
        await world.writer.records.create('posts', { title: 'for guests' });
        await waitFor(() => seen.every((s) => s.seen.includes('create:for guests')));
        expect(world.emu.connections()).toBe(1);
    });

    it('a follower that crashes (no goodbye) is forgotten by the leader within 5 s: its topics leave the server', async () => {
        const pending = new Map<number, () => void>();
        let next = 0;
        const timers = {
            setTimeout: (callback: () => void) => { pending.set(++next, callback); return next; },
            clearTimeout: (handle: unknown) => { pending.delete(handle as number); },
        };
        const a = world.browser.openTab(world.emu.url, { realtime: { timers } });
        await collect(a, 'posts').stop; // a leads
        const b = world.browser.openTab(world.emu.url);
        await collect(b, 'categories').stop;
        expect(a.pb.realtime.tabRole).toBe('leader');
        expect(world.emu.realtimeClients()[0]!.subscriptions.sort()).toEqual(['categories', 'posts']);
        b.crash();
        await new Promise((r) => setTimeout(r, 50));
        expect(world.emu.realtimeClients()[0]!.subscriptions.sort()).toEqual(['categories', 'posts']);
        // The leader's membership check (every 5 s) finds b's lock gone.
        for (const [id, callback] of Array.from(pending)) {
            pending.delete(id);
            callback();
        }
        await waitFor(() => world.emu.realtimeClients()[0]!.subscriptions.join() === 'posts');
    });

    it('tabs with another auth store key, another user, or sharing turned off get connections of their own', async () => {
        const a = world.browser.openTab(world.emu.url);
        const b = world.browser.openTab(world.emu.url, { storeKey: 'other_app_auth' });
        const c = world.browser.openTab(world.emu.url, { realtime: { shareConnection: false } });
        await Promise.all([a, b, c].map((tab) => collect(tab, 'posts').stop));
        expect(world.emu.connections()).toBe(3);
        expect(new Set([a, b, c].map((tab) => tab.pb.realtime.clientId)).size).toBe(3);
        expect(c.pb.realtime.tabRole).toBe('alone');
    });

    it('garbage posted on the channel by another script is dropped and reported; nothing throws and events still flow', async () => {
        const [a, b] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        const errors: RealtimeError[] = [];
        b.pb.realtime.onError((error) => errors.push(error));
        const subscriptions = [collect(a, 'posts'), collect(b, 'posts')];
        await Promise.all(subscriptions.map((s) => s.stop));
        const name = 'pocketbase-reactive realtime pbr-tabs/1\n' + [a.pb.buildUrl('/api/realtime'), 'local:pocketbase_auth', ''].join('\n');
        const intruder = new BroadcastChannel(name);
        const garbage: unknown[] = [null, 42, 'text', [], { p: 'pbr-tabs/1' }, { p: 'pbr-tabs/1', type: 'event', from: 'x' },
            { p: 'pbr-tabs/1', type: 'state', from: 'x', state: 'exploded', clientId: '' },
            { p: 'pbr-tabs/1', type: 'topics', from: 'x', topics: [1], seq: 1 }, { p: 'pbr-tabs/1', type: 'constructor', from: 'x' }];
        for (const message of garbage) intruder.postMessage(message);
        // A well-formed event from a tab that does not lead is ignored, not delivered.
        intruder.postMessage({ p: 'pbr-tabs/1', type: 'event', from: 'intruder', topic: 'posts', data: '{"action":"create","record":{"id":"x","title":"forged"}}' });
        await waitFor(() => errors.filter((e) => e.kind === 'channel').length >= garbage.length);
        intruder.close();
        await world.writer.records.create('posts', { title: 'real' });
        await waitFor(() => subscriptions.every((s) => s.seen.includes('create:real')));
        for (const s of subscriptions) expect(s.seen).not.toContain('create:forged');
    });

    it('when the shared connection cannot be opened, every tab\'s pending subscriptions reject with a ClientResponseError and every tab\'s onError hears why', async () => {
        // A server that accepts connections and never answers: the attempt fails at connectTimeout.
        const silent = createServer(() => {});
        await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
        const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
        try {
            const options = { realtime: { connectTimeout: 400, backoff: { initialDelay: 5_000 } } };
            const [a, b] = [world.browser.openTab(url, options), world.browser.openTab(url, options)];
            const reports: string[][] = [[], []];
            [a, b].forEach((tab, i) => tab.pb.realtime.onError(({ kind }) => reports[i]!.push(kind)));
            const first = collect(a, 'posts').stop.then(() => null, (error: unknown) => error);
            await waitFor(() => a.pb.realtime.tabRole === 'leader');
            const second = collect(b, 'categories').stop.then(() => null, (error: unknown) => error);
            await waitFor(() => b.pb.realtime.tabRole === 'follower');
            for (const error of await Promise.all([first, second])) expect(error).toMatchObject({ name: 'ClientResponseError 0', status: 0 });
            expect(a.pb.realtime.subscriberCount + b.pb.realtime.subscriberCount).toBe(0);
            // Both tabs' onError hear of the failed attempt: the leader's own, relayed to the follower.
            expect(reports[0]).toContain('connection');
            expect(reports[1]).toContain('connection');
        } finally {
            silent.closeAllConnections();
            silent.close();
        }
    });
});

describe('offline and hidden tabs', () => {
    it('offline: no attempts (state offline); back online: connects at once and reconciles', async () => {
        const tab = world.browser.openTab(world.emu.url, { realtime: { shareConnection: false } });
        const states: ConnectionState[] = [];
        tab.pb.realtime.onStateChange((state) => states.push(state));
        let reconnects = 0;
        tab.pb.realtime.onReconnect(() => reconnects++);
        const posts = collect(tab, 'posts');
        await posts.stop;
        tab.setOnline(false);
        expect(tab.pb.realtime.state).toBe('offline');
        await waitFor(() => world.emu.connections() === 0);
        await new Promise((r) => setTimeout(r, 300));
        expect(world.emu.connections()).toBe(0);
        tab.setOnline(true);
        await waitFor(() => tab.pb.realtime.state === 'connected' && reconnects === 1);
        expect(states).toEqual(['connecting', 'connected', 'offline', 'reconnecting', 'connected']);
        await world.writer.records.create('posts', { title: 'back' });
        await waitFor(() => posts.seen.includes('create:back'));
    });

    it('a page shown again makes a pending retry at once — its own, or the leader tab\'s (whose timers a browser may throttle)', async () => {
        // Timers that never fire by themselves: the retry after a drop waits until something asks for it now.
        const frozen = { setTimeout: () => 0, clearTimeout: () => {} };
        const leader = world.browser.openTab(world.emu.url, { realtime: { timers: frozen } });
        await collect(leader, 'posts').stop;
        const follower = world.browser.openTab(world.emu.url);
        await collect(follower, 'posts').stop;
        const alone = world.browser.openTab(world.emu.url, { realtime: { timers: frozen, shareConnection: false } });
        await collect(alone, 'posts').stop;
        expect(leader.pb.realtime.tabRole).toBe('leader');

        world.emu.dropRealtimeConnections();
        await waitFor(() => [leader, follower, alone].every((tab) => tab.pb.realtime.state === 'reconnecting'));
        await new Promise((r) => setTimeout(r, 100));
        expect(world.emu.connections()).toBe(0);

        follower.setHidden(false);
        alone.setHidden(false);
        await waitFor(() => [leader, follower, alone].every((tab) => tab.pb.realtime.state === 'connected'));
        await waitFor(() => world.emu.connections() === 2);
    });

    it('releaseWhenHidden: a hidden tab lets its connection go after the delay and resumes when shown', async () => {
        const tab = world.browser.openTab(world.emu.url, { realtime: { releaseWhenHidden: 50 } });
        let reconnects = 0;
        tab.pb.realtime.onReconnect(() => reconnects++);
        const posts = collect(tab, 'posts');
        await posts.stop;
        tab.setHidden(true);
        await waitFor(() => tab.pb.realtime.state === 'paused' && world.emu.connections() === 0);
        await world.writer.records.create('posts', { title: 'while hidden' });
        tab.setHidden(false);
        await waitFor(() => tab.pb.realtime.state === 'connected' && reconnects === 1);
        expect(posts.seen).toEqual([]);
        await world.writer.records.create('posts', { title: 'shown' });
        await waitFor(() => posts.seen.includes('create:shown'));
    });
});

// Races and hostile cases of tabs sharing one connection, found in review: each was a hang, a
// lost event or a wrong announcement before its fix. Same simulated browser as tabs.test.ts.
import { describe, expect, it } from 'vitest';
import PocketBase from '../../../src/index';
import { SEED_USER } from '../../emulator/index';
import { collect, sleep, tabsWorld, waitFor } from './world';

const world = tabsWorld();

const TIMEOUT = Symbol('timeout');
function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMEOUT | { rejected: unknown }> {
    return Promise.race([p.then((v): T | { rejected: unknown } => v, (e: unknown) => ({ rejected: e })), sleep(ms).then((): typeof TIMEOUT => TIMEOUT)]);
}

describe('tabs: races and failures', () => {
    it('a follower\'s unsubscribe rejects with the server\'s refusal of the leader\'s topic list (it hung)', async () => {
        const [a, b] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        await collect(a, 'posts').stop;
        const stopB = await collect(b, 'categories').stop;
        await collect(b, 'users').stop; // b keeps a topic: it stays a member
        expect(b.pb.realtime.tabRole).toBe('follower');
        // The server starts refusing topic lists with 400 (e.g. a proxy/validation failure).
        a.pb.beforeSend = (url, options) => (url.includes('/api/realtime') && options.method === 'POST'
            ? { ...options, body: JSON.stringify({ clientId: 'x'.repeat(300), subscriptions: [] }) } : options);
        const outcome = await within(stopB(), 1500);
        // As on a connection of its own: the unsubscribe rejects with the server's refusal.
        expect(outcome).toMatchObject({ rejected: { status: 400 } });
    });

    it('a throwing listen() onActive in the leader tab blocks no other tab and rejects nothing', async () => {
        const [a, b] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        await collect(a, 'categories').stop; // a leads
        const errors: unknown[] = [];
        const onUnhandled = (e: unknown) => errors.push(e);
        process.on('unhandledRejection', onUnhandled);
        const reported: string[] = [];
        a.pb.realtime.onError(({ kind }) => reported.push(kind));
        a.pb.realtime.listen('posts', () => {}, { onActive: () => { throw new Error('boom in tab a'); } });
        const outcome = await within(collect(b, 'posts').stop, 1500);
        process.off('unhandledRejection', onUnhandled);
        expect(outcome).not.toBe(TIMEOUT);
        expect(errors).toEqual([]);
        expect(reported).toContain('callback');
    });

    it('after the shared connection dropped, a follower reports no topics and a new subscribe waits for the server', async () => {
        const slow = { realtime: { backoff: { initialDelay: 3_000 } } };
        const [a, b] = [world.browser.openTab(world.emu.url, slow), world.browser.openTab(world.emu.url, slow)];
        await collect(a, 'categories').stop;
        await collect(b, 'posts').stop;
        world.emu.dropRealtimeConnections();
        await waitFor(() => a.pb.realtime.state === 'reconnecting' && b.pb.realtime.state === 'reconnecting');
        expect(a.pb.realtime.topics).toEqual([]);
        const staleTopics = b.pb.realtime.topics;
        const again = await within(collect(b, 'posts').stop, 300);
        expect(again).toBe(TIMEOUT); // not active while nothing is subscribed server-side
        expect(staleTopics).toEqual([]);
    });

    it('onReconnect of a resumed follower fires only once its topics are back on the server', async () => {
        const a = world.browser.openTab(world.emu.url);
        await collect(a, 'categories').stop; // a leads
        const b = world.browser.openTab(world.emu.url, { realtime: { releaseWhenHidden: 50 } });
        await collect(b, 'posts').stop;
        b.setHidden(true);
        await waitFor(() => b.pb.realtime.state === 'paused' && world.emu.realtimeClients()[0]!.subscriptions.join() === 'categories');
        const atReconnect: string[][] = [];
        b.pb.realtime.onReconnect(() => atReconnect.push(world.emu.realtimeClients()[0]!.subscriptions.slice().sort()));
        b.setHidden(false);
        await waitFor(() => atReconnect.length > 0);
        expect(atReconnect[0]).toEqual(['categories', 'posts']);
    });

    it('no spurious onReconnect for a fresh subscription after a leader serving others changed identity', async () => {
        const [a, b] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        const stopA = await collect(a, 'posts').stop; // a leads
        await collect(b, 'posts').stop;
        await stopA(); // a keeps leading for b
        let reconnects = 0;
        a.pb.realtime.onReconnect(() => reconnects++);
        await a.pb.users.authViaEmail(SEED_USER.email, SEED_USER.password); // every tab: another identity
        await sleep(300);
        expect(reconnects).toBe(0);
        await collect(a, 'categories').stop;
        await sleep(100);
        expect(reconnects).toBe(0);
    });
});

describe('tabs: takeover', () => {
    it('the tab that takes over shows reconnecting, like the other tabs', async () => {
        const tabs = Array.from({ length: 3 }, () => world.browser.openTab(world.emu.url));
        await Promise.all(tabs.map((t) => collect(t, 'posts').stop));
        const states = tabs.map(() => [] as string[]);
        tabs.forEach((t, i) => t.pb.realtime.onStateChange((s) => states[i]!.push(s)));
        const leader = tabs.findIndex((t) => t.holdsConnection);
        const old = tabs[leader]!.pb.realtime.clientId;
        tabs[leader]!.crash();
        const rest = tabs.filter((_, i) => i !== leader);
        await waitFor(() => rest.every((t) => t.pb.realtime.state === 'connected' && ![old, ''].includes(t.pb.realtime.clientId)));
        const next = tabs.findIndex((t, i) => i !== leader && t.holdsConnection);
        const follower = tabs.findIndex((_, i) => i !== leader && i !== next);
        expect(states[follower]).toEqual(['reconnecting', 'connected']);
        expect(states[next]).toEqual(['reconnecting', 'connected']);
    });

    it('nothing is left behind after a takeover, subscribe/unsubscribe churn and the last unsubscribe', async () => {
        const tabs = Array.from({ length: 3 }, () => world.browser.openTab(world.emu.url));
        const stops = await Promise.all(tabs.map((t) => collect(t, 'posts').stop));
        const leader = tabs.findIndex((t) => t.holdsConnection);
        tabs[leader]!.crash();
        const rest = tabs.filter((_, i) => i !== leader);
        await waitFor(() => rest.every((t) => t.pb.realtime.state === 'connected' && t.pb.realtime.clientId !== ''));
        for (let i = 0; i < 5; i++) {
            const s = rest.map((t) => t.pb.realtime.subscribe('categories', () => {}));
            const removers = await Promise.all(s);
            await Promise.all(removers.map((r) => r()));
        }
        for (const i of tabs.keys()) if (i !== leader) await (await stops[i]!)();
        await waitFor(() => world.emu.connections() === 0);
        await sleep(50);
        for (const t of rest) expect(t.pb.realtime.resourceCount).toBe(0);
        expect(world.browser.heldLocks()).toEqual([]);
    });
});

describe('tabs: hostile channel', () => {
    it('a late or forged "leader" message of a tab not holding the lock does not take a follower away', async () => {
        const [a, b] = [world.browser.openTab(world.emu.url), world.browser.openTab(world.emu.url)];
        const sa = collect(a, 'posts');
        await sa.stop;
        const sb = collect(b, 'posts');
        await sb.stop;
        const name = 'pocketbase-reactive realtime pbr-tabs/1\n' + [a.pb.buildUrl('/api/realtime'), 'local:pocketbase_auth', ''].join('\n');
        const ghost = new BroadcastChannel(name);
        ghost.postMessage({ p: 'pbr-tabs/1', type: 'leader', from: 'ghostghost' }); // e.g. a dead leader's late message
        await sleep(50);
        ghost.close();
        await world.writer.records.create('posts', { title: 'after ghost' });
        await sleep(500);
        expect(sa.seen).toContain('create:after ghost');
        expect(sb.seen).toContain('create:after ghost');
    });
});

describe('tabs: leaving', () => {
    it('a leader leaving with a member\'s settlement pending reports no channel error', async () => {
        const user = new PocketBase(world.emu.url);
        await user.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        let trigger: (() => void) | null = null;
        class HookChannel extends BroadcastChannel {
            private h: ((e: { data: unknown }) => void) | null = null;
            constructor(name: string) {
                super(name);
                super.onmessage = (e: MessageEvent) => {
                    this.h?.(e);
                    const d = e.data as { type?: string };
                    if (d?.type === 'topics' && trigger) { const t = trigger; trigger = null; t(); }
                };
            }
            override set onmessage(h: ((e: { data: unknown }) => void) | null) { this.h = h; }
            override get onmessage(): ((e: { data: unknown }) => void) | null { return this.h; }
        }
        const a = world.browser.openTab(world.emu.url, { realtime: { environment: { BroadcastChannel: HookChannel as never } } });
        await collect(a, 'posts').stop; // a leads
        const errors: string[] = [];
        a.pb.realtime.onError((e) => errors.push(`${e.kind}: ${e.message} ${String((e.error as Error)?.message ?? '')}`));
        const b = world.browser.openTab(world.emu.url);
        // Right after a handled b's topics (a settle is pending on the POST), the identity changes.
        trigger = () => a.pb.authStore.save(user.authStore.token, user.authStore.model);
        await within(collect(b, 'categories').stop, 1500);
        await sleep(200);
        expect(errors.filter((e) => e.startsWith('channel'))).toEqual([]);
    });
});

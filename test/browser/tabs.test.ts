// One realtime connection per browser, in real Chromium: 8 tabs of the playground (one browser
// context, so one origin's localStorage, Web Locks and BroadcastChannel) against the emulator,
// which counts the /api/realtime connections server-side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import PocketBase from '../../src/index';
import { SEED_ADMIN, SEED_USER } from '../emulator/index';
import { startPlayground, type Playground } from '../../playground/server';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium';

let playground: Playground;
let browser: Browser;
let context: BrowserContext;
let writer: PocketBase;
let pages: Page[] = [];

beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    browser = await launchChromium();
    context = await browser.newContext();
    writer = new PocketBase(playground.pbUrl);
    await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
}, 60_000);

afterAll(async () => {
    await browser?.close();
    await playground?.close();
});

const emulator = () => playground.emulator!;
const text = (page: Page, selector: string) => page.locator(selector).innerText();
const role = (page: Page) => text(page, '#tab-role');

async function leaderOf(open: Page[]): Promise<Page> {
    await expect.poll(async () => (await Promise.all(open.map(role))).filter((r) => r === 'tab: leader').length, { timeout: 10_000 }).toBe(1);
    const roles = await Promise.all(open.map(role));
    return open[roles.indexOf('tab: leader')]!;
}

describe('tabs share one realtime connection', () => {
    it('8 tabs of the playground hold exactly one /api/realtime connection; a create appears in all 8', async () => {
        for (let i = 0; i < 8; i++) {
            const page = await context.newPage();
            await page.goto(playground.url);
            pages.push(page);
        }
        for (const page of pages) await expect.poll(() => text(page, '#connection'), { timeout: 10_000 }).toBe('realtime: connected');
        expect(emulator().connections()).toBe(1);
        await leaderOf(pages);
        expect((await Promise.all(pages.map(role))).filter((r) => r === 'tab: follower')).toHaveLength(7);

        const post = await writer.records.create('posts', { title: 'seen by all eight', published: true });
        for (const page of pages) await expect.poll(() => text(page, '#posts')).toContain('seen by all eight');
        for (const page of pages) await expect.poll(() => text(page, '#log')).toContain(`create ${post.id}`);
    });

    it('closing the leader: a new leader within 1 s, events still reach the other 7 and their lists converge', async () => {
        const leader = await leaderOf(pages);
        const closedAt = Date.now();
        await leader.close();
        pages = pages.filter((page) => page !== leader);
        const next = await leaderOf(pages);
        expect(Date.now() - closedAt).toBeLessThan(1_000 + 500); // the poll's own interval included
        expect(next).not.toBe(leader);
        await expect.poll(() => emulator().connections()).toBe(1);
        for (const page of pages) await expect.poll(() => text(page, '#connection')).toBe('realtime: connected');

        await writer.records.create('posts', { title: 'after the takeover', published: true });
        for (const page of pages) await expect.poll(() => text(page, '#posts')).toContain('after the takeover');
        const lists = await Promise.all(pages.map((page) => text(page, '#posts')));
        expect(new Set(lists).size).toBe(1);
    });

    it('signing in and out in one tab moves every tab to one connection of the new identity', async () => {
        const [first] = pages;
        await first!.click('#login button');
        for (const page of pages) await expect.poll(() => text(page, '#auth-state')).toBe(SEED_USER.email);
        await expect.poll(() => emulator().realtimeClients().map((client) => client.auth?.type ?? 'guest').join()).toBe('user');
        await expect.poll(() => emulator().connections()).toBe(1);

        await first!.click('#logout');
        for (const page of pages) await expect.poll(() => text(page, '#auth-state')).toBe('guest');
        await expect.poll(() => emulator().realtimeClients().map((client) => client.auth?.type ?? 'guest').join()).toBe('guest');
        await expect.poll(() => emulator().connections()).toBe(1);
        for (const page of pages) await expect.poll(() => text(page, '#connection')).toBe('realtime: connected');
        await writer.records.create('posts', { title: 'for the guests', published: true });
        for (const page of pages) await expect.poll(() => text(page, '#posts')).toContain('for the guests');
    });

    it('two different auth store keys hold two connections', async () => {
        for (const page of pages) await page.close();
        pages = [];
        await expect.poll(() => emulator().connections()).toBe(0);
        const [a, b] = [await context.newPage(), await context.newPage()];
        for (const page of [a, b]) {
            await page.goto(playground.url);
            await expect.poll(() => text(page, '#connection')).toBe('realtime: connected');
        }
        await expect.poll(() => emulator().connections()).toBe(1);
        // A second app of the same origin, with an auth store of its own key, in tab b.
        const entry = '/@fs' + fileURLToPath(new URL('../../src/index.ts', import.meta.url));
        // (A string: vitest rewrites dynamic imports in functions it compiles.)
        const other = await b.evaluate<{ role: string; clientId: string }>(`(async () => {
            const { default: PocketBase, LocalAuthStore } = await import(${JSON.stringify(entry)});
            const pb = new PocketBase(${JSON.stringify(playground.pbUrl)}, 'en-US', new LocalAuthStore('another_app_auth'));
            await pb.realtime.subscribe('posts', () => {});
            return { role: pb.realtime.tabRole, clientId: pb.realtime.clientId };
        })()`);
        expect(other.role).toBe('leader'); // of a group of its own
        await expect.poll(() => emulator().connections()).toBe(2);
        expect(emulator().realtimeClients().map((client) => client.clientId)).toContain(other.clientId);
        await a.close();
        await b.close();
        await expect.poll(() => emulator().connections()).toBe(0);
    });
});

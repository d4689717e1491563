// The UMD build in a real browser: a <script> tag, the browser's fetch, localStorage and native
// EventSource, talking cross-origin (CORS) to the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import PocketBase, { BaseAuthStore } from '../../src/index';
import { startEmulator, SEED_USER, type Emulator } from '../emulator/index';
import { launchChromium, serveStatic } from './chromium';

class MemoryStore extends BaseAuthStore {}

let emulator: Emulator;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    site = await serveStatic(fileURLToPath(new URL('../../dist/', import.meta.url)), {
        '/': '<!doctype html><html><body><script src="/pocketbase.umd.js"></script></body></html>',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(site.url + '/');
}, 60_000);

afterAll(async () => {
    await browser?.close();
    await site?.close();
    await emulator?.close();
});

describe('dist/pocketbase.umd.js in Chromium', () => {
    it('defines the PocketBase global; signs in and persists the auth in localStorage', async () => {
        const result = await page.evaluate(async ({ url, email, password }) => {
            const pb = new (window as unknown as { PocketBase: new (url: string) => any }).PocketBase(url);
            const { user } = await pb.users.authViaEmail(email, password);
            const list = await pb.records.getList('posts', 1, 5);
            return { email: user.email, stored: !!localStorage.getItem('pocketbase_auth'), isUser: pb.authStore.isUser, total: list.totalItems };
        }, { url: emulator.url, email: SEED_USER.email, password: SEED_USER.password });
        expect(result).toEqual({ email: SEED_USER.email, stored: true, isUser: true, total: expect.any(Number) });
    });

    it('a ClientResponseError crosses the browser boundary with status and message', async () => {
        const err = await page.evaluate(async (url) => {
            const pb = new (window as unknown as { PocketBase: new (url: string) => any }).PocketBase(url);
            try { await pb.records.getOne('posts', 'missing'); return null; } catch (e: any) { return { status: e.status, message: e.message, isError: e instanceof (window as any).PocketBase.ClientResponseError }; }
        }, emulator.url);
        expect(err).toEqual({ status: 404, message: "The requested resource wasn't found.", isError: true });
    });

    it('realtime uses the browser\'s own EventSource and receives an event created elsewhere', async () => {
        await page.evaluate(async (url) => {
            const w = window as any;
            w.events = [];
            w.pb = new w.PocketBase(url);
            await w.pb.realtime.subscribe('posts', (e: { action: string; record: { title: string } }) => w.events.push(e.action + ':' + e.record.title));
        }, emulator.url);
        const writer = new PocketBase(emulator.url, 'en-US', new MemoryStore());
        await writer.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await writer.records.create('posts', { title: 'from node' });
        await page.waitForFunction(() => (window as any).events.length > 0, undefined, { timeout: 5000 });
        expect(await page.evaluate(() => (window as any).events)).toEqual(['create:from node']);
        expect(emulator.connections()).toBe(1);
        await page.evaluate(() => (window as any).pb.realtime.unsubscribe());
        await expect.poll(() => emulator.connections()).toBe(0);
    });
});

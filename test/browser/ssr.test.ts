// The playground's server-rendered page (/ssr/: Vite SSR + svelte/server) in Chromium: its HTML
// holds the live list before any script runs (a context with JavaScript off), sign-in and sign-out
// are form actions setting the auth cookie (they work without scripts), and in the browser the
// page hydrates over the server's nodes with no loading state ever inserted, sends one reconcile
// of the list beyond the server's fetch, and then follows realtime changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import PocketBase, { BaseAuthStore } from '../../src/index';
import { SEED_USER } from '../emulator/index';
import { startPlayground, type Playground } from '../../playground/server';
import { launchChromium } from './chromium';

class MemoryStore extends BaseAuthStore {}

let playground: Playground;
let browser: Browser;

beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    browser = await launchChromium();
}, 60_000);

afterAll(async () => {
    await browser?.close();
    await playground?.close();
});

const text = (page: Page, selector: string) => page.locator(selector).innerText();
/** GETs of the posts list the emulator answered (the server's renders and the browser's). */
const listRequests = () => playground.emulator!.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/collections/posts/records').length;
const SEEDED = ['Open this page in a second tab', 'Welcome to the playground'];
/** The list's titles, sorted (the seeded posts share one `created`: their order is their random ids'). */
const titles = async (page: Page) => (await text(page, '#posts')).split('\n').sort();

interface Watch { loadingInserted: boolean; itemsRemoved: number }
declare const window: { __watch: Watch };

describe('the server-rendered page (/ssr/)', () => {
    it('its HTML holds the list before any script runs; sign-in and sign-out are form actions setting the cookie', async () => {
        const context = await browser.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        const before = listRequests();
        await page.goto(playground.url + 'ssr/');
        expect(listRequests()).toBe(before + 1);
        expect(await titles(page)).toEqual(SEEDED);
        expect(await page.locator('#loading').count()).toBe(0);
        expect(await text(page, '#auth-state')).toBe('guest');
        expect(await page.locator('#pb-state').textContent()).toContain('"Welcome to the playground"');

        await page.click('#login button');
        expect(await text(page, '#auth-state')).toBe(SEED_USER.email);
        const [cookie] = await context.cookies();
        expect(cookie).toMatchObject({ name: 'pb_auth', path: '/ssr', httpOnly: false });

        await page.click('#logout button');
        expect(await text(page, '#auth-state')).toBe('guest');
        await page.fill('#login input[name="password"]', 'wrong password');
        await page.click('#login button');
        expect(await text(page, '#auth-state')).toBe('guest');
        expect(await text(page, '#auth-error')).not.toBe('');
        await context.close();
    });

    it('hydrates over the server\'s nodes without a loading state, reconciles with one request, then goes live', async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        // From the first byte of every document: was a loading state ever inserted, were list items replaced?
        await page.addInitScript(() => {
            const watch = { loadingInserted: false, itemsRemoved: 0 };
            (window as unknown as { __watch: Watch }).__watch = watch;
            new MutationObserver((records) => {
                for (const record of records) {
                    for (const node of record.addedNodes) {
                        if (node instanceof Element && (node.id === 'loading' || node.querySelector('#loading'))) watch.loadingInserted = true;
                    }
                    for (const node of record.removedNodes) if (node instanceof HTMLLIElement) watch.itemsRemoved++;
                }
            }).observe(document, { childList: true, subtree: true });
        });
        await page.goto(playground.url + 'ssr/');
        await page.click('#login button');
        await expect.poll(() => text(page, '#auth-state')).toBe(SEED_USER.email);

        const before = listRequests();
        await page.reload();
        // The page's client: the realtime subscription and the one reconcile of the list.
        await expect.poll(() => text(page, '#requests')).toBe('requests from this page: 2 sent, 0 cancelled');
        expect(listRequests()).toBe(before + 2); // the server's render + the browser's reconcile
        expect(await titles(page)).toEqual(SEEDED);
        expect(await page.evaluate(() => window.__watch)).toEqual({ loadingInserted: false, itemsRemoved: 0 });

        const writer = new PocketBase(playground.pbUrl, 'en-US', new MemoryStore());
        await writer.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await writer.records.create('posts', { title: 'after the render' });
        await expect.poll(() => titles(page)).toEqual(['after the render', ...SEEDED].sort());
        expect((await text(page, '#posts')).split('\n')[0]).toBe('after the render');

        await page.click('#logout button');
        await expect.poll(() => text(page, '#auth-state')).toBe('guest');
        await context.close();
    });
});

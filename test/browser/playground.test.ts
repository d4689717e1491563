// The playground in Chromium: the reactive layer driving a real page (auth atom, live list,
// connection state, realtime log, switchMap typeahead) against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import PocketBase, { BaseAuthStore } from '../../src/index';
import { SEED_USER } from '../emulator/index';
import { startPlayground, type Playground } from '../../playground/server';
import { launchChromium } from './chromium';

class MemoryStore extends BaseAuthStore {}

let playground: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(playground.url);
}, 60_000);

afterAll(async () => {
    await browser?.close();
    await playground?.close();
});

const text = (selector: string) => page.locator(selector).innerText();

describe('playground', () => {
    it('shows a guest and the seeded posts, signs in through the form, and the $auth badge follows', async () => {
        await expect.poll(() => text('#auth-state')).toBe('guest');
        await expect.poll(() => text('#posts')).toContain('Welcome to the playground');
        await page.click('#login button');
        await expect.poll(() => text('#auth-state')).toBe(SEED_USER.email);
        await expect.poll(() => text('#connection')).toBe('realtime: connected');
    });

    it('the live list shows a post added in the page and one added by another client, with realtime log lines', async () => {
        await page.fill('#new-post input', 'from the page');
        await page.click('#new-post button');
        await expect.poll(() => text('#posts')).toContain('from the page');

        const other = new PocketBase(playground.pbUrl, 'en-US', new MemoryStore());
        await other.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const post = await other.records.create('posts', { title: 'from another client' });
        await expect.poll(() => text('#posts')).toContain('from another client');
        await expect.poll(() => text('#log')).toContain(`create ${post.id} "from another client"`);

        await other.records.delete('posts', post.id);
        await expect.poll(() => text('#posts')).not.toContain('from another client');
        await expect.poll(() => text('#posts-state')).toMatch(/^3 posts/);
    });

    it('the typeahead shows matches', async () => {
        await page.fill('#search', 'from the');
        await expect.poll(() => text('#suggestions')).toBe('from the page');
        await page.fill('#search', 'page');
        await expect.poll(() => text('#suggestions')).toBe('Open this page in a second tab\nfrom the page');
        await page.fill('#search', 'zzz');
        await expect.poll(() => text('#suggestions')).toBe('');
    });

    it('signs out', async () => {
        await page.screenshot({ path: 'test-results/playground.png', fullPage: true });
        await page.click('#logout');
        await expect.poll(() => text('#auth-state')).toBe('guest');
    });
});

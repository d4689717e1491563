// The playground's framework pages (Svelte 5, React 19, Vue 3) in Chromium against one emulator,
// next to the plain-DOM page: each signs in through its form; a post created in one page shows in
// every other; server validation errors show beside their field; infinite scroll loads the next
// page when the end of the list is scrolled into view; an uploaded image is shown from /api/files
// (and the Svelte page is photographed: test-results/playground-svelte.png, the README's
// docs/playground.png); the search and sort controls re-query the live list, and a search changed
// while its request runs cancels it (the request counter shows it); an optimistic rename shows
// pending and then the server's answer, and a refused one rolls back. Each page has its own
// browser context (its own auth store).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import PocketBase, { BaseAuthStore } from '../../src/index';
import { SEED_USER } from '../emulator/index';
import { startPlayground, type Playground } from '../../playground/server';
import { launchChromium } from './chromium';

class MemoryStore extends BaseAuthStore {}

const FRAMEWORKS = ['svelte', 'react', 'vue'] as const;
type Name = (typeof FRAMEWORKS)[number] | 'plain';

let playground: Playground;
let browser: Browser;
const pages = {} as { [name in Name]: Page };

beforeAll(async () => {
    playground = await startPlayground({ port: 0 });
    browser = await launchChromium();
    for (const name of ['plain', ...FRAMEWORKS] as const) {
        const page = await (await browser.newContext()).newPage();
        await page.goto(playground.url + (name === 'plain' ? '' : `${name}/`));
        pages[name] = page;
    }
}, 60_000);

afterAll(async () => {
    await browser?.close();
    await playground?.close();
});

const text = (page: Page, selector: string) => page.locator(selector).innerText();
/** The titles a fresh fetch returns (as a guest, like the list rule allows). */
const serverTitles = async (query: { filter?: string; sort: string }) =>
    (await new PocketBase(playground.pbUrl, 'en-US', new MemoryStore()).records.getFullList<{ title: string }>('posts', 400, query)).map((p) => p.title);
const item = (page: Page, title: string) => page.locator('#posts li', { has: page.locator('.title', { hasText: new RegExp(`^${title}$`) }) });

/** Holds the page's PATCH requests to a post until `release()` (they then reach the server unchanged). */
async function holdUpdates(page: Page): Promise<{ release(): void; done(): Promise<void> }> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const matcher = (url: URL) => /\/api\/collections\/posts\/records\/[^/]+$/.test(url.pathname);
    await page.route(matcher, async (route) => {
        if (route.request().method() === 'PATCH') await gate;
        await route.continue();
    });
    return { release, done: () => page.unroute(matcher) };
}

/** A 4×4 red PNG. */
function png(): Buffer {
    const chunk = (type: string, data: Buffer) => {
        const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(data.length);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(body));
        return Buffer.concat([length, body, crc]);
    };
    const header = Buffer.alloc(13);
    header.writeUInt32BE(4, 0);
    header.writeUInt32BE(4, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
    const rows = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, ...Array(4).fill([255, 0, 0]).flat()])));
    return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('playground pages: plain DOM, Svelte 5, React 19, Vue 3', () => {
    it('every page shows a guest and the seeded posts, then signs in through its form', async () => {
        for (const page of Object.values(pages)) {
            await expect.poll(() => text(page, '#auth-state')).toBe('guest');
            await expect.poll(() => text(page, '#posts')).toContain('Welcome to the playground');
            await page.click('#login button');
            await expect.poll(() => text(page, '#auth-state')).toBe(SEED_USER.email);
            await expect.poll(() => text(page, '#connection')).toBe('realtime: connected');
        }
    });

    it.each(FRAMEWORKS)('%s: a refused post shows the server error beside its field; a post created here shows in every page and in the log', async (name) => {
        const page = pages[name];
        await page.click('#new-post button');
        await expect.poll(() => text(page, '.field-error[data-field="title"]')).not.toBe('');

        await page.fill('#new-post input[name="title"]', `from ${name}`);
        await page.click('#new-post button');
        await expect.poll(() => text(page, '.field-error[data-field="title"]')).toBe('');
        for (const other of Object.values(pages)) await expect.poll(() => text(other, '#posts')).toContain(`from ${name}`);
        await expect.poll(() => text(page, '#log')).toMatch(new RegExp(`create \\w+ "from ${name}"`));
    });

    it('infinite scroll: each page shows 5 posts and loads the next 5 when the end of the list is scrolled into view', async () => {
        const writer = new PocketBase(playground.pbUrl, 'en-US', new MemoryStore());
        await writer.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        for (let i = 1; i <= 7; i++) await writer.records.create('posts', { title: `more ${i}` });
        const total = (await writer.records.getList('posts', 1, 1)).totalItems;
        expect(total).toBeGreaterThan(10);
        for (const name of FRAMEWORKS) {
            const page = pages[name];
            await expect.poll(() => text(page, '#feed-state')).toBe(`5 of ${total}`);
            await expect.poll(() => page.locator('#feed li').count()).toBe(5);
            await expect.poll(() => text(page, '#feed-end')).toBe('more below…');
            await page.locator('#feed').scrollIntoViewIfNeeded();
            await expect.poll(() => page.locator('#feed li').count()).toBe(5); // the end of the list is still out of view
            await page.locator('#feed').evaluate((box) => { box.scrollTop = box.scrollHeight; });
            await expect.poll(() => page.locator('#feed li').count()).toBe(10);
            await expect.poll(() => text(page, '#feed-state')).toBe(`10 of ${total}`);
        }
    });

    it.each(FRAMEWORKS)('%s: an uploaded image is shown from /api/files', async (name) => {
        const page = pages[name];
        await page.fill('#new-post input[name="title"]', `picture from ${name}`);
        await page.setInputFiles('#new-post input[name="attachment"]', { name: 'red.png', mimeType: 'image/png', buffer: png() });
        await page.click('#new-post button');
        const image = item(page, `picture from ${name}`).locator('img.thumb');
        await expect.poll(() => image.getAttribute('src')).toMatch(new RegExp(`^${playground.pbUrl}/api/files/[^/]+/[^/]+/[^/]+\\.png$`));
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
        if (name === 'svelte') {
            mkdirSync('test-results', { recursive: true });
            await page.screenshot({ path: 'test-results/playground-svelte.png', fullPage: true });
        }
    });

    it.each(FRAMEWORKS)('%s: the search and sort controls re-query the live list; a search changed mid-request cancels that request, and the counter shows it', async (name) => {
        const page = pages[name];
        const cancelled = async () => Number(/(\d+) cancelled/.exec(await text(page, '#requests'))![1]);
        const titles = () => page.locator('#posts .title').allInnerTexts();
        const before = await cancelled();

        // The request of the search "more" is held at the browser until released: typing on cancels it.
        let release!: () => void;
        const gate = new Promise<void>((resolve) => { release = resolve; });
        const held = (url: URL) => url.pathname === '/api/collections/posts/records' && (url.searchParams.get('filter') ?? '').includes("'more'");
        await page.route(held, async (route) => {
            await gate;
            await route.continue().catch(() => {}); // (the page may have aborted it meanwhile)
        });
        try {
            const request = page.waitForRequest((r) => held(new URL(r.url())), { timeout: 10_000 });
            await page.fill('#search', 'more');
            await request;
            await page.fill('#search', 'from');
            await expect.poll(cancelled).toBe(before + 1);
            await expect.poll(titles).toEqual(await serverTitles({ filter: "title ~ 'from'", sort: '-created,id' }));
        } finally {
            release();
            await page.unroute(held);
        }

        await page.selectOption('#sort', 'title,id');
        await expect.poll(titles).toEqual(await serverTitles({ filter: "title ~ 'from'", sort: 'title,id' }));
        await page.selectOption('#sort', '-title,id');
        await expect.poll(titles).toEqual(await serverTitles({ filter: "title ~ 'from'", sort: '-title,id' }));

        await page.fill('#search', '');
        await page.selectOption('#sort', '-created,id');
        await expect.poll(titles).toEqual(await serverTitles({ sort: '-created,id' }));
    });

    it.each(FRAMEWORKS)('%s: an optimistic rename is pending until the server answers; a refused one rolls back', async (name) => {
        const page = pages[name];
        const other = pages[name === 'svelte' ? 'react' : 'svelte'];
        const hold = await holdUpdates(page);
        try {
            await item(page, `from ${name}`).locator('.edit').click();
            await page.fill('#posts .edit-title', `renamed in ${name}`);
            await page.click('#posts .save');
            const renamed = item(page, `renamed in ${name}`);
            await expect.poll(() => renamed.getAttribute('class')).toContain('pending');
            await expect.poll(() => renamed.locator('.saving').count()).toBe(1);
            hold.release();
            await expect.poll(() => renamed.getAttribute('class')).not.toContain('pending');
            await expect.poll(() => text(other, '#posts')).toContain(`renamed in ${name}`);
        } finally {
            await hold.done();
        }

        const refused = await holdUpdates(page);
        try {
            await page.check('#fail');
            await item(page, `renamed in ${name}`).locator('.edit').click();
            await page.fill('#posts .edit-title', `refused in ${name}`);
            await page.click('#posts .save');
            await expect.poll(() => item(page, `refused in ${name}`).getAttribute('class')).toContain('pending');
            refused.release();
            await expect.poll(() => item(page, `renamed in ${name}`).count()).toBe(1);
            await expect.poll(() => item(page, `refused in ${name}`).count()).toBe(0);
            await expect.poll(() => text(page, '#edit-error')).not.toBe('');
            expect(await text(other, '#posts')).not.toContain(`refused in ${name}`);
        } finally {
            await refused.done();
            await page.uncheck('#fail');
        }
    });

    it('every page signs out', async () => {
        for (const page of Object.values(pages)) {
            await page.click('#logout');
            await expect.poll(() => text(page, '#auth-state')).toBe('guest');
        }
    });
});

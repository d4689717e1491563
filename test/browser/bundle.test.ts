// What an app's bundler takes from the package: a Vite browser build of an app that uses
// realtime contains no `eventsource` code (the "browser" condition of `#eventsource`), and the
// built app still gets realtime events in Chromium through the browser's own EventSource.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import PocketBase from '../../src/index';
import { startEmulator, SEED_ADMIN, type Emulator } from '../emulator/index';
import { launchChromium, serveStatic } from './chromium';

const root = fileURLToPath(new URL('../../', import.meta.url));
let app: string;
let out: string;
let emulator: Emulator;
let browser: Browser;

beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'pbr-app-'));
    mkdirSync(join(app, 'node_modules'));
    // The package as an app sees it once installed (dist/ must be built: npm run test:browser does).
    symlinkSync(root, join(app, 'node_modules', 'pocketbase-reactive'), 'dir');
    writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>');
    writeFileSync(join(app, 'main.js'), [
        "import PocketBase from 'pocketbase-reactive';",
        'window.events = [];',
        'window.start = async (url) => {',
        '    const pb = new PocketBase(url);',
        "    await pb.realtime.subscribe('posts', (e) => window.events.push(e.action + ':' + e.record.title));",
        '};',
    ].join('\n'));
    await build({ root: app, configFile: false, logLevel: 'silent', build: { outDir: 'dist', minify: false } });
    out = join(app, 'dist');
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromium();
}, 120_000);

afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    if (app) rmSync(app, { recursive: true, force: true });
});

describe('a Vite browser build of an app using realtime', () => {
    it('contains none of the eventsource package', () => {
        const files = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
        const code = files.map((f) => readFileSync(join(out, 'assets', f), 'utf8')).join('\n');
        expect(code).toContain('PB_CONNECT');
        expect(code).not.toContain('createParser');
        expect(code).not.toContain('eventsource-parser');
    });

    it('gets realtime events in Chromium through the native EventSource', async () => {
        const site = await serveStatic(out, {});
        try {
            const page = await browser.newPage();
            await page.goto(site.url + '/index.html');
            await page.evaluate((url) => (window as unknown as { start(url: string): Promise<void> }).start(url), emulator.url);
            const admin = new PocketBase(emulator.url);
            await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
            await admin.records.create('posts', { title: 'bundled' });
            await page.waitForFunction(() => (window as unknown as { events: string[] }).events.includes('create:bundled'), undefined, { timeout: 5000 });
        } finally {
            await site.close();
        }
    });
});

import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

/** Debian's chromium (no browser download is possible here); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
    const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
    return path;
}

/** Headless Chromium with the flags this sandbox needs (no network beyond loopback). */
export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: chromiumPath(),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
}

const TYPES: { [ext: string]: string } = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json' };

/** Serves files of `root` (plus in-memory pages) on 127.0.0.1, on an ephemeral port. */
export async function serveStatic(root: string, pages: { [path: string]: string } = {}): Promise<{ url: string; close(): Promise<void> }> {
    const server: Server = createServer(async (req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const page = pages[path];
        if (page !== undefined) {
            res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
            return;
        }
        const file = normalize(join(root, path));
        if (!file.startsWith(root)) return void res.writeHead(403).end();
        try {
            const body = await readFile(file);
            res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
        } catch {
            res.writeHead(404).end();
        }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
    };
}

// The /ssr/ page in the playground's dev server: a Vite plugin whose middleware renders the page
// per request (Vite SSR: entry-server.ts through ssrLoadModule, App.svelte compiled for the server
// by the Svelte plugin) into index.html, with Vite's own HTML transforms (its client, HMR).
// Against the PocketBase of `__PB_URL__` (the emulator or PB_URL), as the browser side is.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'vite';
import type { PageResponse, handle as Handle } from './entry-server';

const TEMPLATE = new URL('./index.html', import.meta.url);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
    if (req.method !== 'POST') return new URLSearchParams();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function ssrPage(): Plugin {
    let pbUrl = '';
    return {
        name: 'playground-ssr-page',
        apply: 'serve',
        configResolved(config) {
            const defined = config.define?.__PB_URL__;
            pbUrl = typeof defined === 'string' ? (JSON.parse(defined) as string) : '';
        },
        configureServer(server) {
            server.middlewares.use(async (req, res, next) => {
                const url = req.url ?? '/';
                if (url !== '/ssr' && !url.startsWith('/ssr/?') && url !== '/ssr/') return next();
                try {
                    const { handle } = await server.ssrLoadModule('/ssr/entry-server.ts') as { handle: typeof Handle };
                    const page: PageResponse = await handle({
                        pbUrl,
                        method: req.method ?? 'GET',
                        url,
                        cookie: req.headers.cookie ?? '',
                        https: Boolean((req.socket as { encrypted?: boolean }).encrypted),
                        form: await formOf(req),
                    });
                    if (page.status === 303) {
                        res.writeHead(303, { Location: page.location, 'Set-Cookie': page.setCookie }).end();
                        return;
                    }
                    const template = await server.transformIndexHtml(url, await readFile(TEMPLATE, 'utf8'));
                    const html = template
                        .replace('<!--head-->', () => page.head)
                        .replace('<!--app-->', () => page.body)
                        .replace('<!--state-->', () => page.state);
                    res.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
                } catch (err) {
                    server.ssrFixStacktrace(err as Error);
                    next(err);
                }
            });
        },
    };
}

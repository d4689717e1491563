// The playground's dev server: Vite on 127.0.0.1 with the top-level vite.config.ts in mode
// 'playground' (this folder as root, the Svelte, Vue and React plugins, the /ssr/ page), talking to
// a PocketBase v0.7 server (a fresh emulator unless `pbUrl` is given).
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../test/emulator/index.ts';

export interface Playground {
    url: string;
    pbUrl: string;
    /** The emulator started for it, or null when talking to `pbUrl`. */
    emulator: Emulator | null;
    close(): Promise<void>;
}

export async function startPlayground(options: { port?: number; pbUrl?: string } = {}): Promise<Playground> {
    const emulator = options.pbUrl ? null : await startEmulator({
        port: 0,
        seed: { posts: [{ title: 'Welcome to the playground', published: true }, { title: 'Open this page in a second tab', published: true }] },
    });
    const pbUrl = options.pbUrl ?? emulator!.url;
    const server = await createServer({
        configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
        mode: 'playground',
        logLevel: 'warn',
        server: { port: options.port ?? 5173 },
        define: { __PB_URL__: JSON.stringify(pbUrl) },
    });
    await server.listen();
    const address = server.httpServer?.address();
    const port = address && typeof address === 'object' ? address.port : options.port;
    return {
        url: `http://127.0.0.1:${port}/`,
        pbUrl,
        emulator,
        close: async () => {
            await server.close();
            await emulator?.close();
        },
    };
}

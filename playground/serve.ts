// `npm run playground`: the demo app on a Vite dev server, talking to the local PocketBase v0.7
// emulator (or to a real server given as PB_URL). Both listen on 127.0.0.1 only.
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';
import { startEmulator, SEED_ADMIN, SEED_USER } from '../test/emulator/index.ts';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg !== -1 ? Number(args[portArg + 1]) : 5173;

const emulator = process.env.PB_URL ? null : await startEmulator({ port: 0 });
const pbUrl = process.env.PB_URL ?? emulator!.url;

const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: false },
    define: { __PB_URL__: JSON.stringify(pbUrl) },
});
await server.listen();

const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`playground: ${url}`);
console.log(`PocketBase: ${pbUrl}${emulator ? ' (emulator)' : ''}`);
if (emulator) {
    console.log(`  user  ${SEED_USER.email} / ${SEED_USER.password}`);
    console.log(`  admin ${SEED_ADMIN.email} / ${SEED_ADMIN.password}`);
}

const stop = async () => {
    await server.close();
    await emulator?.close();
    process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

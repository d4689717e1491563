// `npm run playground [-- --port N]`: the demo app and, unless PB_URL names a real PocketBase v0.7
// server, a local emulator; both on 127.0.0.1.
import { SEED_ADMIN, SEED_USER } from '../test/emulator/index.ts';
import { startPlayground } from './server.ts';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const playground = await startPlayground({
    port: portArg !== -1 ? Number(args[portArg + 1]) : 5173,
    pbUrl: process.env.PB_URL,
});

console.log(`playground: ${playground.url}`);
console.log(`PocketBase: ${playground.pbUrl}${playground.emulator ? ' (emulator)' : ''}`);
if (playground.emulator) {
    console.log(`  user  ${SEED_USER.email} / ${SEED_USER.password}`);
    console.log(`  admin ${SEED_ADMIN.email} / ${SEED_ADMIN.password}`);
}

const stop = async () => {
    await playground.close();
    process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * `npm run emulator [-- --port 8090]`: starts the seeded emulator on 127.0.0.1 and prints the
 * URL and the seeded credentials; stops cleanly on SIGINT/SIGTERM.
 */
import { startEmulator, SEED_ADMIN, SEED_USER } from './index.ts';

function portArg(argv: string[]): number {
  const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (index === -1) return 8090;
  const raw = argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${String(raw)}`);
  return port;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: portArg(process.argv.slice(2)), host: '127.0.0.1' });
  process.stdout.write(
    `PocketBase v0.7.10 emulator listening on ${emulator.url}\n` +
      `  admin: ${SEED_ADMIN.email} / ${SEED_ADMIN.password}\n` +
      `  user:  ${SEED_USER.email} / ${SEED_USER.password}\n`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

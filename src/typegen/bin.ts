// The package's `bin` (built to dist/typegen.mjs): `npx pocketbase-reactive typegen --help`.
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));

// `npx tsx bench/updateSizeLimits.ts`: sets every budget in bench/size-limits.json to the entry's
// current size (bench/bundle.ts) plus ~2%, rounded up to 10 bytes. Run it after a change that
// shrinks an entry (to lock the gain in), or on purpose in the commit that grows one, saying why.
import { writeFileSync } from 'node:fs';
import { bundleSizes } from './bundle';

const limits: Record<string, number> = {};
for (const size of await bundleSizes()) limits[size.name] = Math.ceil((size.gzip * 1.02) / 10) * 10;
writeFileSync(new URL('./size-limits.json', import.meta.url), JSON.stringify({
    $comment: 'Size budgets in bytes (min+gzip -9 of the esbuild bundles defined in bench/bundle.ts), checked by test/size.test.ts in npm test: each is the size when set plus ~2%, rounded up to 10 bytes. Lower one when a change shrinks its entry; raise one only on purpose, in the commit that grows it, saying why. bench/updateSizeLimits.ts rewrites them all.',
    limits,
}, null, 4) + '\n');
console.log(limits);

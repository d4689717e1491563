// Bundle size, min+gzip -9, two ways:
// 1. esbuild bundles of src/ per entry point (bench/bundle.ts) vs the official SDK's ES bundle
//    through the same tool — the rows whose budgets `npm test` checks (bench/size-limits.json);
// 2. the published files: what `import PocketBase from 'pocketbase-reactive'` loads from dist/
//    (the entry and the chunks it imports statically) vs the official SDK's pocketbase.es.mjs.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { OFFICIAL_ENTRY, SIZE_ENTRIES, bundleSize } from './bundle';
import { results } from './harness';

/** The entry file plus every chunk it imports statically, concatenated. */
function withStaticImports(file: string, seen = new Set<string>()): string {
    if (seen.has(file)) return '';
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    let total = code;
    for (const match of code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+)["']/g)) {
        total += withStaticImports(join(dirname(file), match[1]!), seen);
    }
    return total;
}

const gz = (code: string) => gzipSync(code, { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

export async function benchSize(): Promise<void> {
    const budgets = JSON.parse(readFileSync(new URL('./size-limits.json', import.meta.url), 'utf8')).limits as Record<string, number>;

    let group = 'Bundle size per entry point: esbuild, ES, browser, minified, gzip -9; peers (rxjs, nanostores) external; budgets from bench/size-limits.json';
    console.log(`\n${group}`);
    const official = await bundleSize(OFFICIAL_ENTRY);
    for (const size of [official, ...(await Promise.all(SIZE_ENTRIES.map(bundleSize)))]) {
        const ratio = size.gzip / official.gzip;
        const budget = budgets[size.name];
        const budgetText = budget === undefined ? '' : `   budget ${budget} B${size.gzip > budget ? ' — OVER' : ''}`;
        console.log(`  ${size.name.padEnd(48)} ${String(size.gzip).padStart(6)} B (${kib(size.gzip)})   ×${ratio.toFixed(3)} vs official${budgetText}`);
        results.sizes.push({ group, name: size.name, bytes: size.gzip, minifiedBytes: size.minified, ratio, baseline: official.name, ...(budget === undefined ? {} : { budget }) });
    }

    group = 'Published files (dist/, as built by npm run build): min+gzip -9, an entry with the chunks it imports statically';
    console.log(`\n${group}`);
    const dist = new URL('../dist/', import.meta.url).pathname;
    const officialName = 'pocketbase@0.7.4 pocketbase.es.mjs';
    const officialDist = gz(readFileSync(new URL('../node_modules/pocketbase/dist/pocketbase.es.mjs', import.meta.url), 'utf8'));
    const rows: Array<[string, number]> = [
        [officialName, officialDist],
        ['pocketbase-reactive pocketbase.es.mjs', gz(withStaticImports(join(dist, 'pocketbase.es.mjs')))],
    ];
    for (const entry of ['rx.es.mjs', 'nano.es.mjs']) {
        rows.push([`pocketbase-reactive ${entry}`, gz(withStaticImports(join(dist, entry)))]);
        const seen = new Set<string>();
        rows.push([`pocketbase-reactive ${entry} with the client`, gz(withStaticImports(join(dist, 'pocketbase.es.mjs'), seen) + withStaticImports(join(dist, entry), seen))]);
    }
    for (const [name, bytes] of rows) {
        const ratio = bytes / officialDist;
        console.log(`  ${name.padEnd(48)} ${String(bytes).padStart(6)} B (${kib(bytes)})   ×${ratio.toFixed(3)} vs official`);
        results.sizes.push({ group, name, bytes, ratio, baseline: officialName });
    }
}

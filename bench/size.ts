// Bundle size: what `import PocketBase from 'pocketbase-reactive'` loads (the entry and the chunks it
// imports statically) vs the official SDK's ES bundle, both minified and gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';

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

export function benchSize(): { ours: number; official: number } {
    const dist = new URL('../dist/', import.meta.url).pathname;
    const official = gz(readFileSync(new URL('../node_modules/pocketbase/dist/pocketbase.es.mjs', import.meta.url), 'utf8'));
    const ours = gz(withStaticImports(join(dist, 'pocketbase.es.mjs')));
    console.log('\nBundle size (min+gzip, level 9; an entry counts with the chunks it imports statically)');
    console.log(`  pocketbase@0.7.4 pocketbase.es.mjs              ${kib(official)}`);
    console.log(`  pocketbase-reactive pocketbase.es.mjs           ${kib(ours)}   ×${(ours / official).toFixed(3)}`);
    for (const entry of ['rx.es.mjs', 'nano.es.mjs']) {
        const alone = gz(withStaticImports(join(dist, entry)));
        const seen = new Set<string>();
        const withCore = gz(withStaticImports(join(dist, 'pocketbase.es.mjs'), seen) + withStaticImports(join(dist, entry), seen));
        console.log(`  pocketbase-reactive ${entry.padEnd(27)} ${kib(alone)} (${kib(withCore)} with the client)`);
    }
    return { ours, official };
}

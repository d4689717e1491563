// Bundle size: our core ES bundle vs the official SDK's, minified and gzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

function gz(path: string): number {
    return gzipSync(readFileSync(path), { level: 9 }).length;
}

export function benchSize(): { ours: number; official: number } {
    const dist = new URL('../dist/', import.meta.url).pathname;
    const officialDist = new URL('../node_modules/pocketbase/dist/', import.meta.url).pathname;
    const ours = gz(join(dist, 'pocketbase.es.mjs'));
    const official = gz(join(officialDist, 'pocketbase.es.mjs'));
    console.log('\nBundle size (min+gzip, level 9)');
    console.log(`  pocketbase@0.7.4 dist/pocketbase.es.mjs        ${(official / 1024).toFixed(2)} KiB`);
    console.log(`  pocketbase-reactive dist/pocketbase.es.mjs     ${(ours / 1024).toFixed(2)} KiB   ×${(ours / official).toFixed(3)}`);
    for (const entry of ['rx.es.mjs', 'nano.es.mjs']) {
        const chunkNote = readdirSync(dist).includes(entry) ? `${(gz(join(dist, entry)) / 1024).toFixed(2)} KiB (+ shared core)` : 'missing';
        console.log(`  pocketbase-reactive dist/${entry.padEnd(20)} ${chunkNote}`);
    }
    return { ours, official };
}

// Size budgets per entry point: each public entry bundled as `npm run bench` measures it (esbuild,
// minified, gzip -9; bench/bundle.ts) must stay within its budget in bench/size-limits.json, so a
// size regression fails `npm test`. Bytes are deterministic; times are never asserted here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIZE_ENTRIES, bundleSize } from '../bench/bundle';

const budgets = JSON.parse(readFileSync(new URL('../bench/size-limits.json', import.meta.url), 'utf8')).limits as Record<string, number>;

describe('size budgets (min+gzip bytes, bench/size-limits.json)', () => {
    it('every measured entry has a budget and every budget a measured entry', () => {
        expect(Object.keys(budgets).sort()).toEqual(SIZE_ENTRIES.map((e) => e.name).sort());
    });

    for (const entry of SIZE_ENTRIES) {
        it(`${entry.name} ≤ ${budgets[entry.name]} B`, async () => {
            const { gzip } = await bundleSize(entry);
            const budget = budgets[entry.name]!;
            expect(gzip, `${entry.name}: ${gzip} B min+gzip, budget ${budget} B`).toBeLessThanOrEqual(budget);
        });
    }
});

// `npm run bench`: build, then every benchmark side by side. Ratios matter; absolute times are noise.
// Prints the tables and writes every row to bench/results.json (the README's table comes from it).
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchSize } from './size';
import { results } from './harness';
import { updateReadme } from './readme';

execSync('npm run build --silent', { stdio: 'inherit' });
// Imported once dist/ is built: the timing rows load the built package (bench/built.ts).
const { benchRequests } = await import('./requests');
const { benchRealtime } = await import('./realtime');
const { benchLiveList } = await import('./liveList');
const { benchCache } = await import('./cache');
const { benchTabs } = await import('./tabs');
await benchSize();
await benchRequests();
await benchRealtime();
await benchLiveList();
await benchCache();
await benchTabs();

// Four decimals are well below the noise of these machines.
const round = (value: number) => Math.round(value * 1e4) / 1e4;
const dirty = execSync('git status --porcelain -- src bench package.json ":(exclude)bench/results.json"', { encoding: 'utf8' }).trim() !== '';
const file = new URL('./results.json', import.meta.url);
writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}, ${cpus().length} CPUs`,
    commit: execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() + (dirty ? ' (with uncommitted changes)' : ''),
    note: 'timings: median ms per unit of work and its ratio to the named baseline row, measured side by side in this run (only ratios are meaningful); sizes: min+gzip -9 bytes',
    timings: results.timings.map((row) => ({ ...row, medianMs: round(row.medianMs), ratio: round(row.ratio), ...(row.ratioIqr ? { ratioIqr: row.ratioIqr.map(round) } : {}) })),
    sizes: results.sizes.map((row) => (row.ratio === undefined ? row : { ...row, ratio: round(row.ratio) })),
    counts: results.counts,
}, null, 2) + '\n');
console.log(`\nwrote ${file.pathname}`);
updateReadme();
console.log('README.md: size and performance tables written from it');

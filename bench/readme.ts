// Writes the README's size and performance tables from bench/results.json (between the
// `<!-- bench:start -->` and `<!-- bench:end -->` markers), so the README shows the last run.
// `npm run bench` calls it; `npx tsx bench/readme.ts` redoes it from the saved results.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CountRow, SizeRow, TimingRow } from './harness';

interface Results {
    date: string;
    node: string;
    platform: string;
    commit: string;
    timings: TimingRow[];
    sizes: SizeRow[];
    counts?: CountRow[];
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const ratio = (value: number | undefined) => (value === undefined ? '' : `×${value.toFixed(3)}`);
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Rows by their group, in first-seen order. */
function byGroup<T extends { group: string }>(rows: T[]): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const row of rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
    return groups;
}

export function benchTables(results: Results): string {
    const lines = [
        `One \`npm run bench\` run: ${results.date.slice(0, 10)}, ${results.platform}, Node ${results.node}, commit ${results.commit}.`,
        'Sizes are min+gzip -9 bytes. Times are medians; what counts is the ratio to the row named: where both ran in the',
        'same rounds, the median of their per-round ratios (a slow spell of the machine hits both) with its interquartile',
        'range; elsewhere the ratio of the medians.',
        '',
    ];
    for (const [group, rows] of byGroup(results.sizes)) {
        lines.push(`**${cell(group)}**`, '', '| bundle | bytes | ratio | budget |', '|---|---:|---:|---:|');
        for (const row of rows) lines.push(`| ${cell(row.name)} | ${row.bytes.toLocaleString('en')} | ${ratio(row.ratio)} | ${row.budget?.toLocaleString('en') ?? ''} |`);
        lines.push('');
    }
    for (const [group, rows] of byGroup(results.timings)) {
        lines.push(`**${cell(group)}**`, '', '| row | median ms | ratio | IQR of the ratio | vs |', '|---|---:|---:|---:|---|');
        for (const row of rows) {
            const requests = row.requests === undefined ? '' : ` (${row.requests} requests)`;
            const iqr = row.ratioIqr ? `${row.ratioIqr[0].toFixed(3)}–${row.ratioIqr[1].toFixed(3)}` : '';
            lines.push(`| ${cell(row.name)}${requests} | ${row.medianMs} | ${ratio(row.ratio)} | ${iqr} | ${cell(row.baseline)} |`);
        }
        lines.push('');
    }
    for (const [group, rows] of byGroup(results.counts ?? [])) {
        lines.push(`**${cell(group)}**`, '', '| row | count |', '|---|---:|');
        for (const row of rows) lines.push(`| ${cell(row.name)} | ${row.count.toLocaleString('en')} |`);
        lines.push('');
    }
    return lines.join('\n');
}

export function updateReadme(): void {
    const results = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as Results;
    const file = new URL('../README.md', import.meta.url);
    const readme = readFileSync(file, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start === -1 || end < start) throw new Error(`README.md has no ${START} ... ${END} section.`);
    writeFileSync(file, readme.slice(0, start + START.length) + '\n' + benchTables(results) + '\n' + readme.slice(end));
}

if (import.meta.url === `file://${process.argv[1]}`) {
    updateReadme();
    console.log('README.md: size and performance tables written from bench/results.json');
}

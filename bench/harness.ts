// Side-by-side timing: contenders run in interleaved rounds so machine noise hits them alike;
// results are medians, and only ratios are meaningful on these machines.

export interface Contender {
    name: string;
    /** One unit of work (e.g. one request); awaited. */
    run: () => Promise<unknown>;
}

export interface BenchResult {
    name: string;
    /** Median milliseconds per unit of work. */
    median: number;
    /** Milliseconds per unit of work in each round, in round order (the rows of one compare() align). */
    rounds?: number[];
}

export async function compare(contenders: Contender[], options: { rounds?: number; perRound?: number; warmup?: number; collectGarbage?: boolean } = {}): Promise<BenchResult[]> {
    const rounds = options.rounds ?? 15;
    const perRound = options.perRound ?? 50;
    const warmup = options.warmup ?? 100;
    for (const contender of contenders) {
        for (let i = 0; i < warmup; i++) await contender.run();
    }
    const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
    for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so no contender always runs first.
        const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
        for (const contender of order) {
            // With --expose-gc (npm run bench), collect before each timed segment so that a
            // collection owed to one contender is not charged to the next (for allocation-heavy
            // contenders of very different heap sizes, like the live-list fixtures).
            if (options.collectGarbage) (globalThis as { gc?: () => void }).gc?.();
            const start = performance.now();
            for (let i = 0; i < perRound; i++) await contender.run();
            samples.get(contender.name)!.push((performance.now() - start) / perRound);
        }
    }
    return contenders.map((c) => ({ name: c.name, median: median(samples.get(c.name)!), rounds: samples.get(c.name)! }));
}

export function median(values: number[]): number {
    return quantile(values, 0.5);
}

/** The q-quantile of `values` (linear interpolation between the closest ranks). */
export function quantile(values: number[], q: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (sorted.length - 1) * q;
    const low = Math.floor(at);
    return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}

/**
 * A row's ratio to its baseline: with rounds on both, the median of the per-round ratios and their
 * interquartile range. Both ran in the same round, so a slow spell of the machine divides out.
 */
function pairedRatio(row: BenchResult, base: BenchResult): { ratio: number; ratioIqr?: [number, number] } {
    const a = row.rounds;
    const b = base.rounds;
    if (!a || !b || a.length !== b.length || a.length === 0) return { ratio: row.median / base.median };
    const ratios = a.map((value, i) => value / b[i]!);
    return { ratio: median(ratios), ratioIqr: [quantile(ratios, 0.25), quantile(ratios, 0.75)] };
}

/** One timed row of bench/results.json. */
export interface TimingRow {
    /** The printed section's title. */
    group: string;
    name: string;
    /** Median milliseconds per unit of work (or the one measured time, see `samples`). */
    medianMs: number;
    /**
     * To the baseline row: the median of the per-round ratios where both were timed in the same
     * rounds (compare()), else medianMs / the baseline's medianMs.
     */
    ratio: number;
    /** The interquartile range of the per-round ratios, where there are rounds. */
    ratioIqr?: [number, number];
    baseline: string;
    samples?: number;
    /** Requests counted at the server, and what they must be, where the row counts them. */
    requests?: number;
    expectedRequests?: number;
}

/** One size row of bench/results.json. */
export interface SizeRow {
    group: string;
    name: string;
    /** min+gzip -9 bytes. */
    bytes: number;
    minifiedBytes?: number;
    ratio?: number;
    baseline?: string;
    /** The budget checked by `npm test` (bench/size-limits.json), where there is one. */
    budget?: number;
}

/** One counted row of bench/results.json (e.g. connections held at the server). */
export interface CountRow {
    group: string;
    name: string;
    count: number;
}

/** Everything this run measured; bench/index.ts writes it to bench/results.json. */
export const results: { timings: TimingRow[]; sizes: SizeRow[]; counts: CountRow[] } = { timings: [], sizes: [], counts: [] };

/** Prints results with each one's ratio to the baseline (the first row unless named), and records them. */
export function report(title: string, rows: BenchResult[], baseline = rows[0]!.name): void {
    const base = rows.find((r) => r.name === baseline)!;
    console.log(`\n${title}`);
    for (const r of rows) {
        const { ratio, ratioIqr } = pairedRatio(r, base);
        const iqr = ratioIqr && r !== base ? ` (IQR ${ratioIqr[0].toFixed(3)}–${ratioIqr[1].toFixed(3)})` : '';
        console.log(`  ${r.name.padEnd(34)} ${r.median.toFixed(4).padStart(10)} ms   ×${ratio.toFixed(3)}${iqr} vs ${baseline}`);
        results.timings.push({ group: title, name: r.name, medianMs: r.median, ratio, ...(ratioIqr && r !== base ? { ratioIqr } : {}), baseline });
    }
}

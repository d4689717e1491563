// The query cache against the emulator (in this process, on 127.0.0.1): a remount served from the
// cache (requests sent, time to data vs a first mount), and one write under 1,000 mounted atoms
// (re-fetches sent, time until all show it). Requests are counted at the server (the emulator's
// request log, which also logs aborted requests), never by patching fetch; each count covers a
// whole phase plus a settle time, so a request that would start late is counted too.
import type { QueryAtom } from '../src/stores/nano/index';
import { core, nano } from './built';
import { startEmulator, SEED_ADMIN } from '../test/emulator/index';
import { median, results } from './harness';

const { default: PocketBase, BaseAuthStore } = core;
const { clearCache, configureCache, listAtom } = nano;

class MemoryStore extends BaseAuthStore {}

const MOUNTS = 40;
const WRITES = 3;
const SETTLE_MS = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error('bench: timed out');
        await new Promise<void>((r) => setImmediate(r));
    }
}
/** Holds data and no request of its own is running. */
const ready = <T>($a: QueryAtom<T>) => $a.get().data !== undefined && !$a.get().loading && !$a.get().fetching;

interface Row { name: string; median: number; samples: number; baseline: string; baselineMedian: number; requests: number; expected: number }

export async function benchCache(): Promise<void> {
    const emu = await startEmulator({ seed: { posts: Array.from({ length: 30 }, (_, i) => ({ title: `post ${i}`, views: i })) } });
    const rows: Row[] = [];
    try {
        const requests = () => emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/collections/posts/records').length;

        // 1. MOUNTS distinct queries: each mounted until it holds data, then unmounted; then each
        //    remounted (within staleTime and gcTime) until it holds data, then unmounted.
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        configureCache(pb, { staleTime: 60_000, gcTime: 300_000 });
        const atoms = Array.from({ length: MOUNTS }, (_, i) => listAtom(pb, 'posts', { filter: `views >= ${i % 30}`, sort: '-views', perPage: 10 + i }));
        const timeToData = async ($posts: QueryAtom<unknown>): Promise<number> => {
            const start = performance.now();
            const stop = $posts.listen(() => {});
            await until(() => ready($posts));
            const elapsed = performance.now() - start;
            stop();
            await sleep(1);
            return elapsed;
        };
        let mark = requests();
        const first: number[] = [];
        for (const $posts of atoms) first.push(await timeToData($posts));
        await sleep(SETTLE_MS);
        const firstRequests = requests() - mark;
        mark = requests();
        const again: number[] = [];
        for (const $posts of atoms) again.push(await timeToData($posts));
        await sleep(SETTLE_MS);
        const remountRequests = requests() - mark;
        const firstName = `first mount (request + answer), ${MOUNTS} queries`;
        rows.push({ name: firstName, median: median(first), samples: MOUNTS, baseline: firstName, baselineMedian: median(first), requests: firstRequests, expected: MOUNTS });
        rows.push({ name: `remount from cache, ${MOUNTS} queries`, median: median(again), samples: MOUNTS, baseline: firstName, baselineMedian: median(first), requests: remountRequests, expected: 0 });
        clearCache(pb);

        // 2. 1,000 mounted atoms over K distinct keys, then one write through the same client
        //    (WRITES times, one after the other): the re-fetches it causes, and the time until
        //    every atom shows the new record.
        const writeRows: Row[] = [];
        for (const keys of [1000, 10]) {
            const client = new PocketBase(emu.url, 'en-US', new MemoryStore());
            await client.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
            const mounted = Array.from({ length: 1000 }, (_, i) => listAtom(client, 'posts', { sort: '-created', perPage: 1 + (i % keys) }));
            const stops = mounted.map(($a) => $a.listen(() => {}));
            await until(() => mounted.every(ready), 30_000);
            await sleep(SETTLE_MS);
            const times: number[] = [];
            const counts: number[] = [];
            for (let w = 0; w < WRITES; w++) {
                mark = requests();
                const start = performance.now();
                const created = await client.records.create('posts', { title: `write ${keys}/${w}`, views: 1 });
                await until(() => mounted.every(($a) => ready($a) && ($a.get().data as { items: Array<{ id: string }> }).items[0]?.id === created.id), 30_000);
                times.push(performance.now() - start);
                await sleep(SETTLE_MS);
                counts.push(requests() - mark);
            }
            stops.forEach((stop) => stop());
            clearCache(client);
            // Every write must cause exactly K re-fetches; report the worst write's count.
            const worst = counts.reduce((a, b) => (Math.abs(b - keys) > Math.abs(a - keys) ? b : a));
            writeRows.push({ name: `1,000 atoms / ${keys.toLocaleString('en')} keys: one write until all show it`, median: median(times), samples: WRITES, baseline: '', baselineMedian: 0, requests: worst, expected: keys });
        }
        // Ratio: the cost of a write under K = 1,000 keys relative to K = 10.
        const base = writeRows[writeRows.length - 1]!;
        for (const row of writeRows) rows.push({ ...row, baseline: base.name, baselineMedian: base.median });
    } finally {
        await emu.close();
    }

    const group = 'Query cache (emulator on 127.0.0.1 in this process; requests counted at the server)';
    console.log(`\n${group}`);
    for (const row of rows) {
        const ratio = row.median / row.baselineMedian;
        const check = row.requests === row.expected ? 'ok' : `EXPECTED ${row.expected}`;
        console.log(`  ${row.name.padEnd(52)} ${row.median.toFixed(3).padStart(10)} ms (median of ${row.samples})   ×${ratio.toFixed(3)} vs ${row.baseline}   requests: ${row.requests} (${check})`);
        results.timings.push({ group, name: row.name, medianMs: row.median, ratio, baseline: row.baseline, samples: row.samples, requests: row.requests, expectedRequests: row.expected });
    }
}

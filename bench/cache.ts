// The query cache: a remount served from the cache (requests sent, time to data vs a first
// mount), and one write under 1,000 mounted atoms (re-fetches sent, time until all show it).
// Requests are counted at the server (the emulator's request log), never by patching fetch.
import PocketBase, { BaseAuthStore } from '../src/index';
import { configureCache, listAtom, type QueryAtom } from '../src/stores/nano/index';
import { startEmulator, SEED_ADMIN } from '../test/emulator/index';
import { median } from './harness';

class MemoryStore extends BaseAuthStore {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error('bench: timed out');
        await new Promise<void>((r) => setImmediate(r));
    }
}
const ready = <T>($a: QueryAtom<T>) => !$a.get().loading && !$a.get().fetching;

export interface CacheBenchRow { name: string; median: number; ratio?: number; count?: number }

export async function benchCache(): Promise<CacheBenchRow[]> {
    const emu = await startEmulator({ seed: { posts: Array.from({ length: 30 }, (_, i) => ({ title: `post ${i}`, views: i })) } });
    const rows: CacheBenchRow[] = [];
    try {
        const requests = () => emu.requestLog.filter((e) => e.method === 'GET' && e.path === '/api/collections/posts/records').length;

        // 1. First mount vs remount within staleTime, N distinct queries.
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        configureCache(pb, { staleTime: 60_000 });
        const first: number[] = [];
        const again: number[] = [];
        let remountRequests = 0;
        for (let i = 0; i < 40; i++) {
            const $posts = listAtom(pb, 'posts', { filter: `views >= ${i % 30}`, sort: '-views', perPage: 10 + i });
            let start = performance.now();
            let stop = $posts.listen(() => {});
            await until(() => ready($posts));
            first.push(performance.now() - start);
            stop();
            await sleep(1);
            const before = requests();
            start = performance.now();
            stop = $posts.listen(() => {});
            await until(() => ready($posts));
            again.push(performance.now() - start);
            await sleep(1);
            remountRequests += requests() - before;
            stop();
        }
        const firstMedian = median(first);
        rows.push({ name: 'first mount (request + answer)', median: firstMedian, ratio: 1 });
        rows.push({ name: 'remount from cache', median: median(again), ratio: median(again) / firstMedian, count: remountRequests });

        // 2. 1,000 mounted atoms over K distinct keys, then one write through the same client.
        for (const keys of [1000, 10]) {
            const client = new PocketBase(emu.url, 'en-US', new MemoryStore());
            await client.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
            const atoms = Array.from({ length: 1000 }, (_, i) => listAtom(client, 'posts', { sort: '-created', perPage: 1 + (i % keys) }));
            const stops = atoms.map(($a) => $a.listen(() => {}));
            await until(() => atoms.every(ready), 30_000);
            const before = requests();
            const start = performance.now();
            const created = await client.records.create('posts', { title: `write ${keys}`, views: 1 });
            await until(() => atoms.every(($a) => ready($a) && $a.get().data?.items[0]?.id === created.id), 30_000);
            const elapsed = performance.now() - start;
            rows.push({ name: `1,000 atoms / ${keys} keys: one write until all show it`, median: elapsed, count: requests() - before });
            stops.forEach((stop) => stop());
        }
    } finally {
        await emu.close();
    }

    console.log('\nquery cache (requests counted at the server)');
    for (const row of rows) {
        const ratio = row.ratio === undefined ? '' : `   ×${row.ratio.toFixed(3)} vs first mount`;
        const count = row.count === undefined ? '' : `   requests: ${row.count}`;
        console.log(`  ${row.name.padEnd(48)} ${row.median.toFixed(3).padStart(10)} ms${ratio}${count}`);
    }
    return rows;
}

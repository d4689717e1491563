// The cost of one live-list delta at 100 vs 10,000 vs 100,000 items (and the heap each loaded item
// costs at 100,000), through the public `liveList`: a
// realtime frame goes through the realtime engine, the live store and its reducer to the next
// emitted value. The SSE connection and the HTTP calls are scripted in memory (no network), so
// what is timed is the SDK's own work per event.
import { core, rx } from './built';
import { fakeEventSourceClass } from '../test/realtime/fakes';
import { compare, report, results, type BenchResult } from './harness';

const { default: PocketBase, BaseAuthStore } = core;
const { clearCache, liveList } = rx;

class MemoryStore extends BaseAuthStore {}

const stamp = (n: number) => `2022-10-01 ${String(Math.floor(n / 3600000) % 24).padStart(2, '0')}:${String(Math.floor(n / 60000) % 60).padStart(2, '0')}:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}`;
const post = (i: number, views: number, updated: number) => ({
    id: `rec${String(i).padStart(12, '0')}`, created: stamp(i), updated: stamp(updated),
    '@collectionId': 'abcdefghijklmno', '@collectionName': 'posts', title: `Post ${i}`, views,
});

interface Fixture { name: string; delta: () => Promise<void>; close: () => void; heapPerItem: number }

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => {
    gc();
    return process.memoryUsage().heapUsed;
};

async function fixture(size: number): Promise<Fixture> {
    const { EventSource, open } = fakeEventSourceClass();
    // Even view counts in the list (so already sorted by views); deltas use odd ones, so no insert
    // ever lands on a tie.
    const rows = Array.from({ length: size }, (_, i) => post(i, i * 2, 0));
    const before = heap(); // the server's rows are not the SDK's cost
    const fetchImpl = async (input: string, init?: RequestInit): Promise<Response> => {
        const url = new URL(input);
        if (init?.method === 'POST' && url.pathname === '/api/realtime') return new Response(null, { status: 204 });
        const page = Number(url.searchParams.get('page') ?? 1);
        const perPage = Number(url.searchParams.get('perPage') ?? 30);
        const items = rows.slice((page - 1) * perPage, page * perPage);
        return Response.json({ page, perPage, totalItems: rows.length, totalPages: Math.ceil(rows.length / perPage), items });
    };
    const pb = new PocketBase('http://bench.invalid', 'en-US', new MemoryStore(), { EventSource, fetch: fetchImpl });

    let notify: (() => void) | null = null;
    let ready: () => void = () => {};
    const loaded = new Promise<void>((resolve) => { ready = resolve; });
    const subscription = liveList(pb, 'posts', { sort: 'views' }).subscribe((value) => {
        if (!value.loading && !value.stale && value.totalItems === size) ready();
        notify?.();
    });
    // Connect once the realtime engine has opened its (fake) EventSource.
    while (open().length === 0) await new Promise((r) => setTimeout(r, 1));
    open()[0]!.connect('benchclient');
    await loaded;
    const heapPerItem = (heap() - before) / size;

    let tick = 1;
    const source = open()[0]!;
    const next = () => new Promise<void>((resolve) => { notify = () => { notify = null; resolve(); }; });
    return {
        name: `one delta at ${size.toLocaleString('en')} items`,
        heapPerItem,
        // A create at a random position, then its delete: two deltas, the list keeps its size.
        async delta() {
            const record = post(size + 1, 2 * Math.floor(Math.random() * size) + 1, tick++);
            let emitted = next();
            source.frame('posts', JSON.stringify({ action: 'create', record }));
            await emitted;
            emitted = next();
            source.frame('posts', JSON.stringify({ action: 'delete', record }));
            await emitted;
        },
        // Unsubscribed, the entry would wait out gcTime (5 min) and keep the process alive.
        close: () => { subscription.unsubscribe(); clearCache(pb); },
    };
}

export async function benchLiveList(): Promise<BenchResult[]> {
    const fixtures = [await fixture(100), await fixture(10_000), await fixture(100_000)];
    try {
        const timings = await compare(fixtures.map((f) => ({ name: f.name, run: f.delta })), { rounds: 31, perRound: 500, warmup: 3000, collectGarbage: true });
        // Each run is two deltas.
        const perDelta = timings.map((r) => ({ ...r, median: r.median / 2, rounds: r.rounds?.map((ms) => ms / 2) }));
        report('Live list: one realtime delta (create or delete at a random sorted position), end to end without network', perDelta);
        const group = 'Live list: heap per loaded item (its Record of 7 fields plus the live list structures), with --expose-gc';
        const largest = fixtures[fixtures.length - 1]!;
        console.log(`\n${group}\n  at 100,000 items: ${Math.round(largest.heapPerItem)} bytes per item`);
        results.counts.push({ group, name: 'heap bytes per item at 100,000 items', count: Math.round(largest.heapPerItem) });
        return perDelta;
    } finally {
        for (const f of fixtures) f.close();
    }
}

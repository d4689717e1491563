// Request overhead: ours vs the official pocketbase@0.7.4 vs a raw fetch + JSON.parse, against a
// fixed-response server in another process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import PocketBaseOfficial from 'pocketbase';
import { core } from './built';
import { compare, report, type BenchResult } from './harness';

const { default: PocketBase, BaseAuthStore } = core;

class MemoryStore extends BaseAuthStore {}

export async function benchRequests(): Promise<BenchResult[]> {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./fixedServer.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const url = chunk.toString().trim();
    try {
        const ours = new PocketBase(url, 'en-US', new MemoryStore());
        const official = new PocketBaseOfficial(url);
        const listUrl = `${url}/api/collections/posts/records?page=1&perPage=30`;
        const results = await compare([
            { name: 'raw fetch + JSON.parse', run: async () => (await fetch(listUrl, { headers: { 'Accept-Language': 'en-US' } })).json() },
            { name: 'pocketbase-reactive getList', run: () => ours.records.getList('posts', 1, 30, { $autoCancel: false }) },
            { name: 'pocketbase@0.7.4 getList', run: () => official.records.getList('posts', 1, 30, { $autoCancel: false }) },
        ], { rounds: 151, perRound: 30, warmup: 300 });
        report('Request overhead (one getList of 30 records, sequential, keep-alive)', results);
        return results;
    } finally {
        child.kill('SIGTERM');
    }
}

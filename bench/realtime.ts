// Realtime delivery: time from the server writing N messages to a subscriber having received and
// parsed all of them — ours vs the official pocketbase@0.7.4 (with the eventsource package as its
// global EventSource, the polyfill its README asks for) vs the raw eventsource package + JSON.parse.
// A fourth row does the raw work plus what our callbacks get and the official SDK's do not: the
// record as a `Record` model; it shows how much of our cost is that model.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { EventSource } from 'eventsource';
import PocketBaseOfficial from 'pocketbase';
import { core } from './built';
import { compare, report, type BenchResult } from './harness';

const { default: PocketBase, BaseAuthStore, Record } = core;

class MemoryStore extends BaseAuthStore {}
const MESSAGES = 500;

interface Receiver {
    name: string;
    /** Resolves when `count` more messages have arrived. */
    next(count: number): Promise<void>;
    topic: string;
}

function counter(): { hit: () => void; next: (count: number) => Promise<void> } {
    let remaining = 0;
    let done: (() => void) | null = null;
    return {
        hit: () => { if (--remaining === 0) done?.(); },
        next: (count) => new Promise<void>((resolve) => { remaining = count; done = resolve; }),
    };
}

export async function benchRealtime(): Promise<BenchResult[]> {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./sseServer.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
    const url = chunk.toString().trim();
    const cleanups: Array<() => unknown> = [];
    try {
        const receivers: Receiver[] = [];

        // Raw: the eventsource package, a hand-written subscription POST, JSON.parse per message
        // (and, in the second row, the record turned into a Record as our callbacks receive it).
        // Each row has a listener function of its own: one closure shared by both rows would see
        // both shapes and be optimised for neither, slowing the baseline.
        const rawRows: Array<{ topic: string; name: string; listener: (hit: () => void) => (event: Event) => void }> = [
            {
                topic: 'raw',
                name: 'raw eventsource + JSON.parse',
                listener: (hit) => (event) => {
                    JSON.parse((event as MessageEvent).data as string);
                    hit();
                },
            },
            {
                topic: 'rawmodel',
                name: 'raw + JSON.parse + new Record',
                listener: (hit) => (event) => {
                    const message = JSON.parse((event as MessageEvent).data as string);
                    message.record = new Record(message.record);
                    hit();
                },
            },
        ];
        for (const { topic, name, listener } of rawRows) {
            const c = counter();
            const es = new EventSource(`${url}/api/realtime`);
            const [event] = (await once(es, 'PB_CONNECT' as never)) as [MessageEvent];
            const clientId = JSON.parse(event.data as string).clientId as string;
            es.addEventListener(topic, listener(c.hit));
            await fetch(`${url}/api/realtime`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ clientId, subscriptions: [topic] }) });
            cleanups.push(() => es.close());
            receivers.push({ name, next: c.next, topic });
        }
        // Ours: Node, no polyfill (the package is loaded by the SDK).
        {
            const c = counter();
            const pb = new PocketBase(url, 'en-US', new MemoryStore());
            await pb.realtime.subscribe('ours', c.hit);
            cleanups.push(() => pb.realtime.unsubscribe());
            receivers.push({ name: 'pocketbase-reactive subscribe', next: c.next, topic: 'ours' });
        }
        // Official 0.7.4: needs a global EventSource in Node.
        {
            const c = counter();
            (globalThis as { EventSource?: unknown }).EventSource = EventSource;
            const pb = new PocketBaseOfficial(url);
            await pb.realtime.subscribe('official', c.hit);
            // Its subscribe resolves before the topic list is sent; wait for the POST to land.
            await new Promise((r) => setTimeout(r, 200));
            delete (globalThis as { EventSource?: unknown }).EventSource;
            cleanups.push(() => pb.realtime.unsubscribe());
            receivers.push({ name: 'pocketbase@0.7.4 subscribe', next: c.next, topic: 'official' });
        }

        const results = await compare(receivers.map((r) => ({
            name: r.name,
            run: async () => {
                const arrived = r.next(MESSAGES);
                await fetch(`${url}/fire?n=${MESSAGES}&topic=${r.topic}`, { method: 'POST' });
                await arrived;
            },
        })), { rounds: 150, perRound: 2, warmup: 40 });
        report(`Realtime delivery (${MESSAGES} messages written at once, until all are parsed; per batch)`, results);
        return results;
    } finally {
        for (const cleanup of cleanups) await cleanup();
        child.kill('SIGTERM');
    }
}

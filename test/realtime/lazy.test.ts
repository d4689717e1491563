import { beforeEach, describe, expect, it, vi } from 'vitest';
import { build, type Rollup } from 'vite';
import { fileURLToPath } from 'node:url';
import type { ConnectionState, RealtimeError } from '../../src/index';
import { fakeEventSourceClass, fakeRealtimeFetch, manualTimers, settle } from './fakes';

// `Realtime` is a small facade; the engine (connection, topic POSTs, delivery) is a module of its
// own that the facade imports on the first subscription. The mock below only watches that import
// (and can hold it back or make it fail); it hands out the real engine.
const engineImport = { count: 0, loaded: false, gate: null as Promise<void> | null, failure: null as Error | null };

/** A fresh copy of the package (so the engine is not loaded yet) and a client on fakes. */
async function setup() {
    vi.resetModules();
    vi.doMock('../../src/realtime/engine', async (importOriginal) => {
        engineImport.count++;
        if (engineImport.gate) await engineImport.gate;
        if (engineImport.failure) throw engineImport.failure;
        const engine = await importOriginal();
        engineImport.loaded = true;
        return engine;
    });
    const { default: PocketBase, ClientResponseError } = await import('../../src/index');
    const sources = fakeEventSourceClass();
    const server = fakeRealtimeFetch();
    const timers = manualTimers();
    const pb = new PocketBase('http://pb.test', 'en-US', null, { fetch: server.fetch, EventSource: sources.EventSource, realtime: { timers } });
    const states: ConnectionState[] = [];
    pb.realtime.onStateChange((state) => states.push(state));
    const errors: RealtimeError[] = [];
    pb.realtime.onError((error) => errors.push(error));
    return { pb, ClientResponseError, sources, server, timers, states, errors };
}

/** Waits until `check()` holds (the first real import of the engine takes a transform). */
async function until(check: () => boolean): Promise<void> {
    for (let waited = 0; !check(); waited += 5) {
        if (waited > 5000) throw new Error('timed out');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/** Holds the engine import until `release()`. */
function holdEngine(): { release: () => void } {
    let release = (): void => {};
    engineImport.gate = new Promise((resolve) => { release = resolve; });
    return { release };
}

beforeEach(() => {
    engineImport.count = 0;
    engineImport.loaded = false;
    engineImport.gate = null;
    engineImport.failure = null;
});

describe('lazy engine', () => {
    it('a client that never subscribes never imports the engine; its synchronous members work', async () => {
        const { pb, states } = await setup();
        const stopReconnect = pb.realtime.onReconnect(() => {});
        expect(pb.realtime.state).toBe('closed');
        expect(pb.realtime.clientId).toBe('');
        expect(pb.realtime.topics).toEqual([]);
        expect(pb.realtime.subscriberCount).toBe(0);
        expect(pb.realtime.resourceCount).toBe(0);
        await pb.realtime.unsubscribe();
        await pb.realtime.unsubscribe('posts');
        stopReconnect();
        await settle();
        expect(engineImport.count).toBe(0);
        expect(states).toEqual([]);
    });

    it('the first listen imports it once; meanwhile the listener counts and the state is connecting', async () => {
        const { pb, sources, server, states } = await setup();
        const gate = holdEngine();
        const active: string[] = [];
        pb.realtime.listen('posts', () => {}, { onActive: () => active.push('posts') });
        pb.realtime.listen('posts/r1', () => {}, { onActive: () => active.push('posts/r1') });
        expect(pb.realtime.subscriberCount).toBe(2);
        await settle();
        expect(engineImport.count).toBe(1);
        expect(pb.realtime.state).toBe('connecting');
        expect(states).toEqual(['connecting']);
        expect(sources.instances).toHaveLength(0);
        gate.release();
        await until(() => sources.instances.length > 0);
        // The engine took over the waiting registrations: one connection, one POST with both topics.
        expect(sources.instances).toHaveLength(1);
        sources.instances[0]!.connect('client1');
        await settle();
        expect(server.posts).toEqual([{ clientId: 'client1', subscriptions: ['posts', 'posts/r1'], authorization: '' }]);
        expect(active).toEqual(['posts', 'posts/r1']);
        expect(states).toEqual(['connecting', 'connected']);
        expect(pb.realtime.subscriberCount).toBe(2);
        await pb.realtime.unsubscribe();
        expect(pb.realtime.resourceCount).toBe(0);
        expect(engineImport.count).toBe(1);
    });

    it('a listen removed before the engine arrives leaves nothing behind and opens nothing', async () => {
        const { pb, sources, server, states } = await setup();
        const sameTick = pb.realtime.listen('posts', () => {});
        sameTick();
        await settle();
        expect(engineImport.count).toBe(0);
        expect(states).toEqual([]);

        const gate = holdEngine();
        const stop = pb.realtime.listen('posts', () => {});
        const pending = pb.realtime.subscribe('categories', () => {});
        await settle();
        expect(states).toEqual(['connecting']);
        stop();
        await pb.realtime.unsubscribe('categories');
        await expect(pending).resolves.toBeTypeOf('function');
        await settle();
        expect(states).toEqual(['connecting', 'closed']);
        gate.release();
        await until(() => engineImport.loaded);
        await settle();
        expect(engineImport.count).toBe(1);
        expect(sources.instances).toHaveLength(0);
        expect(server.posts).toHaveLength(0);
        expect(pb.realtime.subscriberCount).toBe(0);
        expect(pb.realtime.resourceCount).toBe(0);
        expect(pb.realtime.state).toBe('closed');
    });

    it('an engine that cannot be loaded rejects the pending subscriptions with a ClientResponseError; the next one tries again', async () => {
        const { pb, ClientResponseError, sources, states, errors } = await setup();
        engineImport.failure = new Error('chunk load failed');
        let listenError: unknown = null;
        pb.realtime.listen('posts', () => {}, { onError: (error) => { listenError = error; } });
        const subscribed = pb.realtime.subscribe('categories', () => {});
        const failure = await subscribed.catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ClientResponseError);
        expect((failure as InstanceType<typeof ClientResponseError>).url).toBe('http://pb.test/api/realtime');
        expect(listenError).toBe(failure);
        await settle();
        expect(states).toEqual(['connecting', 'closed']);
        expect(errors.map((error) => error.kind)).toEqual(['connection']);
        expect(pb.realtime.subscriberCount).toBe(0);
        expect(pb.realtime.resourceCount).toBe(0);

        engineImport.failure = null;
        const later = pb.realtime.subscribe('posts', () => {});
        await until(() => sources.instances.length > 0);
        expect(engineImport.count).toBe(2);
        expect(sources.instances).toHaveLength(1);
        sources.instances[0]!.connect('client1');
        await expect(later).resolves.toBeTypeOf('function');
    });
});

describe('ES build', () => {
    it('keeps the engine out of the main entry and its static imports, behind a dynamic import', async () => {
        const root = fileURLToPath(new URL('../..', import.meta.url));
        const output = (await build({
            root,
            configFile: false,
            logLevel: 'silent',
            build: {
                write: false,
                minify: false,
                lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'pocketbase' },
                rollupOptions: { external: (id) => /^(rxjs|nanostores|eventsource)(\/|$)/.test(id) },
            },
        })) as Rollup.RollupOutput[];
        const chunks = output[0]!.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const entry = chunks.find((chunk) => chunk.isEntry)!;
        const staticModules = new Set<string>();
        const visit = (chunk: Rollup.OutputChunk): void => {
            for (const id of Object.keys(chunk.modules)) staticModules.add(id.replace(/\\/g, '/'));
            for (const name of chunk.imports) visit(byName.get(name)!);
        };
        visit(entry);
        const engineChunk = chunks.find((chunk) => Object.keys(chunk.modules).some((id) => id.endsWith('src/realtime/engine.ts')))!;
        expect(entry.dynamicImports).toContain(engineChunk.fileName);
        for (const heavy of ['engine', 'connection', 'submitter', 'topics', 'frames', 'identity', 'backoff', 'eventSource']) {
            expect([...staticModules].some((id) => id.endsWith(`src/realtime/${heavy}.ts`)), heavy).toBe(false);
        }
        expect([...staticModules].some((id) => id.endsWith('src/realtime/Realtime.ts'))).toBe(true);
    }, 30_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observable } from 'rxjs';
import type { ReadableAtom } from 'nanostores';
import PocketBase from '../../../src/index';
import { connectionState, events, liveList, liveQueryStats, liveRecord } from '../../../src/stores/rx/index';
import { connectionStateAtom, eventsAtom, liveListAtom, liveRecordAtom } from '../../../src/stores/nano/index';
import { runningLiveValues } from '../../../src/stores/live/index';
import type { Emulator } from '../../emulator/index';
import { setup, waitFor, type Post } from './helpers';

let emu: Emulator;
let writer: PocketBase;
let postId: string;

beforeAll(async () => {
    ({ emu, writer } = await setup([{ title: 'a', views: 1 }, { title: 'b', views: 2 }]));
    postId = (await writer.records.getFullList('posts'))[0]!.id;
});
afterAll(async () => {
    await emu.close();
});

/**
 * A client whose state/reconnect listener registrations are counted: the realtime API has no
 * count for them, so the test wraps the two methods on this instance.
 */
function countedClient(options: { slowRecords?: boolean } = {}): { pb: PocketBase; listeners: () => number } {
    // Optionally hold record GETs for 30 ms, so a test can leave while one is in flight.
    const slowFetch: typeof fetch = async (input, init) => {
        if (String(input).includes('/records') && (init?.method ?? 'GET') === 'GET') await new Promise((r) => setTimeout(r, 30));
        return fetch(input, init);
    };
    const pb = new PocketBase(emu.url, 'en-US', null, options.slowRecords ? { fetch: slowFetch } : {});
    let count = 0;
    for (const method of ['onStateChange', 'onReconnect'] as const) {
        const original = pb.realtime[method].bind(pb.realtime) as (cb: never) => () => void;
        (pb.realtime as unknown as Record<string, unknown>)[method] = (cb: never) => {
            count++;
            const remove = original(cb);
            let removed = false;
            return () => {
                if (!removed) count--;
                removed = true;
                remove();
            };
        };
    }
    return { pb, listeners: () => count };
}

async function expectNothingLeft(pb: PocketBase, listeners: () => number): Promise<void> {
    // The realtime layer settles its topic list in a microtask and closes the connection after.
    await waitFor(() => pb.realtime.resourceCount === 0 && pb.realtime.topics.length === 0);
    expect(pb.realtime.subscriberCount).toBe(0);
    expect(pb.realtime.state).toBe('closed');
    expect(listeners()).toBe(0);
    expect(pb.authStore.listenerCount).toBe(0);
    expect(pb.pendingRequestCount).toBe(0);
    expect(liveQueryStats()).toEqual({ sources: 0, inFlight: 0 });
    expect(runningLiveValues(pb)).toBe(0);
    await waitFor(() => emu.connections() === 0);
}

const CYCLES = 10_000;

describe('10,000 subscribe/unsubscribe cycles leave nothing behind', () => {
    it('rx: events, connectionState, liveList, liveRecord', async () => {
        const { pb, listeners } = countedClient();
        const streams: Array<Observable<unknown>> = [
            events(pb, 'posts'),
            connectionState(pb),
            liveList<Post>(pb, 'posts', { sort: '-views' }),
            liveList<Post>(pb, 'posts', { page: 1, perPage: 1 }),
            liveRecord<Post>(pb, 'posts', postId),
        ];
        for (let i = 0; i < CYCLES; i++) {
            const subs = streams.map((s) => s.subscribe());
            // Every few hundred cycles, let the work really start (connection, topic POST, fetch) before leaving.
            if (i % 500 === 0) await waitFor(() => pb.realtime.topics.length === 2);
            else if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
            for (const sub of subs) sub.unsubscribe();
        }
        await expectNothingLeft(pb, listeners);
    }, 60_000);

    it('nano: eventsAtom, connectionStateAtom, liveListAtom, liveRecordAtom', async () => {
        const { pb, listeners } = countedClient();
        const atoms: Array<ReadableAtom<unknown>> = [
            eventsAtom(pb, 'posts'),
            connectionStateAtom(pb),
            liveListAtom<Post>(pb, 'posts', { sort: '-views' }),
            liveRecordAtom<Post>(pb, 'posts', postId),
        ];
        for (let i = 0; i < CYCLES; i++) {
            const stops = atoms.map(($a) => $a.listen(() => undefined));
            // toAtom starts its source a microtask after the first listener: give it that.
            await Promise.resolve();
            if (i % 500 === 0) await waitFor(() => pb.realtime.topics.length === 2);
            for (const stop of stops) stop();
            // ...and stops it a microtask after the last one left (a same-tick remount keeps it).
            await Promise.resolve();
        }
        await expectNothingLeft(pb, listeners);
    }, 60_000);

    it('unsubscribing while a fetch is in flight aborts it and drops its AbortController at once', async () => {
        const { pb, listeners } = countedClient({ slowRecords: true });
        for (let i = 0; i < 20; i++) {
            const sub = liveList<Post>(pb, 'posts', { filter: `views >= ${i}` }).subscribe();
            await waitFor(() => liveQueryStats().inFlight === 1);
            sub.unsubscribe();
            expect(liveQueryStats().inFlight).toBe(0);
        }
        await expectNothingLeft(pb, listeners);
    });
});

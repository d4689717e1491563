// 10,000 mount/unmount cycles of infinite lists (rx and nano), some of them leaving with a
// loadMore() in flight or in distinct keys cycled with gcTime 0: nothing is left behind — no
// topic, listener, request, AbortController, running live value or cache entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase from '../../../src/index';
import { infiniteList, liveQueryStats, type InfiniteListValue } from '../../../src/stores/rx/index';
import { infiniteListAtom, queryStats } from '../../../src/stores/nano/index';
import { runningLiveValues } from '../../../src/stores/live/index';
import type { Emulator } from '../../emulator/index';
import { setup, waitFor, type Post } from './helpers';

let emu: Emulator;

beforeAll(async () => {
    ({ emu } = await setup(Array.from({ length: 5 }, (_, i) => ({ title: `p${i}`, views: i }))));
});
afterAll(async () => {
    await emu.close();
});

const CYCLES = 10_000;

async function expectNothingLeft(pb: PocketBase): Promise<void> {
    await waitFor(() => pb.realtime.resourceCount === 0 && pb.realtime.topics.length === 0);
    expect(pb.realtime.subscriberCount).toBe(0);
    expect(pb.realtime.state).toBe('closed');
    expect(pb.authStore.listenerCount).toBe(0);
    expect(pb.pendingRequestCount).toBe(0);
    expect(liveQueryStats()).toEqual({ sources: 0, inFlight: 0 });
    expect(runningLiveValues(pb)).toBe(0);
    expect(queryStats(pb)).toMatchObject({ mounted: 0, listeners: 0, inFlight: 0, identityWatchers: 0 });
    await waitFor(() => emu.connections() === 0);
}

describe('infinite lists: 10,000 subscribe/unsubscribe cycles leave nothing behind', () => {
    it('rx: infiniteList, leaving now and then with a loadMore() running', async () => {
        const pb = new PocketBase(emu.url);
        const stream = infiniteList<Post>(pb, 'posts', { sort: '-views', perPage: 1 });
        for (let i = 0; i < CYCLES; i++) {
            let last: InfiniteListValue<Post> | undefined;
            const sub = stream.subscribe((v) => { last = v; });
            if (i % 1000 === 0) {
                // Really start (connection, topic, fetch), then leave during a load.
                await waitFor(() => !!last && !last.loading && !last.fetching);
                void last!.loadMore();
            } else if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
            sub.unsubscribe();
        }
        await expectNothingLeft(pb);
        expect(queryStats(pb).entries).toBe(1);
    }, 60_000);

    it('nano: infiniteListAtom over distinct keys with gcTime 0 (no entry growth)', async () => {
        const pb = new PocketBase(emu.url);
        for (let i = 0; i < CYCLES; i++) {
            const $feed = infiniteListAtom<Post>(pb, 'posts', { sort: '-views', perPage: 1 + (i % 100) }, { gcTime: 0 });
            const stop = $feed.listen(() => undefined);
            await Promise.resolve(); // toAtom subscribes a microtask after the first listener
            if (i % 1000 === 0) {
                await waitFor(() => !$feed.get().loading && !$feed.get().fetching);
                void $feed.loadMore();
            }
            stop();
            await Promise.resolve(); // ...and unsubscribes a microtask after the last one left
        }
        await expectNothingLeft(pb);
        await waitFor(() => queryStats(pb).entries === 0);
    }, 60_000);
});

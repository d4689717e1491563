import { describe, expect, it } from 'vitest';
import { firstValueFrom, type Observable } from 'rxjs';
import PocketBase, { BaseAuthStore, type FetchFunction } from '../../../src/index';
import { fullList, list, one } from '../../../src/stores/rx/index';
import { fullListAtom, listAtom, oneAtom } from '../../../src/stores/nano/index';
import { queryStats } from '../../../src/stores/rx/index';

class MemoryStore extends BaseAuthStore {}
const CYCLES = 10_000;

/**
 * The platform's fetch, injected through the client's options: a request that never answers
 * until its signal aborts (or answers an empty page at once). It counts requests still open, so
 * an AbortController that was never aborted shows up.
 */
function platformFetch(answer: boolean) {
    const stats = { calls: 0, open: 0 };
    const fetch: FetchFunction = (_url, init) => {
        stats.calls++;
        if (answer) return Promise.resolve(new Response(JSON.stringify({ page: 1, perPage: 30, totalItems: 0, totalPages: 0, items: [], id: 'x' })));
        stats.open++;
        return new Promise<Response>((_resolve, reject) => {
            const signal = init?.signal;
            const abort = () => { stats.open--; reject(new DOMException('The operation was aborted.', 'AbortError')); };
            if (!signal) return;
            if (signal.aborted) abort();
            else signal.addEventListener('abort', abort, { once: true });
        });
    };
    return { stats, pb: new PocketBase('http://127.0.0.1:9', 'en-US', new MemoryStore(), { fetch }) };
}

describe('10,000 subscribe/unsubscribe cycles leave nothing behind', () => {
    it('rx list/fullList/one unsubscribed while in flight: every request aborted, no key kept', async () => {
        const { pb, stats } = platformFetch(false);
        const sources: Array<Observable<unknown>> = [list(pb, 'posts', { page: 2 }), fullList(pb, 'posts'), one(pb, 'posts', 'abc')];
        for (let i = 0; i < CYCLES; i++) {
            const sub = sources[i % 3]!.subscribe({ error: () => {} });
            sub.unsubscribe();
        }
        await new Promise((r) => setTimeout(r, 0));
        expect(stats.calls).toBe(CYCLES);
        expect(stats.open).toBe(0);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        expect(pb.pendingRequestCount).toBe(0);
    });

    it('rx queries that complete: nothing kept after each answer', async () => {
        const { pb, stats } = platformFetch(true);
        for (let i = 0; i < CYCLES; i++) await firstValueFrom(list(pb, 'posts'));
        expect(stats.calls).toBe(CYCLES);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
    });

    it('atoms listened and left across ticks: every request aborted; bare .get() sends nothing', async () => {
        const { pb, stats } = platformFetch(false);
        const atoms = [listAtom(pb, 'posts'), fullListAtom(pb, 'posts'), oneAtom(pb, 'posts', 'abc')];
        for (let i = 0; i < CYCLES; i++) {
            const $a = atoms[i % 3]!;
            const stop = $a.listen(() => {});
            await Promise.resolve();
            stop();
            await Promise.resolve();
            $a.get();
        }
        await new Promise((r) => setTimeout(r, 0));
        expect(stats.calls).toBe(CYCLES);
        expect(stats.open).toBe(0);
        expect(queryStats(pb)).toMatchObject({ inFlight: 0, mounted: 0, listeners: 0, identityWatchers: 0 });
        expect(atoms.map(($a) => $a.lc)).toEqual([0, 0, 0]);
    });
});

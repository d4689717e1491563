import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase from '../../../src/index';
import { liveList, type LiveListValue } from '../../../src/stores/rx/index';
import { fetchPastDeletes, Tombstones } from '../../../src/stores/live/tombstones';
import type { Emulator } from '../../emulator/index';
import { setup, waitFor, type Post } from './helpers';

describe('fetchPastDeletes', () => {
    it('repeats a fetch that still returns a record whose delete was just announced', async () => {
        const tombstones = new Tombstones();
        tombstones.note('delete', 'a');
        const answers = [['a', 'b'], ['a', 'b'], ['b']];
        let calls = 0;
        const result = await fetchPastDeletes(tombstones, new AbortController().signal, async () => answers[calls++]!, (ids) => ids);
        expect(result).toEqual(['b']);
        expect(calls).toBe(3);
    });

    it('gives up after a few tries (a delete that failed server-side stays visible), and forgets a re-created id', async () => {
        const tombstones = new Tombstones();
        tombstones.note('delete', 'a');
        let calls = 0;
        expect(await fetchPastDeletes(tombstones, new AbortController().signal, async () => { calls++; return ['a']; }, (ids) => ids)).toEqual(['a']);
        expect(calls).toBe(4);
        tombstones.note('update', 'a');
        expect(tombstones.holdsAny(['a'])).toBe(false);
    });

    it('stops waiting as soon as the signal aborts', async () => {
        const tombstones = new Tombstones();
        tombstones.note('delete', 'a');
        const controller = new AbortController();
        const pending = fetchPastDeletes(tombstones, controller.signal, async () => ['a'], (ids) => ids);
        await new Promise((r) => setTimeout(r, 5));
        controller.abort();
        await expect(pending).rejects.toBeDefined();
    });
});

describe('a re-fetch racing a delete (v0.7 announces deletes before the row is gone)', () => {
    let emu: Emulator;
    let writer: PocketBase;
    beforeEach(async () => {
        ({ emu, writer } = await setup([{ title: 'a', views: 1 }, { title: 'b', views: 2 }, { title: 'c', views: 3 }]));
    });
    afterEach(async () => {
        await emu.close();
    });

    it('does not resurrect the deleted record', async () => {
        // This client's next list request after `stale = true` gets the answer captured before the
        // delete — what a server that has not committed the delete yet would send.
        let captured: string | null = null;
        let replayOnce = false;
        const pb = new PocketBase(emu.url, 'en-US', null, {
            fetch: async (input, init) => {
                const response = await fetch(input, init);
                if (!String(input).includes('/records')) return response;
                const body = await response.text();
                if (replayOnce && captured) {
                    replayOnce = false;
                    return new Response(captured, { status: 200, headers: { 'Content-Type': 'application/json' } });
                }
                captured = body;
                return new Response(body, { status: response.status, headers: response.headers });
            },
        });
        const values: Array<LiveListValue<Post>> = [];
        // A page of 2: deleting from it needs a re-fetch (the next record moves in).
        const sub = liveList<Post>(pb, 'posts', { sort: 'views', page: 1, perPage: 2 }).subscribe((v) => values.push(v));
        await waitFor(() => !values.at(-1)!.loading && !values.at(-1)!.stale);
        const a = values.at(-1)!.items[0]!;
        replayOnce = true;
        await writer.records.delete('posts', a.id);
        await waitFor(() => !values.at(-1)!.loading && values.at(-1)!.items.every((p) => p.id !== a.id), 2000);
        expect(values.at(-1)!.items.map((p) => p.title)).toEqual(['b', 'c']);
        expect(values.at(-1)!.totalItems).toBe(2);
        sub.unsubscribe();
    });
});

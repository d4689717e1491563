import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase from '../../../src/index';
import { liveList, type LiveListValue } from '../../../src/stores/rx/index';
import { liveListAtom } from '../../../src/stores/nano/index';
import { runningLiveValues } from '../../../src/stores/live/index';
import type { Emulator } from '../../emulator/index';
import { recordRequests, setup, waitFor, type Post } from './helpers';

let emu: Emulator;
let writer: PocketBase;

beforeEach(async () => {
    ({ emu, writer } = await setup([{ title: 'a', views: 1 }, { title: 'b', views: 2 }]));
});
afterEach(async () => {
    await emu.close();
});

describe('sharing between rx and nano', () => {
    it('identical live lists share one topic listener and one fetch; a late subscriber gets the current value at once', async () => {
        const pb = new PocketBase(emu.url);
        const query = { sort: '-views', filter: 'views > 0' };
        const before = recordRequests(emu);
        const first: Array<LiveListValue<Post>> = [];
        const a = liveList<Post>(pb, 'posts', query).subscribe((v) => first.push(v));
        // Same query, keys in another order: the same live value.
        const $posts = liveListAtom<Post>(pb, 'posts', { filter: 'views > 0', sort: '-views' });
        const unlisten = $posts.listen(() => undefined);
        await waitFor(() => !first.at(-1)!.loading && $posts.get().items.length === 2);
        expect(runningLiveValues(pb)).toBe(1);
        expect(pb.realtime.subscriberCount).toBe(1);
        expect(recordRequests(emu) - before).toBe(1);

        let late: LiveListValue<Post> | undefined;
        const b = liveList<Post>(pb, 'posts', query).subscribe((v) => { late ??= v; });
        expect(late?.items.map((p) => p.title)).toEqual(['b', 'a']);

        await writer.records.create('posts', { title: 'c', views: 3 });
        await waitFor(() => $posts.get().items.length === 3);
        expect($posts.get().items.map((p) => p.title)).toEqual(['c', 'b', 'a']);
        expect(first.at(-1)!.items).toBe($posts.get().items); // one snapshot, shared

        a.unsubscribe();
        b.unsubscribe();
        unlisten();
        await waitFor(() => runningLiveValues(pb) === 0 && pb.realtime.subscriberCount === 0);
    });
});

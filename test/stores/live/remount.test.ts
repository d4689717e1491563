import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore } from '../../../src/index';
import { liveListAtom, liveRecordAtom } from '../../../src/stores/nano/index';
import type { Emulator } from '../../emulator/index';
import { setup, sleep, waitFor, type Post } from './helpers';

class MemoryStore extends BaseAuthStore {}

let emu: Emulator;
let writer: PocketBase;
beforeAll(async () => { ({ emu, writer } = await setup([{ title: 'a' }, { title: 'b' }])); });
afterAll(() => emu.close());

describe('live atoms remounted (a route change back to the page)', () => {
    it('keep the data they held while the new live value loads, instead of flashing empty', async () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        const $posts = liveListAtom<Post>(pb, 'posts', { sort: 'title' });
        let stop = $posts.subscribe(() => {});
        await waitFor(() => !$posts.get().loading && $posts.get().items.length === 2);
        stop();
        await sleep(50); // the live value stops after the tick

        const seen: string[] = [];
        stop = $posts.subscribe((value) => seen.push(`${value.items.map((p) => p.title).join('')}/${value.loading}`));
        await waitFor(() => seen.length > 1 && seen[seen.length - 1]!.endsWith('/false'));
        stop();
        expect(seen.every((entry) => entry.startsWith('ab/'))).toBe(true);
        expect(seen[seen.length - 1]).toBe('ab/false');
    });

    it('a record atom keeps its record too; and a change made while unmounted shows once loaded', async () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        const [first] = await writer.records.getFullList<Post>('posts', 100, { sort: 'title' });
        const $post = liveRecordAtom<Post>(pb, 'posts', first!.id);
        let stop = $post.subscribe(() => {});
        await waitFor(() => $post.get().record?.title === 'a' && !$post.get().loading);
        stop();
        await sleep(50);
        await writer.records.update('posts', first!.id, { title: 'a2' });

        const seen: Array<string | null> = [];
        stop = $post.subscribe((value) => seen.push(value.record ? `${value.record.title}/${value.loading}` : null));
        await waitFor(() => seen[seen.length - 1] === 'a2/false');
        stop();
        expect(seen).not.toContain(null);
        expect(seen[0]).toBe('a/false');
    });
});

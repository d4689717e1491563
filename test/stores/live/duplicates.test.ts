import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import PocketBase from '../../../src/index';
import { liveList, list } from '../../../src/stores/rx/index';
import { liveListAtom } from '../../../src/stores/nano/index';
import { startRecordingServer, type RecordedRequest } from '../../support/recordingServer';
import { waitFor } from './helpers';

// A server may return an id twice in one page (records inserted while a full list is paged):
// list values never repeat an id, so framework keys stay unique.

type Server = Awaited<ReturnType<typeof startRecordingServer>>;
let server: Server | undefined;
afterEach(() => server?.close());

const record = (id: string, title: string) => ({ id, title, created: '2022-10-01 10:00:00.000', updated: '2022-10-01 10:00:00.000', '@collectionId': 'c1', '@collectionName': 'posts' });

function respond(req: RecordedRequest) {
    if (req.path === '/api/realtime') return { status: 404, body: { code: 404, message: 'no realtime here', data: {} } };
    const page = Number(req.query.get('page'));
    const items = page === 1 ? [record('a', 'A'), record('b', 'B'), record('a', 'A'), record('c', 'C')] : [];
    return { body: { page, perPage: Number(req.query.get('perPage')), totalItems: 4, totalPages: 1, items } };
}

describe('duplicate ids from the server', () => {
    it('liveList (full list and one page) shows each id once', async () => {
        server = await startRecordingServer(respond);
        const pb = new PocketBase(server.url, 'en-US', null, { realtime: { backoff: { initialDelay: 60_000 } } });
        for (const query of [{}, { page: 1, perPage: 4 }]) {
            const value = await firstValueFrom(liveList(pb, 'posts', query).pipe(filter((v) => !v.loading)));
            expect(value.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
        }
    });

    it('liveListAtom and the one-shot list show each id once', async () => {
        server = await startRecordingServer(respond);
        const pb = new PocketBase(server.url, 'en-US', null, { realtime: { backoff: { initialDelay: 60_000 } } });
        const atom = liveListAtom(pb, 'posts');
        const stop = atom.listen(() => {});
        await waitFor(() => !atom.get().loading);
        expect(atom.get().items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
        stop();
        const page = await firstValueFrom(list(pb, 'posts', { page: 1, perPage: 4 }));
        expect(page.items.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    });
});

import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import PocketBase from '../../src/index';
import { fullList } from '../../src/stores/rx/index';
import { startRecordingServer, type RecordedRequest } from '../support/recordingServer';

type Server = Awaited<ReturnType<typeof startRecordingServer>>;
let server: Server | undefined;
afterEach(() => server?.close());

const item = (id: string) => ({ id, '@collectionId': 'c1', '@collectionName': 'posts' });
const page = (req: RecordedRequest, ids: string[], totalItems: number, totalPages: number) => ({
    body: { page: Number(req.query.get('page')), perPage: Number(req.query.get('perPage')), totalItems, totalPages, items: ids.map(item) },
});

// Both full-list paths: the imperative service and the reactive store.
const READERS: Array<[string, (pb: PocketBase) => Promise<Array<{ id: string }>>]> = [
    ['records.getFullList', (pb) => pb.records.getFullList('posts', 2)],
    ['rx fullList', (pb) => firstValueFrom(fullList(pb, 'posts', { batch: 2 }))],
];

describe.each(READERS)('%s against a lying server', (_name, read) => {
    it('stops when a page brings no new id (the same full page forever, totalItems huge)', async () => {
        server = await startRecordingServer((req) => page(req, ['a', 'b'], 1_000_000, 500_000));
        const items = await read(new PocketBase(server.url));
        expect(items.map((r) => r.id)).toEqual(['a', 'b']);
        expect(server.requests).toHaveLength(2);
    });

    it('stops after the page count the first answer announced', async () => {
        let n = 0;
        server = await startRecordingServer((req) => page(req, [`r${n++}`, `r${n++}`], 1_000_000, 3));
        const items = await read(new PocketBase(server.url));
        expect(items).toHaveLength(6);
        expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    });

    it('keeps each id once when an insert shifts a record onto the next page', async () => {
        const pages: { [page: string]: string[] } = { 1: ['a', 'b'], 2: ['b', 'c'], 3: ['d'] };
        server = await startRecordingServer((req) => page(req, pages[req.query.get('page') ?? ''] ?? [], 5, 3));
        const items = await read(new PocketBase(server.url));
        expect(items.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { ClientResponseError, Record } from '../../src/index';
import { startEmulator, SEED_ADMIN, type Emulator } from '../emulator/index';
import { startRecordingServer } from '../support/recordingServer';

// `.` and `..` are resolved by URL parsers (also as %2E%2E): `records.delete('posts', '..')`
// must never reach `DELETE /api/collections/posts`.
const BAD = ['', '.', '..', undefined, null, 42] as unknown as string[];

type Call = [name: string, (pb: PocketBase, bad: string) => Promise<unknown>];
const CALLS: Call[] = [
    ['records.getOne id', (pb, bad) => pb.records.getOne('posts', bad)],
    ['records.update id', (pb, bad) => pb.records.update('posts', bad, { title: 'x' })],
    ['records.delete id', (pb, bad) => pb.records.delete('posts', bad)],
    ['records.getList collection', (pb, bad) => pb.records.getList(bad)],
    ['records.getFullList collection', (pb, bad) => pb.records.getFullList(bad)],
    ['records.getOne collection', (pb, bad) => pb.records.getOne(bad, 'abc')],
    ['records.create collection', (pb, bad) => pb.records.create(bad, { title: 'x' })],
    ['records.update collection', (pb, bad) => pb.records.update(bad, 'abc', {})],
    ['records.delete collection', (pb, bad) => pb.records.delete(bad, 'abc')],
    ['collections.getOne', (pb, bad) => pb.collections.getOne(bad)],
    ['collections.update', (pb, bad) => pb.collections.update(bad, {})],
    ['collections.delete', (pb, bad) => pb.collections.delete(bad)],
    ['admins.getOne', (pb, bad) => pb.admins.getOne(bad)],
    ['admins.update', (pb, bad) => pb.admins.update(bad, {})],
    ['admins.delete', (pb, bad) => pb.admins.delete(bad)],
    ['users.getOne', (pb, bad) => pb.users.getOne(bad)],
    ['users.update', (pb, bad) => pb.users.update(bad, {})],
    ['users.delete', (pb, bad) => pb.users.delete(bad)],
    ['users.listExternalAuths', (pb, bad) => pb.users.listExternalAuths(bad)],
    ['users.unlinkExternalAuth user', (pb, bad) => pb.users.unlinkExternalAuth(bad, 'google')],
    ['users.unlinkExternalAuth provider', (pb, bad) => pb.users.unlinkExternalAuth('abc', bad)],
    ['logs.getRequest', (pb, bad) => pb.logs.getRequest(bad)],
];

describe('path segments', () => {
    let server: Awaited<ReturnType<typeof startRecordingServer>>;
    beforeAll(async () => { server = await startRecordingServer(); });
    afterAll(() => server.close());

    it.each(CALLS)('%s rejects an empty, ".", ".." or non-string value and sends nothing', async (_name, call) => {
        const pb = new PocketBase(server.url);
        for (const bad of BAD) {
            const promise = call(pb, bad);
            await expect(promise).rejects.toBeInstanceOf(ClientResponseError);
            const err = await promise.catch((e: ClientResponseError) => e);
            expect(err).toMatchObject({ status: 0, isAbort: false });
            expect((err as ClientResponseError).message).toMatch(/^Invalid (id|collection|user id|provider): .* cannot be used as a URL path segment\.$/);
        }
        expect(server.requests).toEqual([]);
    });

    it('still encodes ordinary values, dots inside a value included', async () => {
        const pb = new PocketBase(server.url);
        await pb.records.getOne('my posts', 'a.b/..');
        expect(server.last().path).toBe('/api/collections/my%20posts/records/a.b%2F..');
        server.requests.length = 0;
    });

    it('getFileUrl gives "" for a file name or record that cannot form the URL (nothing to load)', () => {
        const pb = new PocketBase('http://127.0.0.1:8090');
        const record = new Record({ id: 'r1', '@collectionId': 'c1' });
        expect(pb.records.getFileUrl(record, 'a b.png', { thumb: '100x100' })).toBe('http://127.0.0.1:8090/api/files/c1/r1/a%20b.png?thumb=100x100');
        for (const name of ['', '.', '..']) expect(pb.records.getFileUrl(record, name)).toBe('');
        expect(pb.records.getFileUrl(new Record({ id: 'r1' }), 'a.png')).toBe('');
    });
});

describe('path segments against the emulator', () => {
    let emu: Emulator;
    beforeAll(async () => { emu = await startEmulator(); });
    afterAll(() => emu.close());

    it("an admin's records.delete('posts', '..') leaves the collection in place", async () => {
        const pb = new PocketBase(emu.url);
        await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        const before = emu.requestLog.length;
        await expect(pb.records.delete('posts', '..')).rejects.toMatchObject({ status: 0 });
        await expect(pb.collections.delete('..')).rejects.toMatchObject({ status: 0 });
        expect(emu.requestLog.length).toBe(before);
        expect((await pb.collections.getOne('posts')).name).toBe('posts');
    });
});

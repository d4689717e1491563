import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, ClientResponseError, Collection } from '../../src/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../emulator/index';

class MemoryStore extends BaseAuthStore {}

let emulator: Emulator;
let admin: PocketBase;
let user: PocketBase;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    admin = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    user = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
    await user.users.authViaEmail(SEED_USER.email, SEED_USER.password);
});
afterAll(() => emulator.close());

describe('file upload and download', () => {
    it('uploads with FormData, then downloads through getFileUrl', async () => {
        const form = new FormData();
        form.append('title', 'with files');
        form.append('attachments', new Blob(['hello file'], { type: 'text/plain' }), 'hello.txt');
        form.append('attachments', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'application/octet-stream' }), 'bytes.bin');
        const post = await user.records.create<{ attachments: string[] }>('posts', form);
        expect(post.attachments).toHaveLength(2);

        const url = user.records.getFileUrl(post, post.attachments[0]!);
        expect(url.startsWith(`${emulator.url}/api/files/${post['@collectionId']}/${post.id}/`)).toBe(true);
        const text = await fetch(url);
        expect(text.status).toBe(200);
        expect(await text.text()).toBe('hello file');
        const bytes = new Uint8Array(await (await fetch(user.records.getFileUrl(post, post.attachments[1]!))).arrayBuffer());
        expect([...bytes]).toEqual([0, 1, 2, 255]);

        // Replacing the files by update keeps the record consistent.
        const update = new FormData();
        update.append('attachments', new Blob(['second'], { type: 'text/plain' }), 'second.txt');
        const updated = await user.records.update<{ attachments: string[] }>('posts', post.id, update);
        expect(updated.attachments.length).toBeGreaterThanOrEqual(1);
        expect(await (await fetch(user.records.getFileUrl(updated, updated.attachments[updated.attachments.length - 1]!))).text()).toBe('second');
    });

    it('a missing file is a 404', async () => {
        const res = await fetch(`${emulator.url}/api/files/posts/nope/nope.txt`);
        expect(res.status).toBe(404);
    });
});

describe('collections (admin)', () => {
    it('create, list, view, update, delete, and the duplicate-name error', async () => {
        const created = await admin.collections.create({
            name: 'notes',
            schema: [{ name: 'text', type: 'text', required: true, options: { min: null, max: 20, pattern: '' } }],
            listRule: '', viewRule: '', createRule: '', updateRule: null, deleteRule: null,
        });
        expect(created).toBeInstanceOf(Collection);
        expect(created.schema[0]!.name).toBe('text');

        const dup = await admin.collections.create({ name: 'notes', schema: [] }).catch((e: unknown) => e) as ClientResponseError;
        expect(dup.status).toBe(400);
        expect((dup.data.data as { name: { code: string } }).name.code).toBe('validation_collection_name_exists');

        expect((await admin.collections.getFullList()).map((c) => c.name)).toContain('notes');
        const updated = await admin.collections.update('notes', { updateRule: '' });
        expect(updated.updateRule).toBe('');
        const guest = new PocketBase(emulator.url, 'en-US', new MemoryStore());
        const note = await guest.records.create('notes', { text: 'hi' });
        expect((await guest.records.update('notes', note.id, { text: 'yo' })).text).toBe('yo');
        expect((await guest.records.delete('notes', note.id).catch((e: ClientResponseError) => e) as ClientResponseError).status).toBe(403);

        expect(await admin.collections.delete('notes')).toBe(true);
        expect((await admin.collections.getOne('notes').catch((e: ClientResponseError) => e) as ClientResponseError).status).toBe(404);
    });

    it('import creates and updates collections', async () => {
        const existing = await admin.collections.getFullList();
        const imported = [...existing, { name: 'imported', schema: [{ name: 'n', type: 'number' }], listRule: '' } as unknown as Collection];
        expect(await admin.collections.import(imported, false)).toBe(true);
        expect((await admin.collections.getOne('imported')).schema[0]!.type).toBe('number');
    });

    it('a user cannot manage collections', async () => {
        expect((await user.collections.getList().catch((e: ClientResponseError) => e) as ClientResponseError).status).toBe(401);
    });
});

describe('logs and settings (admin)', () => {
    it('logs list, view and stats', async () => {
        const list = await admin.logs.getRequestsList(1, 5, { sort: '-created' });
        expect(list.items.length).toBeGreaterThan(0);
        const one = await admin.logs.getRequest(list.items[0]!.id);
        expect(one.url).toBe(list.items[0]!.url);
        const stats = await admin.logs.getRequestsStats();
        expect(stats.reduce((sum, s) => sum + s.total, 0)).toBeGreaterThan(0);
    });

    it('settings get/update, testS3 fails while S3 is off, testEmail lands in the mailbox', async () => {
        const settings = await admin.settings.getAll();
        expect(settings).toHaveProperty('meta');
        const updated = await admin.settings.update({ meta: { appName: 'Renamed' } });
        expect((updated.meta as { appName: string }).appName).toBe('Renamed');
        const s3 = await admin.settings.testS3().catch((e: unknown) => e) as ClientResponseError;
        expect(s3).toBeInstanceOf(ClientResponseError);
        expect(s3.status).toBe(400);
        const before = emulator.mailbox.length;
        expect(await admin.settings.testEmail('test@example.com', 'verification')).toBe(true);
        expect(emulator.mailbox.length).toBe(before + 1);
    });
});

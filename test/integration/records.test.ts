import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, ClientResponseError, ListResult, Record } from '../../src/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../emulator/index';

class MemoryStore extends BaseAuthStore {}
interface Post { title: string; body: string; published: boolean; views: number; tags: string[] }

let emulator: Emulator;
let user: PocketBase;
let guest: PocketBase;
let admin: PocketBase;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    user = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    guest = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    admin = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    await user.users.authViaEmail(SEED_USER.email, SEED_USER.password);
    await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
    for (let i = 1; i <= 7; i++) {
        await user.records.create('posts', { title: `post ${i}`, published: i % 2 === 1, views: i * 10, tags: i % 3 === 0 ? ['a', 'b'] : ['c'] });
    }
});
afterAll(() => emulator.close());

describe('records through the SDK against the emulator', () => {
    it('lists with paging, filter and sort, typed', async () => {
        const page = await guest.records.getList<Post>('posts', 2, 3, { sort: '-views' });
        expect(page).toBeInstanceOf(ListResult);
        expect([page.page, page.perPage, page.totalItems, page.totalPages]).toEqual([2, 3, 7, 3]);
        expect(page.items.map((p) => p.title)).toEqual(['post 4', 'post 3', 'post 2']);
        expect(page.items[0]).toBeInstanceOf(Record);
        expect(page.items[0]!['@collectionName']).toBe('posts');

        const published = await guest.records.getFullList<Post>('posts', 2, { filter: 'published = true && views >= 30', sort: 'title' });
        expect(published.map((p) => p.title)).toEqual(['post 3', 'post 5', 'post 7']);

        const like = await guest.records.getFullList<Post>('posts', 100, { filter: 'title ~ "POST 1"' });
        expect(like.map((p) => p.title)).toEqual(['post 1']);
    });

    it('getFullList pages through everything with the batch size', async () => {
        const all = await guest.records.getFullList('posts', 2);
        expect(all).toHaveLength(7);
        expect(new Set(all.map((r) => r.id)).size).toBe(7);
    });

    it('creates, reads, updates and deletes', async () => {
        const created = await user.records.create<Post>('posts', { title: 'crud', views: 1 });
        expect(created.title).toBe('crud');
        expect(created.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z?$/);
        const updated = await user.records.update<Post>('posts', created.id, { views: 2 });
        expect(updated.views).toBe(2);
        expect((await guest.records.getOne<Post>('posts', created.id)).views).toBe(2);
        expect(await user.records.delete('posts', created.id)).toBe(true);
        const err = await guest.records.getOne('posts', created.id).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ClientResponseError);
        expect((err as ClientResponseError).status).toBe(404);
        expect((err as ClientResponseError).message).toBe("The requested resource wasn't found.");
    });

    it('fetch, edit, save: a fetched Record model is a valid update body', async () => {
        const created = await user.records.create<Post>('posts', { title: 'before' });
        const fetched = await user.records.getOne<Post>('posts', created.id);
        fetched.title = 'after';
        expect((await user.records.update<Post>('posts', fetched.id, fetched)).title).toBe('after');
    });

    it('enforces rules: a guest cannot create (the rule needs a user)', async () => {
        const err = await guest.records.create('posts', { title: 'nope' }).catch((e: unknown) => e) as ClientResponseError;
        expect(err).toBeInstanceOf(ClientResponseError);
        expect(err.status).toBe(400);
        expect(err.message).toBe('Failed to create record.');
    });

    it('validation errors carry the field codes', async () => {
        const err = await user.records.create('posts', { title: '' }).catch((e: unknown) => e) as ClientResponseError;
        expect(err.status).toBe(400);
        expect((err.data.data as { title: { code: string } }).title.code).toBe('validation_required');
    });

    it('an invalid filter is a 400 with the server message', async () => {
        const err = await guest.records.getList('posts', 1, 10, { filter: 'nope = 1' }).catch((e: unknown) => e) as ClientResponseError;
        expect(err.status).toBe(400);
        expect(err.message).toBe('Invalid filter parameters.');
    });

    it('an unknown collection is a 404', async () => {
        const err = await guest.records.getList('missing').catch((e: unknown) => e) as ClientResponseError;
        expect(err.status).toBe(404);
    });

    it('expands relations', async () => {
        const profile = user.authStore.model && 'profile' in user.authStore.model ? user.authStore.model.profile : null;
        expect(profile).not.toBeNull();
        const post = await user.records.create('posts', { title: 'with author', author: profile!.id });
        const fetched = await user.records.getOne('posts', post.id, { expand: 'author' });
        expect((fetched['@expand'].author as { id: string }).id).toBe(profile!.id);
    });

    it('auto-cancellation: of five identical pending calls only the last resolves', async () => {
        const results = await Promise.allSettled(Array.from({ length: 5 }, () => guest.records.getFullList('posts', 1, { sort: 'views' })));
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'fulfilled']);
        expect(results.slice(0, 4).every((r) => ((r as PromiseRejectedResult).reason as ClientResponseError).isAbort)).toBe(true);
        expect(guest.pendingRequestCount).toBe(0);
    });

    it('admins see everything; the admin header is used', async () => {
        const list = await admin.records.getList('posts', 1, 1);
        expect(list.totalItems).toBeGreaterThanOrEqual(7);
        expect(admin.authStore.isAdmin).toBe(true);
    });
});

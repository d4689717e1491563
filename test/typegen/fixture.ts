// An emulator with one collection per field shape, built through the SDK as an admin.
import PocketBase, { BaseAuthStore } from '../../src/index';
import { startEmulator, type Emulator } from '../emulator/index';

class MemoryStore extends BaseAuthStore {}

export const ADMIN = { email: 'admin@example.com', password: 'password123' };
export const USER = { email: 'user@example.com', password: 'password123' };

/** A client that keeps its auth in memory. */
export const client = (url: string): PocketBase => new PocketBase(url, 'en-US', new MemoryStore());

/** An empty emulator (no seed) with an admin, a user, and the collections of `expected/pb-types.ts`. */
export async function startTypegenEmulator(): Promise<Emulator> {
    const emulator = await startEmulator({ port: 0, seed: false });
    const pb = client(emulator.url);
    await pb.admins.create({ email: ADMIN.email, password: ADMIN.password, passwordConfirm: ADMIN.password });
    await pb.admins.authViaEmail(ADMIN.email, ADMIN.password);
    await pb.users.create({ email: USER.email, password: USER.password, passwordConfirm: USER.password });

    const categories = await pb.collections.create({
        name: 'categories',
        schema: [{ name: 'name', type: 'text', required: true, unique: true }],
        listRule: '', viewRule: '',
    });
    const posts = await pb.collections.create({
        name: 'posts',
        schema: [
            { name: 'title', type: 'text', required: true, options: { max: 200 } },
            { name: 'body', type: 'text' },
            { name: 'views', type: 'number' },
            { name: 'published', type: 'bool' },
            { name: 'contact', type: 'email' },
            { name: 'website', type: 'url' },
            { name: 'publishedAt', type: 'date' },
            { name: 'status', type: 'select', options: { maxSelect: 1, values: ['draft', 'published'] } },
            { name: 'kind', type: 'select', required: true, options: { maxSelect: 1, values: ['news', "editor's pick"] } },
            { name: 'tags', type: 'select', options: { maxSelect: 3, values: ['a', 'b', 'c'] } },
            { name: 'meta', type: 'json' },
            { name: 'cover', type: 'file', options: { maxSelect: 1, maxSize: 5242880 } },
            { name: 'attachments', type: 'file', options: { maxSelect: 5, maxSize: 5242880 } },
            { name: 'category', type: 'relation', required: true, options: { maxSelect: 1, collectionId: categories.id } },
            { name: 'owner', type: 'user', options: { maxSelect: 1 } },
            { name: 'editors', type: 'user', options: { maxSelect: 3 } },
            { name: '#notes', type: 'text' },
            { name: '2fa', type: 'bool' },
        ],
        listRule: '', viewRule: '', createRule: '', updateRule: '',
    });
    // A relation to its own collection (after creation: it needs the id) and a multi relation.
    await pb.collections.update(posts.id, {
        schema: [...posts.schema, { name: 'related', type: 'relation', options: { maxSelect: 10, collectionId: posts.id } }],
    });
    await pb.collections.create({
        name: 'post_comments',
        schema: [
            { name: 'post', type: 'relation', required: true, options: { maxSelect: 1, collectionId: posts.id, cascadeDelete: true } },
            { name: 'text', type: 'text', required: true },
            { name: 'mentions', type: 'relation', options: { maxSelect: 5, collectionId: posts.id } },
        ],
        listRule: '', viewRule: '', createRule: '',
    });
    return emulator;
}

// pb.filter against the emulator over real HTTP: every bound value matches exactly the records
// holding it, through the same query string a PocketBase v0.7 server gets.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, ClientResponseError, type FilterParams } from '../../src/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../emulator/index';

class MemoryStore extends BaseAuthStore {}
interface Post { title: string; body: string; published: boolean; views: number; tags: string[]; created: string }

let emulator: Emulator;
let pb: PocketBase;
let admin: PocketBase;

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    pb = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    admin = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
    await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
});
afterAll(() => emulator.close());

/** The ids of the posts matching `expr` bound to `params` (at most 400). */
async function matching(expr: string, params: FilterParams, collection = 'posts'): Promise<string[]> {
    const page = await pb.records.getList(collection, 1, 400, { filter: pb.filter(expr, params), $autoCancel: false });
    return page.items.map((r) => r.id).sort();
}

describe('pb.filter against the emulator', () => {
    it('finds exactly the posts titled with any nasty string, at group depth 0 to 2', async () => {
        const byTitle = new Map<string, string[]>();
        const nasty = fc.constantFrom(..."'\"\\()\n\t{:t}%_&|= a😀".split(/(?:)/u));
        const title = fc.oneof(
            fc.string({ unit: nasty, minLength: 1, maxLength: 16 }),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
        ).filter((t) => !t.endsWith('\\') && !t.includes('\0'));
        const templates = [
            'title = {:t}',
            "(body = 'never' || title = {:t})",
            "(id != '' && (title = {:t} || (body = {:t} && body = 'x')))",
        ];
        await fc.assert(
            fc.asyncProperty(title, fc.constantFrom(...templates), async (t, template) => {
                if (!byTitle.has(t)) {
                    const created = await pb.records.create('posts', { title: t, body: 'nasty' });
                    byTitle.set(t, [created.id]);
                }
                expect(await matching(template, { t })).toEqual(byTitle.get(t));
            }),
            { numRuns: 50 },
        );
    });

    it('refuses a title v0.7 cannot match before sending anything', async () => {
        const before = emulator.requestLog.length;
        expect(() => pb.filter('title = {:t}', { t: 'ends with \\' })).toThrow(ClientResponseError);
        expect(emulator.requestLog.length).toBe(before);
    });

    it('numbers (negative ones too), booleans and null against the number, bool and text fields', async () => {
        const values = [-1e21, -2.5, -1, -0.30000000000000004, -0.1, 0, 0.1, 1, 2.5, 1e21];
        const ids = new Map<number, string>();
        for (const [i, views] of values.entries()) {
            const body = i % 3 === 0 ? '' : 'numbers';
            ids.set(views, (await pb.records.create<Post>('posts', { title: `n${i}`, body, views, published: i % 2 === 0 })).id);
        }
        const expect$ = (keep: (v: number) => boolean): string[] => values.filter(keep).map((v) => ids.get(v) as string).sort();
        const ops: [string, (a: number, b: number) => boolean][] = [
            ['=', (a, b) => a === b], ['!=', (a, b) => a !== b], ['<', (a, b) => a < b],
            ['<=', (a, b) => a <= b], ['>', (a, b) => a > b], ['>=', (a, b) => a >= b],
        ];
        const ours = async (filter: string, params: FilterParams): Promise<string[]> =>
            (await matching(filter, params)).filter((id) => [...ids.values()].includes(id));
        const checks = [...values, -3, -1.5e-7].flatMap((n) => ops.flatMap(([op, test]) => [
            [`views ${op} {:n}`, n, expect$((v) => test(v, n))] as const,
            [`({:n} ${op} views)`, n, expect$((v) => test(n, v))] as const,
        ]));
        const results = await Promise.all(checks.map(([filter, n]) => ours(filter, { n })));
        checks.forEach(([filter, n, expected], k) => expect(results[k], `${filter} with ${n}`).toEqual(expected));
        const published = values.filter((_, i) => i % 2 === 0);
        expect(await ours('published = {:p}', { p: true })).toEqual(expect$((v) => published.includes(v)));
        expect(await ours('published = {:p}', { p: false })).toEqual(expect$((v) => !published.includes(v)));
        const empty = values.filter((_, i) => i % 3 === 0);
        expect(await ours('body = {:b}', { b: null })).toEqual(expect$((v) => empty.includes(v)));
        expect(await ours('body != {:b}', { b: null })).toEqual(expect$((v) => !empty.includes(v)));
    });

    it('dates match the stored created/updated text; arrays match multi-value fields', async () => {
        const post = await pb.records.create<Post>('posts', { title: 'dated', tags: ['a', 'c'] });
        const created = new Date(post.created.replace(' ', 'T') + 'Z');
        expect(await matching('created = {:d} && title = {:t}', { d: created, t: 'dated' })).toEqual([post.id]);
        expect(await matching('created > {:d} && title = {:t}', { d: created, t: 'dated' })).toEqual([]);
        expect(await matching('created >= {:d} && id = {:id}', { d: new Date(created.getTime() - 1), id: post.id })).toEqual([post.id]);
        expect(await matching('tags = {:tags} && title = {:t}', { tags: ['a', 'c'], t: 'dated' })).toEqual([post.id]);
        expect(await matching('tags = {:tags} && title = {:t}', { tags: ['c', 'a'], t: 'dated' })).toEqual([]);
    });

    it('objects and arrays match a json field', async () => {
        await admin.collections.create({
            name: 'docs',
            schema: [{ name: 'meta', type: 'json' }, { name: 'label', type: 'text' }],
            listRule: '', viewRule: '', createRule: '',
        });
        const metas = [{ a: 1, b: "it's \"x\" \\ (y)" }, [1, 'two', { c: null }], { nested: { k: [true, false] } }];
        const ids = [];
        for (const meta of metas) ids.push((await pb.records.create('docs', { meta })).id);
        for (const [i, meta] of metas.entries()) {
            expect(await matching('meta = {:m}', { m: meta }, 'docs')).toEqual([ids[i]]);
            expect(await matching('(label = {:l} && meta = {:m})', { m: meta, l: '' }, 'docs')).toEqual([ids[i]]);
        }
    });
});

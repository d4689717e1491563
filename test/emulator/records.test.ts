import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, newUserAuth, record, userAuth } from './support.ts';

let emu: Emulator;
let admin: string;
let user: { header: string; id: string; profileId: string };

beforeAll(async () => {
  emu = await startEmulator();
  admin = await adminAuth(emu);
  user = await userAuth(emu);
});
afterAll(() => emu.close());

const posts = '/api/collections/posts/records';

async function createPost(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await call(emu, 'POST', posts, { body: values, auth: user.header });
  expect(res.status).toBe(200);
  return record(res.body);
}

describe('records CRUD', () => {
  it('creates a record and returns it flat with sorted keys', async () => {
    const res = await call(emu, 'POST', posts, { body: { title: 'Hello', views: '3', tags: ['a', 'b', 'a'], published: 1 }, auth: user.header });
    expect(res.status).toBe(200);
    const body = record(res.body);
    expect(Object.keys(body)).toEqual([
      '@collectionId', '@collectionName', 'attachments', 'author', 'body', 'category', 'created', 'id',
      'published', 'tags', 'title', 'updated', 'views',
    ]);
    expect(body).toMatchObject({ '@collectionName': 'posts', title: 'Hello', views: 3, tags: ['a', 'b'], published: true, body: '', author: '', attachments: [] });
    expect(body.id).toMatch(/^[a-z0-9]{15}$/);
    expect(body.created).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(res.text.endsWith('}\n')).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('views, updates and deletes', async () => {
    const created = await createPost({ title: 'Temp' });
    const view = await call(emu, 'GET', `${posts}/${String(created.id)}`);
    expect(view.status).toBe(200);
    expect(record(view.body).title).toBe('Temp');
    const updated = await call(emu, 'PATCH', `${posts}/${String(created.id)}`, { body: { title: 'Changed' }, auth: user.header });
    expect(updated.status).toBe(200);
    expect(record(updated.body)).toMatchObject({ id: created.id, title: 'Changed', created: created.created });
    const deleted = await call(emu, 'DELETE', `${posts}/${String(created.id)}`, { auth: user.header });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await call(emu, 'GET', `${posts}/${String(created.id)}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: 404, message: "The requested resource wasn't found.", data: {} });
  });

  it('accepts a custom 15 character id and rejects a malformed one', async () => {
    const ok = await call(emu, 'POST', posts, { body: { id: 'customid1234567', title: 'x' }, auth: admin });
    expect(record(ok.body).id).toBe('customid1234567');
    const bad = await call(emu, 'POST', posts, { body: { id: 'short', title: 'x' }, auth: admin });
    expect(bad.status).toBe(400);
    expect(record(bad.body).data).toEqual({ id: { code: 'validation_length_invalid', message: 'The length must be exactly 15.' } });
  });

  it('404s for an unknown collection', async () => {
    const res = await call(emu, 'GET', '/api/collections/nope/records');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404, message: "The requested resource wasn't found.", data: {} });
  });
});

describe('validation', () => {
  it('reports field errors with v0.7 codes (user request: wrapped by the create-rule dry run)', async () => {
    const res = await call(emu, 'POST', posts, { body: { body: 'no title', tags: ['x'] }, auth: user.header });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 400,
      message: 'Failed to create record.',
      data: {
        title: { code: 'validation_required', message: 'Missing required value.' },
        tags: { code: 'validation_invalid_value', message: 'Invalid value x.' },
      },
    });
  });

  it('returns the bare form error for admins', async () => {
    const res = await call(emu, 'POST', posts, { body: { title: 't', tags: ['a', 'b', 'c', 'd'] }, auth: admin });
    expect(res.body).toEqual({
      code: 400,
      message: 'Something went wrong while processing your request.',
      data: { tags: { code: 'validation_too_many_values', message: 'Select no more than 3.' } },
    });
  });

  it('rejects relation ids that do not exist', async () => {
    const res = await call(emu, 'POST', posts, { body: { title: 't', category: 'missing' }, auth: admin });
    expect(record(record(res.body).data).category).toEqual({ code: 'validation_missing_rel_records', message: 'Failed to fetch all relation records with the provided ids.' });
  });

  it('rejects unsupported content types and malformed JSON', async () => {
    const plain = await call(emu, 'POST', posts, { body: 'title=x', auth: admin, headers: { 'Content-Type': 'text/plain' } });
    expect(plain.body).toEqual({ code: 400, message: 'Failed to load the submitted data due to invalid formatting.', data: {} });
    const broken = await call(emu, 'POST', posts, { body: '{"title":', auth: admin, headers: { 'Content-Type': 'application/json' } });
    expect(broken.body).toEqual({ code: 400, message: 'Failed to load the submitted data due to invalid formatting.', data: {} });
  });
});

describe('list params', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 5; i++) await createPost({ title: `P${i}`, views: i * 10, published: i % 2 === 1 });
  });
  const list = async (query: string, auth?: string) => call(emu, 'GET', `${posts}?${query}`, { auth });

  it('pages with perPage and clamps page to the last one', async () => {
    const all = record((await list('perPage=1')).body);
    const total = all.totalItems as number;
    expect(all).toMatchObject({ page: 1, perPage: 1, totalPages: total });
    const last = record((await list('perPage=2&page=999')).body);
    expect(last.page).toBe(Math.ceil(total / 2));
    expect(Object.keys(last)).toEqual(['page', 'perPage', 'totalItems', 'totalPages', 'items']);
  });

  it('defaults to 30 per page and caps at 400', async () => {
    expect(record((await list('')).body).perPage).toBe(30);
    expect(record((await list('perPage=1000')).body).perPage).toBe(400);
  });

  it('filters and sorts', async () => {
    const res = record((await list(`filter=${encodeURIComponent("views >= 30 && title ~ 'P'")}&sort=-views`)).body);
    expect((res.items as Array<{ title: string }>).map((i) => i.title)).toEqual(['P5', 'P4', 'P3']);
    const pub = record((await list(`filter=${encodeURIComponent("published = true && title ~ 'P'")}&sort=title`)).body);
    expect((pub.items as Array<{ title: string }>).map((i) => i.title)).toEqual(['P1', 'P3', 'P5']);
  });

  it('answers 400 for unknown fields, bad syntax and non-integer paging', async () => {
    for (const query of ['filter=nope%3D1', 'filter=title%20%3D', 'sort=nope', 'page=abc', 'filter=%zz', 'page=1;perPage=2']) {
      expect((await list(query)).body).toEqual({ code: 400, message: 'Invalid filter parameters.', data: {} });
    }
  });

  it('forbids @request/@collection in filters for non-admins', async () => {
    const res = await list(`filter=${encodeURIComponent('@request.user.id != ""')}`, user.header);
    expect(res.body).toEqual({ code: 403, message: 'Only admins can filter by @collection and @request query params.', data: {} });
    expect((await list(`filter=${encodeURIComponent('@request.method = "GET"')}`, admin)).status).toBe(200);
  });
});

describe('rules', () => {
  let notes: string;
  let other: { header: string; id: string; profileId: string };
  beforeAll(async () => {
    other = await newUserAuth(emu, 'other@example.com');
    const res = await call(emu, 'POST', '/api/collections', {
      auth: admin,
      body: {
        name: 'notes',
        schema: [
          { name: 'text', type: 'text' },
          { name: 'owner', type: 'user', options: { maxSelect: 1 } },
        ],
        listRule: 'owner = @request.user.id',
        viewRule: 'owner = @request.user.id',
        createRule: '@request.data.owner = @request.user.id',
        updateRule: null,
        deleteRule: null,
      },
    });
    expect(res.status).toBe(200);
    notes = '/api/collections/notes/records';
    await call(emu, 'POST', notes, { auth: user.header, body: { text: 'mine', owner: user.id } });
    await call(emu, 'POST', notes, { auth: other.header, body: { text: 'theirs', owner: other.id } });
  });

  it('lists only what the list rule allows (empty list, not an error)', async () => {
    const mine = record((await call(emu, 'GET', notes, { auth: user.header })).body);
    expect((mine.items as Array<{ text: string }>).map((i) => i.text)).toEqual(['mine']);
    const guest = record((await call(emu, 'GET', notes)).body);
    expect(guest.totalItems).toBe(0);
    const all = record((await call(emu, 'GET', notes, { auth: admin })).body);
    expect(all.totalItems).toBe(2);
  });

  it('hides records failing the view rule as 404', async () => {
    const theirs = record((await call(emu, 'GET', notes, { auth: other.header })).body).items as Array<{ id: string }>;
    const res = await call(emu, 'GET', `${notes}/${theirs[0]!.id}`, { auth: user.header });
    expect(res.status).toBe(404);
  });

  it('rejects a create failing the rule with 400 and null rules with 403', async () => {
    const res = await call(emu, 'POST', notes, { auth: user.header, body: { text: 'spoof', owner: other.id } });
    expect(res.body).toEqual({ code: 400, message: 'Failed to create record.', data: {} });
    const any = record((await call(emu, 'GET', notes, { auth: user.header })).body).items as Array<{ id: string }>;
    const upd = await call(emu, 'PATCH', `${notes}/${any[0]!.id}`, { auth: user.header, body: { text: 'x' } });
    expect(upd.body).toEqual({ code: 403, message: 'Only admins can perform this action.', data: {} });
    const guestCreate = await call(emu, 'POST', '/api/collections/categories/records', { body: { name: 'x' } });
    expect(guestCreate.status).toBe(403);
  });
});

describe('expand', () => {
  it('expands relations subject to the related view rule', async () => {
    const cats = record((await call(emu, 'GET', '/api/collections/categories/records?sort=name')).body).items as Array<{ id: string }>;
    const post = await createPost({ title: 'With rels', category: cats[0]!.id, author: user.profileId });
    const path = `${posts}/${String(post.id)}?expand=category,author`;
    const guest = record((await call(emu, 'GET', path)).body);
    expect(Object.keys(record(guest['@expand']))).toEqual(['category']);
    expect(record(record(guest['@expand']).category)).toMatchObject({ id: cats[0]!.id, name: 'news', '@collectionName': 'categories' });
    const owner = record((await call(emu, 'GET', path, { auth: user.header })).body);
    expect(Object.keys(record(owner['@expand']))).toEqual(['author', 'category']);
    const plain = record((await call(emu, 'GET', `${posts}/${String(post.id)}`)).body);
    expect('@expand' in plain).toBe(false);
  });
});

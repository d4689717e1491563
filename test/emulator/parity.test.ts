/**
 * Regressions for differences found against a real v0.7.10 server (issue 8, item 8): each case
 * answers here as the server's source (daos/record_expand.go, daos/user.go,
 * forms/collections_import.go, echo's router, tools/rest, apis/user.go, apis/settings.go) does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ADMIN, SEED_USER, startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, newUserAuth, record, userAuth } from './support.ts';
import { openSse, type SseStream } from './sse-client.ts';

let emu: Emulator;
let admin: string;
const open: SseStream[] = [];

const NOT_FOUND = { code: 404, message: "The requested resource wasn't found.", data: {} };
const ECHO_NOT_FOUND = { code: 404, message: 'Not Found.', data: {} };

beforeAll(async () => {
  emu = await startEmulator();
  admin = await adminAuth(emu);
});
afterAll(async () => {
  open.forEach((s) => s.close());
  await emu.close();
});

async function createCollection(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await call(emu, 'POST', '/api/collections', { auth: admin, body });
  expect(res.status).toBe(200);
  return record(res.body);
}

describe('expand (daos/record_expand.go)', () => {
  let threadId = '';
  let commentId = '';
  let bareCommentId = '';

  beforeAll(async () => {
    const user = await userAuth(emu);
    const secrets = await createCollection({ name: 'secrets', schema: [{ name: 'note', type: 'text' }] });
    const threads = await createCollection({
      name: 'threads',
      listRule: '', viewRule: '',
      schema: [
        { name: 'title', type: 'text' },
        { name: 'owner', type: 'user', options: { maxSelect: 1 } },
        { name: 'category', type: 'relation', options: { maxSelect: 1, collectionId: (await call(emu, 'GET', '/api/collections/categories', { auth: admin }).then((r) => record(r.body))).id } },
        { name: 'secret', type: 'relation', options: { maxSelect: 1, collectionId: secrets.id } },
      ],
    });
    await createCollection({
      name: 'comments',
      listRule: '', viewRule: '',
      schema: [
        { name: 'text', type: 'text' },
        { name: 'post', type: 'relation', options: { maxSelect: 1, collectionId: threads.id } },
        { name: 'author', type: 'user', options: { maxSelect: 1 } },
      ],
    });
    const cats = record((await call(emu, 'GET', '/api/collections/categories/records?sort=name')).body).items as Array<{ id: string }>;
    const thread = await call(emu, 'POST', '/api/collections/threads/records', { auth: admin, body: { title: 't', owner: user.id, category: cats[0]!.id } });
    threadId = record(thread.body).id as string;
    const comment = await call(emu, 'POST', '/api/collections/comments/records', { auth: admin, body: { text: 'c', post: threadId, author: user.id } });
    commentId = record(comment.body).id as string;
    const bare = await call(emu, 'POST', '/api/collections/comments/records', { auth: admin, body: { text: 'no post' } });
    bareCommentId = record(bare.body).id as string;
  });

  const view = async (expand: string, auth?: string) =>
    record((await call(emu, 'GET', `/api/collections/comments/records/${commentId}?expand=${expand}`, { auth })).body);

  it('sets no @expand at all when a nested path segment is a user field (post.owner)', async () => {
    const res = await view('post.owner');
    expect(res.id).toBe(commentId);
    expect('@expand' in res).toBe(false);
  });

  it('does not expand user fields at the top level either', async () => {
    expect('@expand' in (await view('author'))).toBe(false);
    const thread = record((await call(emu, 'GET', `/api/collections/threads/records/${threadId}?expand=owner`)).body);
    expect('@expand' in thread).toBe(false);
  });

  it('keeps the paths that work when another one fails', async () => {
    const res = await view('post.owner,post.category');
    const post = record(record(res['@expand']).post);
    expect(post.id).toBe(threadId);
    expect(Object.keys(record(post['@expand']))).toEqual(['category']);
    expect(record(record(post['@expand']).category).name).toBe('news');
    expect(Object.keys(record((await view('post')) ['@expand']))).toEqual(['post']);
  });

  it('fails the whole path when a nested collection is admin-only, even with no value to fetch', async () => {
    // threads.secret is empty, but fetching from the admin-only `secrets` fails for a guest
    expect('@expand' in (await view('post.secret'))).toBe(false);
    const asAdmin = await view('post.secret', admin);
    expect(record(record(asAdmin['@expand']).post).id).toBe(threadId);
    expect('@expand' in record(record(asAdmin['@expand']).post)).toBe(false);
  });

  it('fails unknown fields and applies the same rules to lists', async () => {
    expect('@expand' in (await view('nope'))).toBe(false);
    expect('@expand' in (await view('post.nope'))).toBe(false);
    const list = record((await call(emu, 'GET', '/api/collections/comments/records?sort=created&expand=post.owner')).body);
    for (const item of list.items as Array<Record<string, unknown>>) expect('@expand' in item).toBe(false);
    const ok = record((await call(emu, 'GET', '/api/collections/comments/records?sort=created&expand=post')).body);
    const items = ok.items as Array<Record<string, unknown>>;
    expect(items.find((i) => i.id === commentId)!['@expand']).toBeDefined();
    expect('@expand' in items.find((i) => i.id === bareCommentId)!).toBe(false);
  });
});

describe('POST /api/users (daos/user.go SaveUser)', () => {
  it('answers the new profile without name and avatar; later reads have them', async () => {
    const res = await call(emu, 'POST', '/api/users', { body: { email: 'fresh@example.com', password: 'password123', passwordConfirm: 'password123' } });
    expect(res.status).toBe(200);
    const user = record(res.body);
    const profile = record(user.profile);
    expect(Object.keys(profile)).toEqual(['@collectionId', '@collectionName', 'created', 'id', 'updated', 'userId']);
    expect(profile).toMatchObject({ '@collectionId': 'systemprofiles0', '@collectionName': 'profiles', userId: user.id });
    const again = record(record((await call(emu, 'GET', `/api/users/${String(user.id)}`, { auth: admin })).body).profile);
    expect(Object.keys(again)).toEqual(['@collectionId', '@collectionName', 'avatar', 'created', 'id', 'name', 'updated', 'userId']);
    expect(again).toMatchObject({ id: profile.id, name: '', avatar: '' });
    const login = await call(emu, 'POST', '/api/users/auth-via-email', { body: { email: 'fresh@example.com', password: 'password123' } });
    expect(record(record(record(login.body).user).profile)).toMatchObject({ name: '', avatar: '' });
  });

  it('broadcasts the profile create event in the same shape', async () => {
    const stream = await openSse(`${emu.url}/api/realtime`);
    open.push(stream);
    const clientId = (JSON.parse((await stream.next()).data) as { clientId: string }).clientId;
    expect((await call(emu, 'POST', '/api/realtime', { auth: admin, body: { clientId, subscriptions: ['profiles'] } })).status).toBe(204);
    const res = await call(emu, 'POST', '/api/users', { body: { email: 'live@example.com', password: 'password123', passwordConfirm: 'password123' } });
    const frame = await stream.next();
    const message = JSON.parse(frame.data) as { action: string; record: Record<string, unknown> };
    expect(message.action).toBe('create');
    expect(Object.keys(message.record)).toEqual(['@collectionId', '@collectionName', '@expand', 'created', 'id', 'updated', 'userId']);
    expect(message.record.userId).toBe(record(res.body).id);
    stream.close();
  });
});

describe('PUT /api/collections/import (forms/collections_import.go)', () => {
  const failure = (code: string, message: string) => ({
    code: 400,
    message: 'Failed to import the submitted collections.',
    data: { collections: { code, message } },
  });
  const names = async () => (record((await call(emu, 'GET', '/api/collections?perPage=400', { auth: admin })).body).items as Array<{ name: string }>).map((c) => c.name).sort();

  it('reports a collection without schema fields as an import failure (schema is NOT NULL)', async () => {
    const before = await names();
    const res = await call(emu, 'PUT', '/api/collections/import', { auth: admin, body: { collections: [{ name: '' }] } });
    expect(res.body).toEqual(failure('collections_import_failure', 'Failed to import the collections configuration.'));
    const second = await call(emu, 'PUT', '/api/collections/import', {
      auth: admin,
      body: { collections: [{ name: 'import1', schema: [{ id: 'koih1lqx', name: 'test', type: 'text' }] }, { name: 'import2' }] },
    });
    expect(second.body).toEqual(failure('collections_import_failure', 'Failed to import the collections configuration.'));
    expect(await names()).toEqual(before);
  });

  it('reports duplicate names as an import failure, invalid data as a validate failure', async () => {
    const field = { name: 'test', type: 'text' };
    const dup = await call(emu, 'PUT', '/api/collections/import', { auth: admin, body: { collections: [{ name: 'twin', schema: [field] }, { name: 'twin', schema: [field] }] } });
    expect(dup.body).toEqual(failure('collections_import_failure', 'Failed to import the collections configuration.'));
    const clash = await call(emu, 'PUT', '/api/collections/import', { auth: admin, body: { collections: [{ name: 'posts', schema: [field] }] } });
    expect(clash.body).toEqual(failure('collections_import_failure', 'Failed to import the collections configuration.'));
    const invalid = await call(emu, 'PUT', '/api/collections/import', { auth: admin, body: { collections: [{ name: 'bad name', schema: [field] }] } });
    expect(record(record(record(invalid.body).data).collections).code).toBe('collections_import_validate_failure');
  });
});

describe('errors', () => {
  it('routes sub-paths of a final :param into that param, like echo (404 from the handler)', async () => {
    const id = record((await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: { title: 'p' } })).body).id as string;
    expect((await call(emu, 'GET', `/api/collections/posts/records/${id}`)).status).toBe(200);
    expect((await call(emu, 'GET', `/api/collections/posts/records/${id}/extra`)).body).toEqual(NOT_FOUND);
    expect((await call(emu, 'DELETE', `/api/collections/posts/records/${id}/extra`, { auth: admin })).body).toEqual(NOT_FOUND);
    expect((await call(emu, 'GET', `/api/collections/nope/records/${id}/extra`)).body).toEqual(NOT_FOUND);
    expect((await call(emu, 'GET', `/api/files/posts/${id}/a/b.png`)).body).toEqual(NOT_FOUND);
    expect((await call(emu, 'GET', '/api/admins/x/y', { auth: admin })).body).toEqual(NOT_FOUND);
    // no route takes these: the /api/* catch-all
    expect((await call(emu, 'PUT', `/api/collections/posts/records/${id}/extra`)).body).toEqual(ECHO_NOT_FOUND);
    expect((await call(emu, 'GET', '/api/collections/posts/extra')).body).toEqual(ECHO_NOT_FOUND);
    expect((await call(emu, 'POST', '/api/admins/refresh/x')).body).toEqual(ECHO_NOT_FOUND);
  });

  it("logs echo's own 404 as `Not Found`, handler 404s with their message", async () => {
    await call(emu, 'GET', '/api/nothing-here/');
    await call(emu, 'GET', '/api/collections/posts/records/abc/extra?x=1');
    const logs = record((await call(emu, 'GET', '/api/logs/requests?sort=-rowid&perPage=2', { auth: admin })).body).items as Array<Record<string, unknown>>;
    expect(logs[1]).toMatchObject({ url: '/api/nothing-here', status: 404, meta: { errorMessage: 'Not Found', errorDetails: '<nil>' } });
    expect(logs[0]).toMatchObject({ url: '/api/collections/posts/records/abc/extra?x=1', status: 404, meta: { errorMessage: "The requested resource wasn't found." } });
  });

  it("prints date min/max in Go's time.Time format", async () => {
    await createCollection({
      name: 'events',
      schema: [{ name: 'at', type: 'date', options: { min: '2020-01-01 00:00:00.000', max: '2021-06-30 12:30:45.120Z' } }],
    });
    const early = await call(emu, 'POST', '/api/collections/events/records', { auth: admin, body: { at: '2019-05-05 10:00:00.000' } });
    expect(record(early.body).data).toEqual({ at: { code: 'validation_min_greater_equal_than_required', message: 'Must be no less than 2020-01-01 00:00:00 +0000 UTC.' } });
    const late = await call(emu, 'POST', '/api/collections/events/records', { auth: admin, body: { at: '2022-01-01' } });
    expect(record(late.body).data).toEqual({ at: { code: 'validation_max_less_equal_than_required', message: 'Must be no greater than 2021-06-30 12:30:45.12 +0000 UTC.' } });
  });
});

describe('a 33 MiB JSON body (rest.ReadJsonBodyCopy reads 32 MiB)', () => {
  const big = 33 << 20;

  it('fails a record create with the load message instead of 413', async () => {
    const body = JSON.stringify({ title: 'x'.repeat(big) });
    const res = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body, headers: { 'Content-Type': 'application/json' } });
    expect(res.body).toEqual({ code: 400, message: 'Failed to load the submitted data due to invalid formatting.', data: {} });
    expect((await call(emu, 'GET', '/api/collections/posts/records')).status).toBe(200);
  });

  it('decodes the first JSON value only, like json.Decoder', async () => {
    const padded = JSON.stringify({ title: 'padded' }) + ' '.repeat(big);
    const res = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: padded, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(record(res.body).title).toBe('padded');
    const junk = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: '{"title":"junk"} trailing', headers: { 'Content-Type': 'application/json' } });
    expect(record(junk.body).title).toBe('junk');
  });
});

describe('mail that cannot be sent', () => {
  let failing: Emulator;

  beforeAll(async () => {
    failing = await startEmulator({ mail: 'fail' });
  });
  afterAll(() => failing.close());

  it('fails settings/test/email and request-email-change with the server messages', async () => {
    const admin2 = await adminAuth(failing);
    const test = await call(failing, 'POST', '/api/settings/test/email', { auth: admin2, body: { email: 'x@example.com', template: 'verification' } });
    expect(test.body).toEqual({ code: 400, message: 'Failed to send the test email. Raw error: \nFailed to locate a sendmail executable path.', data: {} });
    const user = await userAuth(failing);
    const change = await call(failing, 'POST', '/api/users/request-email-change', { auth: user.header, body: { newEmail: 'new@example.com' } });
    expect(change.body).toEqual({ code: 400, message: 'Failed to request email change.', data: {} });
    expect(failing.mailbox.length).toBe(0);
  });

  it('still answers 204 to the background sends, without mail or a new sent-at stamp', async () => {
    const other = await newUserAuth(failing, 'unverified@example.com');
    for (const [path, email] of [
      ['/api/users/request-verification', 'unverified@example.com'],
      ['/api/users/request-password-reset', SEED_USER.email],
      ['/api/admins/request-password-reset', SEED_ADMIN.email],
    ] as const) {
      expect((await call(failing, 'POST', path, { body: { email } })).status).toBe(204);
    }
    expect(failing.mailbox.length).toBe(0);
    const me = record((await call(failing, 'GET', `/api/users/${other.id}`, { auth: other.header })).body);
    expect(me.lastVerificationSentAt).toBe('');
    expect(failing.state.findUserByEmail(SEED_USER.email)!.lastResetSentAt).toBe('');
    expect(failing.state.findAdminByEmail(SEED_ADMIN.email)!.lastResetSentAt).toBe('');
  });

  it('switches at runtime, with a custom mailer error', async () => {
    const admin2 = await adminAuth(failing);
    failing.mailbox.deliver();
    expect(failing.mailbox.failure).toBeNull();
    expect((await call(failing, 'POST', '/api/users/request-verification', { body: { email: 'unverified@example.com' } })).status).toBe(204);
    expect(failing.mailbox.lastToken('unverified@example.com', 'verification')).toBeTruthy();
    failing.mailbox.failWith('dial tcp 127.0.0.1:25: connect: connection refused');
    const test = await call(failing, 'POST', '/api/settings/test/email', { auth: admin2, body: { email: 'x@example.com', template: 'email-change' } });
    expect(test.body).toEqual({ code: 400, message: 'Failed to send the test email. Raw error: \ndial tcp 127.0.0.1:25: connect: connection refused.', data: {} });
    expect(failing.mailbox.length).toBe(1);
  });

  it('delivers by default', async () => {
    expect(emu.mailbox.failure).toBeNull();
    const res = await call(emu, 'POST', '/api/settings/test/email', { auth: admin, body: { email: 'x@example.com', template: 'verification' } });
    expect(res.status).toBe(204);
  });
});

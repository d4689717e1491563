import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { Admin, Collection, ExternalAuth, ListResult, LogRequest, Record, User } from '../../src/index';
import { startRecordingServer, type RecordedRequest } from '../support/recordingServer';

type Server = Awaited<ReturnType<typeof startRecordingServer>>;

const userJson = { id: 'u1', email: 'u@example.com', verified: true, profile: { id: 'p1', name: 'Ann', '@collectionId': 'systemprofiles0', '@collectionName': 'profiles' } };
const adminJson = { id: 'a1', email: 'a@example.com', avatar: 3 };

// What each route answers, by method + path prefix.
function respond(req: RecordedRequest) {
    const key = req.method + ' ' + req.path;
    if (key.includes('/auth-via-') || key.endsWith('/refresh') || key.includes('confirm-')) {
        return { body: req.path.startsWith('/api/admins') ? { token: 'tok.admin', admin: adminJson } : { token: 'tok.user', user: userJson, meta: { a: 1 } } };
    }
    if (key === 'GET /api/users/auth-methods') return { body: { emailPassword: true, authProviders: [] } };
    if (key.endsWith('/external-auths')) return { body: [{ id: 'e1', userId: 'u1', provider: 'google', providerId: 'g1' }] };
    if (key === 'GET /api/logs/requests/stats') return { body: [{ total: 2, date: '2022-10-01 10:00:00.000' }] };
    if (req.method === 'DELETE' || key.includes('request-') || key.includes('/test/') || key === 'PUT /api/collections/import') return { status: 204 };
    if (req.method === 'GET' && req.query.has('page')) {
        const page = Number(req.query.get('page'));
        const perPage = Number(req.query.get('perPage'));
        const total = 5;
        const start = (page - 1) * perPage;
        const items = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) => ({ id: 'id' + (start + i), '@collectionId': 'c1' }));
        return { body: { page, perPage, totalItems: total, totalPages: Math.ceil(total / perPage), items } };
    }
    return { body: { id: 'x1', created: '2022-10-01 10:00:00.000', updated: '2022-10-01 10:00:00.000', '@collectionId': 'c1', '@collectionName': 'posts', title: 'T' } };
}

let server: Server;
let pb: PocketBase;

beforeAll(async () => {
    server = await startRecordingServer(respond);
    pb = new PocketBase(server.url, 'en-US', null);
});
afterAll(() => server.close());

interface Case {
    name: string;
    call: (pb: PocketBase) => Promise<unknown>;
    method: string;
    path: string;
    query?: { [key: string]: string };
    body?: unknown;
    check?: (result: unknown) => void;
}

const q = { q: 'x' };
const cases: Case[] = [
    // admins (10)
    { name: 'admins.authViaEmail', call: (c) => c.admins.authViaEmail('a@example.com', 'pw', { extra: 1 }, q), method: 'POST', path: '/api/admins/auth-via-email', query: q, body: { email: 'a@example.com', password: 'pw', extra: 1 }, check: (r) => expect((r as { admin: unknown }).admin).toBeInstanceOf(Admin) },
    { name: 'admins.refresh', call: (c) => c.admins.refresh({ b: 1 }, q), method: 'POST', path: '/api/admins/refresh', query: q, body: { b: 1 } },
    { name: 'admins.requestPasswordReset', call: (c) => c.admins.requestPasswordReset('a@example.com', {}, q), method: 'POST', path: '/api/admins/request-password-reset', query: q, body: { email: 'a@example.com' }, check: (r) => expect(r).toBe(true) },
    { name: 'admins.confirmPasswordReset', call: (c) => c.admins.confirmPasswordReset('tok', 'p1', 'p2', {}, q), method: 'POST', path: '/api/admins/confirm-password-reset', query: q, body: { token: 'tok', password: 'p1', passwordConfirm: 'p2' } },
    { name: 'admins.getList', call: (c) => c.admins.getList(2, 2, { filter: 'a=1' }), method: 'GET', path: '/api/admins', query: { page: '2', perPage: '2', filter: 'a=1' }, check: (r) => expect(r).toBeInstanceOf(ListResult) },
    { name: 'admins.getFullList', call: (c) => c.admins.getFullList(2, { sort: '-created' }), method: 'GET', path: '/api/admins', query: { page: '3', perPage: '2', sort: '-created' }, check: (r) => expect((r as Admin[]).map((a) => a.id)).toEqual(['id0', 'id1', 'id2', 'id3', 'id4']) },
    { name: 'admins.getOne', call: (c) => c.admins.getOne('a/1', q), method: 'GET', path: '/api/admins/a%2F1', query: q, check: (r) => expect(r).toBeInstanceOf(Admin) },
    { name: 'admins.create', call: (c) => c.admins.create({ email: 'n@example.com' }, q), method: 'POST', path: '/api/admins', query: q, body: { email: 'n@example.com' } },
    { name: 'admins.update', call: (c) => c.admins.update('a1', { avatar: 2 }, q), method: 'PATCH', path: '/api/admins/a1', query: q, body: { avatar: 2 } },
    { name: 'admins.delete', call: (c) => c.admins.delete('a1', q), method: 'DELETE', path: '/api/admins/a1', query: q, check: (r) => expect(r).toBe(true) },
    // users (18)
    { name: 'users.listAuthMethods', call: (c) => c.users.listAuthMethods(q), method: 'GET', path: '/api/users/auth-methods', query: q, check: (r) => expect(r).toEqual({ emailPassword: true, authProviders: [] }) },
    { name: 'users.authViaEmail', call: (c) => c.users.authViaEmail('u@example.com', 'pw', {}, q), method: 'POST', path: '/api/users/auth-via-email', query: q, body: { email: 'u@example.com', password: 'pw' }, check: (r) => expect((r as { user: unknown }).user).toBeInstanceOf(User) },
    { name: 'users.authViaOAuth2', call: (c) => c.users.authViaOAuth2('google', 'code', 'ver', 'http://cb', {}, q), method: 'POST', path: '/api/users/auth-via-oauth2', query: q, body: { provider: 'google', code: 'code', codeVerifier: 'ver', redirectUrl: 'http://cb' }, check: (r) => expect((r as { meta: unknown }).meta).toEqual({ a: 1 }) },
    { name: 'users.refresh', call: (c) => c.users.refresh({}, q), method: 'POST', path: '/api/users/refresh', query: q, body: {} },
    { name: 'users.requestPasswordReset', call: (c) => c.users.requestPasswordReset('u@example.com'), method: 'POST', path: '/api/users/request-password-reset', body: { email: 'u@example.com' } },
    { name: 'users.confirmPasswordReset', call: (c) => c.users.confirmPasswordReset('t', 'a', 'b'), method: 'POST', path: '/api/users/confirm-password-reset', body: { token: 't', password: 'a', passwordConfirm: 'b' } },
    { name: 'users.requestVerification', call: (c) => c.users.requestVerification('u@example.com'), method: 'POST', path: '/api/users/request-verification', body: { email: 'u@example.com' } },
    { name: 'users.confirmVerification', call: (c) => c.users.confirmVerification('t'), method: 'POST', path: '/api/users/confirm-verification', body: { token: 't' } },
    { name: 'users.requestEmailChange', call: (c) => c.users.requestEmailChange('new@example.com'), method: 'POST', path: '/api/users/request-email-change', body: { newEmail: 'new@example.com' } },
    { name: 'users.confirmEmailChange', call: (c) => c.users.confirmEmailChange('t', 'pw'), method: 'POST', path: '/api/users/confirm-email-change', body: { token: 't', password: 'pw' } },
    { name: 'users.getList', call: (c) => c.users.getList(1, 30, q), method: 'GET', path: '/api/users', query: { page: '1', perPage: '30', q: 'x' } },
    { name: 'users.getFullList', call: (c) => c.users.getFullList(100), method: 'GET', path: '/api/users', query: { page: '1', perPage: '100' } },
    { name: 'users.getOne', call: (c) => c.users.getOne('u1'), method: 'GET', path: '/api/users/u1' },
    { name: 'users.create', call: (c) => c.users.create({ email: 'x@example.com', password: 'p', passwordConfirm: 'p' }), method: 'POST', path: '/api/users', body: { email: 'x@example.com', password: 'p', passwordConfirm: 'p' }, check: (r) => expect(r).toBeInstanceOf(User) },
    { name: 'users.update', call: (c) => c.users.update('u1', { email: 'y@example.com' }), method: 'PATCH', path: '/api/users/u1', body: { email: 'y@example.com' } },
    { name: 'users.delete', call: (c) => c.users.delete('u1'), method: 'DELETE', path: '/api/users/u1' },
    { name: 'users.listExternalAuths', call: (c) => c.users.listExternalAuths('u1', q), method: 'GET', path: '/api/users/u1/external-auths', query: q, check: (r) => expect((r as unknown[])[0]).toBeInstanceOf(ExternalAuth) },
    { name: 'users.unlinkExternalAuth', call: (c) => c.users.unlinkExternalAuth('u1', 'google', q), method: 'DELETE', path: '/api/users/u1/external-auths/google', query: q, check: (r) => expect(r).toBe(true) },
    // collections (7)
    { name: 'collections.getList', call: (c) => c.collections.getList(1, 10), method: 'GET', path: '/api/collections', query: { page: '1', perPage: '10' } },
    { name: 'collections.getFullList', call: (c) => c.collections.getFullList(5), method: 'GET', path: '/api/collections', query: { page: '1', perPage: '5' } },
    { name: 'collections.getOne', call: (c) => c.collections.getOne('posts'), method: 'GET', path: '/api/collections/posts', check: (r) => expect(r).toBeInstanceOf(Collection) },
    { name: 'collections.create', call: (c) => c.collections.create({ name: 'n', schema: [] }), method: 'POST', path: '/api/collections', body: { name: 'n', schema: [] } },
    { name: 'collections.update', call: (c) => c.collections.update('n', { listRule: '' }), method: 'PATCH', path: '/api/collections/n', body: { listRule: '' } },
    { name: 'collections.delete', call: (c) => c.collections.delete('n'), method: 'DELETE', path: '/api/collections/n' },
    { name: 'collections.import', call: (c) => c.collections.import([{ name: 'a' }], true, q), method: 'PUT', path: '/api/collections/import', query: q, body: { collections: [{ name: 'a' }], deleteMissing: true }, check: (r) => expect(r).toBe(true) },
    // records (6)
    { name: 'records.getList', call: (c) => c.records.getList('my posts', 1, 2, { filter: 'a = "b"', sort: '-created', expand: 'author' }), method: 'GET', path: '/api/collections/my%20posts/records', query: { page: '1', perPage: '2', filter: 'a = "b"', sort: '-created', expand: 'author' }, check: (r) => expect((r as ListResult<Record>).items[0]).toBeInstanceOf(Record) },
    { name: 'records.getFullList', call: (c) => c.records.getFullList('posts', 4), method: 'GET', path: '/api/collections/posts/records', query: { page: '2', perPage: '4' }, check: (r) => expect((r as Record[]).length).toBe(5) },
    { name: 'records.getOne', call: (c) => c.records.getOne('posts', 'r1', { expand: 'author' }), method: 'GET', path: '/api/collections/posts/records/r1', query: { expand: 'author' }, check: (r) => expect((r as Record).title).toBe('T') },
    { name: 'records.create', call: (c) => c.records.create('posts', { title: 'x' }), method: 'POST', path: '/api/collections/posts/records', body: { title: 'x' } },
    { name: 'records.update', call: (c) => c.records.update('posts', 'r1', { title: 'y' }), method: 'PATCH', path: '/api/collections/posts/records/r1', body: { title: 'y' } },
    { name: 'records.delete', call: (c) => c.records.delete('posts', 'r1'), method: 'DELETE', path: '/api/collections/posts/records/r1' },
    // logs (3)
    { name: 'logs.getRequestsList', call: (c) => c.logs.getRequestsList(1, 5, { filter: 'status >= 400' }), method: 'GET', path: '/api/logs/requests', query: { page: '1', perPage: '5', filter: 'status >= 400' }, check: (r) => expect((r as ListResult<LogRequest>).items[0]).toBeInstanceOf(LogRequest) },
    { name: 'logs.getRequest', call: (c) => c.logs.getRequest('l1'), method: 'GET', path: '/api/logs/requests/l1', check: (r) => expect(r).toBeInstanceOf(LogRequest) },
    { name: 'logs.getRequestsStats', call: (c) => c.logs.getRequestsStats(q), method: 'GET', path: '/api/logs/requests/stats', query: q, check: (r) => expect(r).toEqual([{ total: 2, date: '2022-10-01 10:00:00.000' }]) },
    // settings (4)
    { name: 'settings.getAll', call: (c) => c.settings.getAll(q), method: 'GET', path: '/api/settings', query: q },
    { name: 'settings.update', call: (c) => c.settings.update({ meta: { appName: 'x' } }), method: 'PATCH', path: '/api/settings', body: { meta: { appName: 'x' } } },
    { name: 'settings.testS3', call: (c) => c.settings.testS3(), method: 'POST', path: '/api/settings/test/s3', check: (r) => expect(r).toBe(true) },
    { name: 'settings.testEmail', call: (c) => c.settings.testEmail('t@example.com', 'verification'), method: 'POST', path: '/api/settings/test/email', body: { email: 't@example.com', template: 'verification' } },
];

describe('every service method sends the v0.7 request', () => {
    it.each(cases)('$name', async ({ call, method, path, query, body, check }) => {
        pb.authStore.clear();
        const result = await call(pb);
        const req = server.last();
        expect(req.method).toBe(method);
        expect(req.path).toBe(path);
        if (query) expect(Object.fromEntries(req.query)).toEqual(query);
        if (body !== undefined) {
            expect(req.json).toEqual(body);
            expect(req.headers['content-type']).toBe('application/json');
        }
        check?.(result);
    });

    it('covers the seed table: admins 10, users 18, collections 7, records 6, logs 3, settings 4', () => {
        const count = (prefix: string) => cases.filter((c) => c.name.startsWith(prefix + '.')).length;
        expect([count('admins'), count('users'), count('collections'), count('records'), count('logs'), count('settings')]).toEqual([10, 18, 7, 6, 3, 4]);
    });
});

describe('auth responses', () => {
    it('user auth saves a User, admin auth an Admin, with the token', async () => {
        await pb.users.authViaEmail('u@example.com', 'pw');
        expect(pb.authStore.token).toBe('tok.user');
        expect(pb.authStore.model).toBeInstanceOf(User);
        expect((pb.authStore.model as User).profile).toBeInstanceOf(Record);
        await pb.admins.authViaEmail('a@example.com', 'pw');
        expect(pb.authStore.model).toBeInstanceOf(Admin);
        expect((pb.authStore.model as Admin).avatar).toBe(3);
    });

    it('auth-via-email never sends the stored token (the route is guest-only)', async () => {
        pb.authStore.save('stored.token', { id: 'u1', verified: true });
        await pb.users.authViaEmail('u@example.com', 'pw');
        expect(server.last().headers.authorization).toBe('');
    });

    it('getFileUrl builds the /api/files URL with the collection id and query', () => {
        const record = new Record({ id: 'r1', '@collectionId': 'c1' });
        expect(pb.records.getFileUrl(record, 'a b.png', { thumb: '100x100' })).toBe(`${server.url}/api/files/c1/r1/a%20b.png?thumb=100x100`);
        expect(new PocketBase('http://h/base///').records.getFileUrl(record, 'f.txt')).toBe('http://h/base/api/files/c1/r1/f.txt');
    });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.ts';
import { adminAuth, call, record } from './support.ts';

let emu: Emulator;
let admin: string;

beforeAll(async () => {
  emu = await startEmulator({ maxBodyBytes: 1024 });
  admin = await adminAuth(emu);
});
afterAll(() => emu.close());

describe('routing, CORS and headers', () => {
  it('404s unknown routes in the error shape (there is no /api/health in v0.7)', async () => {
    expect((await call(emu, 'GET', '/api/health')).body).toEqual({ code: 404, message: 'Not Found.', data: {} });
  });

  it('indents JSON when the query has `pretty`, like echo', async () => {
    const res = await call(emu, 'GET', '/api/health?pretty');
    expect(res.text).toBe('{\n  "code": 404,\n  "message": "Not Found.",\n  "data": {}\n}\n');
  });

  it('ignores a trailing slash', async () => {
    expect((await call(emu, 'GET', '/api/collections/posts/records/')).status).toBe(200);
  });

  it('answers preflights with 204 and echoes CORS headers for cross-origin calls', async () => {
    const pre = await fetch(`${emu.url}/api/collections/posts/records`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,PUT,PATCH,POST,DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    const simple = await fetch(`${emu.url}/api/collections/posts/records`, { headers: { Origin: 'http://app.test' } });
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');
    expect(simple.headers.get('x-content-type-options')).toBe('nosniff');
    expect(simple.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('escapes <, > and & like Go\'s JSON encoder', async () => {
    const res = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: { title: '<b>&</b>' } });
    expect(res.text).toContain('"title":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"');
    expect(record(res.body).title).toBe('<b>&</b>');
  });
});

describe('bad input', () => {
  it('cuts JSON bodies at maxBodyBytes (400 from the decoder), answers 413 to longer multipart ones, keeps serving', async () => {
    const res = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: { title: 'x'.repeat(5000) } });
    expect(res.body).toEqual({ code: 400, message: 'Failed to load the submitted data due to invalid formatting.', data: {} });
    const login = await call(emu, 'POST', '/api/users/auth-via-email', { body: { email: 'x'.repeat(5000), password: 'p' } });
    expect(login.body).toEqual({ code: 400, message: 'An error occurred while loading the submitted data.', data: {} });
    const form = new FormData();
    form.append('title', 'x'.repeat(5000));
    const multipart = await call(emu, 'POST', '/api/collections/posts/records', { auth: admin, body: form });
    expect(multipart.body).toEqual({ code: 413, message: 'Request Entity Too Large.', data: {} });
    expect((await call(emu, 'GET', '/api/collections/posts/records')).status).toBe(200);
  });

  it('answers malformed JSON on form routes with the handler message', async () => {
    const res = await call(emu, 'POST', '/api/users/auth-via-email', { body: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect(res.body).toEqual({ code: 400, message: 'An error occurred while loading the submitted data.', data: {} });
    const wrongType = await call(emu, 'POST', '/api/users/auth-via-email', { body: { email: 5 } });
    expect(wrongType.body).toEqual({ code: 400, message: 'An error occurred while loading the submitted data.', data: {} });
  });

  it('counts requests the client aborted and survives them', async () => {
    const before = emu.abortedRequests();
    const port = Number(new URL(emu.url).port);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /api/collections/posts/records HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"title":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(emu.abortedRequests()).toBe(before + 1);
    expect((await call(emu, 'GET', '/api/collections/posts/records')).status).toBe(200);
  });
});

describe('empty start', () => {
  it('lets a guest create the first admin only', async () => {
    const bare = await startEmulator({ seed: false });
    try {
      const body = { email: 'first@example.com', password: '1234567890', passwordConfirm: '1234567890' };
      expect((await call(bare, 'POST', '/api/admins', { body })).status).toBe(200);
      const second = await call(bare, 'POST', '/api/admins', { body: { ...body, email: 'second@example.com' } });
      expect(second.body).toEqual({ code: 401, message: 'The request requires admin authorization token to be set.', data: {} });
      const cols = record((await call(bare, 'GET', '/api/collections', { auth: await adminAuthFor(bare, body) })).body);
      expect(cols.totalItems).toBe(1);
    } finally {
      await bare.close();
    }
  });
});

async function adminAuthFor(target: Emulator, creds: { email: string; password: string }): Promise<string> {
  const res = await call(target, 'POST', '/api/admins/auth-via-email', { body: { email: creds.email, password: creds.password } });
  return `Admin ${String(record(res.body).token)}`;
}

describe('logs', () => {
  it('records API requests and lists, filters, views and aggregates them', async () => {
    await call(emu, 'GET', '/api/collections/nope/records');
    const list = record((await call(emu, 'GET', `/api/logs/requests?filter=${encodeURIComponent('status = 404')}&sort=-created`, { auth: admin })).body);
    const items = list.items as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    expect(Object.keys(items[0]!)).toEqual(['id', 'created', 'updated', 'url', 'method', 'status', 'auth', 'userIp', 'remoteIp', 'referer', 'userAgent', 'meta']);
    expect(items[0]).toMatchObject({ method: 'get', status: 404, auth: 'guest' });
    const view = await call(emu, 'GET', `/api/logs/requests/${String(items[0]!.id)}`, { auth: admin });
    expect(record(view.body).id).toBe(items[0]!.id);
    const stats = (await call(emu, 'GET', '/api/logs/requests/stats', { auth: admin })).body as Array<{ total: number; date: string }>;
    expect(stats[0]!.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:00:00\.000$/);
    expect((await call(emu, 'GET', '/api/logs/requests')).status).toBe(401);
  });
});

describe('settings', () => {
  it('masks secrets, patches, and fails the S3 test while S3 is disabled', async () => {
    const res = record((await call(emu, 'GET', '/api/settings', { auth: admin })).body);
    expect(Object.keys(res)).toEqual([
      'meta', 'logs', 'smtp', 's3', 'adminAuthToken', 'adminPasswordResetToken', 'userAuthToken', 'userPasswordResetToken',
      'userEmailChangeToken', 'userVerificationToken', 'emailAuth', 'googleAuth', 'facebookAuth', 'githubAuth', 'gitlabAuth', 'discordAuth', 'twitterAuth',
    ]);
    expect(record(res.adminAuthToken)).toEqual({ secret: '******', duration: 1209600 });
    const patched = await call(emu, 'PATCH', '/api/settings', { auth: admin, body: { meta: { appName: 'Demo' } } });
    expect(record(record(patched.body).meta).appName).toBe('Demo');
    const bad = await call(emu, 'PATCH', '/api/settings', { auth: admin, body: { userAuthToken: { secret: 'short' } } });
    expect(record(bad.body).data).toEqual({ userAuthToken: { secret: { code: 'validation_length_out_of_range', message: 'The length must be between 30 and 300.' } } });
    const s3 = await call(emu, 'POST', '/api/settings/test/s3', { auth: admin });
    expect(s3.body).toEqual({ code: 400, message: 'S3 storage is not enabled.', data: {} });
  });

  it('sends test emails into the mailbox', async () => {
    const res = await call(emu, 'POST', '/api/settings/test/email', { auth: admin, body: { email: 'probe@example.com', template: 'verification' } });
    expect(res.status).toBe(204);
    expect(emu.mailbox.at(-1)).toMatchObject({ to: 'probe@example.com', template: 'verification' });
    const bad = await call(emu, 'POST', '/api/settings/test/email', { auth: admin, body: { email: 'x', template: 'nope' } });
    expect(record(bad.body).message).toBe('Failed to send the test email.');
  });
});

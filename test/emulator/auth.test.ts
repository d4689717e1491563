import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from './index.ts';
import { adminAuth, call, newUserAuth, record, userAuth } from './support.ts';
import { signToken } from './auth/jwt.ts';

let emu: Emulator;
let admin: string;

beforeAll(async () => {
  emu = await startEmulator();
  admin = await adminAuth(emu);
});
afterAll(() => emu.close());

const claims = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('admins', () => {
  it('signs in with {admin, token} and an HS256 token with exp/id/type', async () => {
    const res = await call(emu, 'POST', '/api/admins/auth-via-email', { body: SEED_ADMIN });
    expect(res.status).toBe(200);
    const body = record(res.body);
    expect(Object.keys(body)).toEqual(['admin', 'token']);
    expect(Object.keys(record(body.admin))).toEqual(['id', 'created', 'updated', 'email', 'lastResetSentAt', 'avatar']);
    const token = body.token as string;
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(claims(token))).toEqual(['exp', 'id', 'type']);
    expect(claims(token).type).toBe('admin');
  });

  it('rejects wrong credentials and non-guests', async () => {
    const wrong = await call(emu, 'POST', '/api/admins/auth-via-email', { body: { email: SEED_ADMIN.email, password: 'nope' } });
    expect(wrong.body).toEqual({ code: 400, message: 'Failed to authenticate.', data: {} });
    const invalid = await call(emu, 'POST', '/api/admins/auth-via-email', { body: { email: 'bad', password: '' } });
    expect(record(invalid.body).data).toEqual({
      email: { code: 'validation_is_email', message: 'Must be a valid email address.' },
      password: { code: 'validation_required', message: 'Cannot be blank.' },
    });
    const guestOnly = await call(emu, 'POST', '/api/admins/auth-via-email', { body: SEED_ADMIN, auth: admin });
    expect(guestOnly.body).toEqual({ code: 400, message: 'The request can be accessed only by guests.', data: {} });
  });

  it('refreshes, and treats bad or expired tokens as guests', async () => {
    expect((await call(emu, 'POST', '/api/admins/refresh', { auth: admin })).status).toBe(200);
    const adminId = claims(admin.slice(6)).id as string;
    const expired = signToken({ id: adminId, type: 'admin' }, 'whatever', -10);
    for (const auth of ['Admin garbage', `Admin ${expired}`, `Bearer ${admin.slice(6)}`, admin.replace('Admin', 'User')]) {
      const res = await call(emu, 'POST', '/api/admins/refresh', { auth });
      expect(res.body).toEqual({ code: 401, message: 'The request requires admin authorization token to be set.', data: {} });
    }
  });

  it('creates, lists, views, updates and deletes admins', async () => {
    const guest = await call(emu, 'POST', '/api/admins', { body: { email: 'a2@example.com', password: '1234567890', passwordConfirm: '1234567890' } });
    expect(guest.status).toBe(401);
    const created = await call(emu, 'POST', '/api/admins', { auth: admin, body: { email: 'a2@example.com', password: '1234567890', passwordConfirm: '1234567890', avatar: 3 } });
    expect(record(created.body)).toMatchObject({ email: 'a2@example.com', avatar: 3, lastResetSentAt: '' });
    const id = record(created.body).id as string;
    const list = record((await call(emu, 'GET', '/api/admins?sort=email', { auth: admin })).body);
    expect(list.totalItems).toBe(2);
    expect((await call(emu, 'GET', `/api/admins/${id}`, { auth: admin })).status).toBe(200);
    const short = await call(emu, 'PATCH', `/api/admins/${id}`, { auth: admin, body: { password: 'short', passwordConfirm: 'x' } });
    expect(record(short.body).data).toEqual({
      password: { code: 'validation_length_out_of_range', message: 'The length must be between 10 and 100.' },
      passwordConfirm: { code: 'validation_values_mismatch', message: "Values don't match." },
    });
    expect((await call(emu, 'DELETE', `/api/admins/${id}`, { auth: admin })).status).toBe(204);
    const last = await call(emu, 'DELETE', `/api/admins/${claims(admin.slice(6)).id as string}`, { auth: admin });
    expect(last.body).toEqual({ code: 400, message: 'Failed to delete admin.', data: {} });
  });

  it('resets the password through the mailbox token', async () => {
    expect((await call(emu, 'POST', '/api/admins/request-password-reset', { body: { email: SEED_ADMIN.email } })).status).toBe(204);
    const token = emu.mailbox.lastToken(SEED_ADMIN.email, 'password-reset');
    expect(token).toBeTruthy();
    const res = await call(emu, 'POST', '/api/admins/confirm-password-reset', { body: { token, password: 'newpassword1', passwordConfirm: 'newpassword1' } });
    expect(Object.keys(record(res.body))).toEqual(['admin', 'token']);
    expect((await call(emu, 'POST', '/api/admins/refresh', { auth: admin })).status).toBe(401); // old tokens revoked
    admin = `Admin ${(record(res.body).token as string)}`;
  });
});

describe('users', () => {
  it('signs in with {token, user} and the profile', async () => {
    const res = await call(emu, 'POST', '/api/users/auth-via-email', { body: SEED_USER });
    const body = record(res.body);
    expect(Object.keys(body)).toEqual(['token', 'user']);
    const user = record(body.user);
    expect(Object.keys(user)).toEqual(['id', 'created', 'updated', 'email', 'lastResetSentAt', 'verified', 'lastVerificationSentAt', 'profile']);
    expect(user.verified).toBe(true);
    expect(record(user.profile)).toMatchObject({ '@collectionId': 'systemprofiles0', '@collectionName': 'profiles', userId: user.id, name: 'Test User', avatar: '' });
    expect(claims(body.token as string).type).toBe('user');
  });

  it('reports auth methods', async () => {
    expect((await call(emu, 'GET', '/api/users/auth-methods')).body).toEqual({ emailPassword: true, authProviders: [] });
  });

  it('applies the v0.7 guards', async () => {
    const me = await userAuth(emu);
    const other = await newUserAuth(emu, 'guards@example.com');
    expect((await call(emu, 'GET', '/api/users', { auth: me.header })).status).toBe(401);
    expect((await call(emu, 'GET', `/api/users/${me.id}`, { auth: me.header })).status).toBe(200);
    expect((await call(emu, 'GET', `/api/users/${other.id}`, { auth: me.header })).body).toEqual({ code: 403, message: 'You are not allowed to perform this request.', data: {} });
    expect((await call(emu, 'GET', `/api/users/${me.id}`)).body).toEqual({ code: 401, message: 'The request requires admin or user authorization token to be set.', data: {} });
    expect((await call(emu, 'PATCH', `/api/users/${me.id}`, { auth: me.header, body: {} })).status).toBe(401);
    expect((await call(emu, 'GET', `/api/users/${me.id}/external-auths`, { auth: me.header })).body).toEqual([]);
    expect((await call(emu, 'DELETE', `/api/users/${me.id}/external-auths/google`, { auth: me.header })).body).toEqual({ code: 404, message: 'Missing external auth provider relation.', data: {} });
    expect((await call(emu, 'POST', '/api/users/refresh', { auth: admin })).body).toEqual({ code: 401, message: 'The request requires valid user authorization token to be set.', data: {} });
    expect((await call(emu, 'DELETE', `/api/users/${other.id}`, { auth: other.header })).status).toBe(204);
    const list = record((await call(emu, 'GET', '/api/users', { auth: admin })).body);
    expect((list.items as Array<{ email: string }>).map((u) => u.email)).not.toContain('guards@example.com');
  });

  it('validates sign-up', async () => {
    const res = await call(emu, 'POST', '/api/users', { body: { email: SEED_USER.email, password: '123', passwordConfirm: '' } });
    expect(res.body).toEqual({
      code: 400, message: 'Something went wrong while processing your request.',
      data: {
        email: { code: 'validation_user_email_exists', message: 'User email already exists.' },
        password: { code: 'validation_length_out_of_range', message: 'The length must be between 8 and 100.' },
        passwordConfirm: { code: 'validation_required', message: 'Cannot be blank.' },
      },
    });
  });

  it('verifies, resets the password and changes the email through mailbox tokens', async () => {
    const u = await newUserAuth(emu, 'flow@example.com');
    expect((await call(emu, 'POST', '/api/users/request-verification', { body: { email: 'flow@example.com' } })).status).toBe(204);
    const verify = await call(emu, 'POST', '/api/users/confirm-verification', { body: { token: emu.mailbox.lastToken('flow@example.com', 'verification') } });
    expect(record(record(verify.body).user).verified).toBe(true);
    const bad = await call(emu, 'POST', '/api/users/confirm-verification', { body: { token: 'nope' } });
    expect(bad.body).toEqual({ code: 400, message: 'An error occurred while submitting the form.', data: { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } } });

    await call(emu, 'POST', '/api/users/request-password-reset', { body: { email: 'flow@example.com' } });
    const reset = await call(emu, 'POST', '/api/users/confirm-password-reset', {
      body: { token: emu.mailbox.lastToken('flow@example.com', 'password-reset'), password: 'brandnew123', passwordConfirm: 'brandnew123' },
    });
    expect(reset.status).toBe(200);
    const fresh = `User ${record(reset.body).token as string}`;
    expect((await call(emu, 'POST', '/api/users/refresh', { auth: u.header })).status).toBe(401);

    expect((await call(emu, 'POST', '/api/users/request-email-change', { auth: fresh, body: { newEmail: 'moved@example.com' } })).status).toBe(204);
    const change = await call(emu, 'POST', '/api/users/confirm-email-change', {
      body: { token: emu.mailbox.lastToken('moved@example.com', 'email-change'), password: 'brandnew123' },
    });
    expect(record(record(change.body).user).email).toBe('moved@example.com');
  });
});

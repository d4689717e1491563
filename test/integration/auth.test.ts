import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { Admin, BaseAuthStore, ClientResponseError, User, getTokenPayload } from '../../src/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../emulator/index';

class MemoryStore extends BaseAuthStore {}

let emulator: Emulator;
let pb: PocketBase;
const fresh = () => new PocketBase(emulator.url, 'en-US', new MemoryStore());
const failure = async (promise: Promise<unknown>) => {
    const err = await promise.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
    expect(err).toBeInstanceOf(ClientResponseError);
    return err as ClientResponseError;
};

beforeAll(async () => { emulator = await startEmulator({ port: 0 }); });
afterAll(() => emulator.close());
beforeEach(() => { pb = fresh(); });

describe('user auth flows', () => {
    it('authViaEmail saves a User with its profile and a user token', async () => {
        const { token, user } = await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        expect(user).toBeInstanceOf(User);
        expect(user.email).toBe(SEED_USER.email);
        expect(user.profile?.['@collectionName']).toBe('profiles');
        expect(getTokenPayload(token)).toMatchObject({ id: user.id, type: 'user' });
        expect(pb.authStore.isValid).toBe(true);
        expect(pb.authStore.isAdmin).toBe(false);
    });

    it('a wrong password is a 400 "Failed to authenticate." and leaves the store untouched', async () => {
        const err = await failure(pb.users.authViaEmail(SEED_USER.email, 'wrong'));
        expect(err.status).toBe(400);
        expect(err.message).toBe('Failed to authenticate.');
        expect(pb.authStore.token).toBe('');
    });

    it('signing in again while signed in works (the stored token is not sent to the guest-only route)', async () => {
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        await expect(pb.users.authViaEmail(SEED_USER.email, SEED_USER.password)).resolves.toBeDefined();
        // Sending a token by hand shows the guard is real.
        const err = await failure(pb.send('/api/users/auth-via-email', { method: 'POST', body: { email: SEED_USER.email, password: SEED_USER.password } }));
        expect(err.message).toBe('The request can be accessed only by guests.');
    });

    it('refresh returns a new token for the same user', async () => {
        const first = await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const refreshed = await pb.users.refresh();
        expect(refreshed.user.id).toBe(first.user.id);
        expect(pb.authStore.token).toBe(refreshed.token);
    });

    it('listAuthMethods', async () => {
        expect(await pb.users.listAuthMethods()).toEqual({ emailPassword: true, authProviders: [] });
    });

    it('sign-up, verification by emailed token, password reset, email change', async () => {
        const email = 'flow@example.com';
        const created = await pb.users.create({ email, password: 'secret123', passwordConfirm: 'secret123' });
        expect(created.verified).toBe(false);

        await pb.users.requestVerification(email);
        const verificationToken = emulator.mailbox.lastToken(email, 'verification');
        expect(verificationToken).toBeTruthy();
        const verified = await pb.users.confirmVerification(verificationToken!);
        expect(verified.user.verified).toBe(true);

        await pb.users.requestPasswordReset(email);
        const resetToken = emulator.mailbox.lastToken(email, 'password-reset');
        await pb.users.confirmPasswordReset(resetToken!, 'newsecret1', 'newsecret1');
        pb.authStore.clear();
        await pb.users.authViaEmail(email, 'newsecret1');

        await pb.users.requestEmailChange('changed@example.com');
        const changeToken = emulator.mailbox.lastToken('changed@example.com', 'email-change');
        const changed = await pb.users.confirmEmailChange(changeToken!, 'newsecret1');
        expect(changed.user.email).toBe('changed@example.com');
    });

    it('users: list needs an admin; a user may view itself but not others; external auths', async () => {
        const { user } = await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        expect((await failure(pb.users.getList())).status).toBe(401);
        expect((await pb.users.getOne(user.id)).email).toBe(SEED_USER.email);
        expect(await pb.users.listExternalAuths(user.id)).toEqual([]);
        const other = await fresh().users.create({ email: 'other@example.com', password: 'secret123', passwordConfirm: 'secret123' });
        expect([403, 404]).toContain((await failure(pb.users.getOne(other.id))).status);
    });
});

describe('admin auth flows', () => {
    it('authViaEmail saves an Admin; the Admin header reaches admin-only routes', async () => {
        const { admin } = await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        expect(admin).toBeInstanceOf(Admin);
        expect(pb.authStore.isAdmin).toBe(true);
        const users = await pb.users.getFullList();
        expect(users.map((u) => u.email)).toContain(SEED_USER.email);
        const refreshed = await pb.admins.refresh();
        expect(refreshed.admin.id).toBe(admin.id);
    });

    it('admins CRUD and password reset', async () => {
        await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        const created = await pb.admins.create({ email: 'second@example.com', password: 'secret1234', passwordConfirm: 'secret1234' });
        expect((await pb.admins.getList(1, 10)).totalItems).toBe(2);
        await pb.admins.update(created.id, { avatar: 4 });
        expect((await pb.admins.getOne(created.id)).avatar).toBe(4);

        const guest = fresh();
        await guest.admins.requestPasswordReset('second@example.com');
        const token = emulator.mailbox.lastToken('second@example.com', 'password-reset');
        const reset = await guest.admins.confirmPasswordReset(token!, 'another1234', 'another1234');
        expect(reset.admin.email).toBe('second@example.com');
        expect(await pb.admins.delete(created.id)).toBe(true);
    });

    it('a guest gets 401 from admin-only routes with the server message', async () => {
        const err = await failure(pb.admins.getList());
        expect(err.status).toBe(401);
        expect(err.message).toBe('The request requires admin authorization token to be set.');
    });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, ClientResponseError, User } from '../../../src/index';
import { autoRefresh, refreshAuth } from '../../../src/stores/rx/index';
import { authSource } from '../../../src/stores/auth/index';
import { startEmulator, SEED_USER, type Emulator } from '../../emulator/index';
import { fakeToken, inSeconds, startRecordingServer, type CannedResponse, type RecordedRequest } from '../../support/recordingServer';

class MemoryStore extends BaseAuthStore {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 4000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await sleep(5);
    }
}

// The recording server answers refreshes as the test script says, one answer per request.
let script: Array<(req: RecordedRequest) => CannedResponse> = [];
let server: Awaited<ReturnType<typeof startRecordingServer>>;
let emu: Emulator;
beforeAll(async () => {
    server = await startRecordingServer((req) => (script.shift() ?? (() => ({ status: 500, body: {} })))(req));
    emu = await startEmulator();
});
afterAll(async () => {
    await server.close();
    await emu.close();
});
afterEach(() => { script = []; });

const refreshes = () => server.requests.filter((r) => r.path.endsWith('/refresh'));
const freshUser = (): CannedResponse => ({ body: { token: fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) }), user: { id: 'u1', email: 'u@example.com', verified: true } } });

function signedIn(type: 'user' | 'admin', expiresIn: number): PocketBase {
    const pb = new PocketBase(server.url, 'en-US', new MemoryStore());
    pb.authStore.save(fakeToken({ id: type === 'user' ? 'u1' : 'a1', type, exp: inSeconds(expiresIn) }), { id: type === 'user' ? 'u1' : 'a1', email: 'x@example.com' });
    return pb;
}

describe('refreshAuth', () => {
    it('refreshes a real session against the emulator; concurrent calls share one request', async () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const before = emu.requestLog.filter((e) => e.path === '/api/users/refresh').length;
        const first = pb.authStore.model;
        const calls = [refreshAuth(pb), refreshAuth(pb), refreshAuth(pb)];
        expect(calls[1]).toBe(calls[0]);
        await Promise.all(calls);
        expect(emu.requestLog.filter((e) => e.path === '/api/users/refresh').length - before).toBe(1);
        expect(pb.authStore.model).toBeInstanceOf(User);
        expect(pb.authStore.model).not.toBe(first);
        expect(pb.authStore.isValid).toBe(true);
    });

    it('uses the admin route and header for admins', async () => {
        const pb = signedIn('admin', 3600);
        const token = pb.authStore.token;
        script.push(() => ({ body: { token: fakeToken({ id: 'a1', type: 'admin', exp: inSeconds(7200) }), admin: { id: 'a1', email: 'x@example.com' } } }));
        await refreshAuth(pb);
        expect(server.last().path).toBe('/api/admins/refresh');
        expect(server.last().headers.authorization).toBe('Admin ' + token);
        expect(pb.authStore.isAdmin).toBe(true);
        expect(pb.authStore.token).not.toBe(token);
    });

    it('a 401 signs out cleanly; a network failure or a 5xx keeps the auth', async () => {
        const pb = signedIn('user', 3600);
        const token = pb.authStore.token;
        script.push(() => ({ destroy: true }));
        const network = await refreshAuth(pb).catch((e: unknown) => e);
        expect(network).toBeInstanceOf(ClientResponseError);
        expect((network as ClientResponseError).status).toBe(0);
        expect(pb.authStore.token).toBe(token);

        script.push(() => ({ status: 503, body: { code: 503, message: 'busy', data: {} } }));
        await expect(refreshAuth(pb)).rejects.toMatchObject({ status: 503 });
        expect(pb.authStore.token).toBe(token);

        script.push(() => ({ status: 401, body: { code: 401, message: 'The request requires valid user authorization token to be set.', data: {} } }));
        await expect(refreshAuth(pb)).rejects.toMatchObject({ status: 401 });
        expect(pb.authStore.token).toBe('');
        expect(pb.authStore.model).toBeNull();
    });

    it('never overwrites a logout (or a 401 a new login) that happened while the refresh was in flight', async () => {
        const pb = signedIn('user', 3600);
        script.push(() => ({ ...freshUser(), delayMs: 50 }));
        const pending = refreshAuth(pb);
        pb.authStore.clear();
        await pending;
        expect(pb.authStore.token).toBe('');

        const pb2 = signedIn('user', 3600);
        script.push(() => ({ status: 401, body: {}, delayMs: 50 }));
        const failing = refreshAuth(pb2).catch(() => undefined);
        const newLogin = fakeToken({ id: 'u2', type: 'user', exp: inSeconds(3600) });
        pb2.authStore.save(newLogin, { id: 'u2' });
        await failing;
        expect(pb2.authStore.token).toBe(newLogin);
    });
});

describe('autoRefresh', () => {
    it('refreshes before expiry, plans the next one, and stop() leaves nothing behind', async () => {
        const pb = signedIn('user', 1); // expires within a second: refreshed halfway there at the latest
        const before = refreshes().length;
        script.push(freshUser);
        const stop = autoRefresh(pb, { before: 60 });
        expect(pb.authStore.listenerCount).toBe(1);
        await until(() => refreshes().length > before && pb.authStore.token !== '' && (pb.authStore.model?.email === 'u@example.com'));
        expect(pb.authStore.isValid).toBe(true);
        await sleep(50);
        expect(refreshes().length - before).toBe(1); // the new token lives an hour: nothing more now
        stop();
        expect(pb.authStore.listenerCount).toBe(0);
        expect(authSource(pb).listenerCount).toBe(0);
    });

    it('a network failure keeps the auth and retries later; a 401 signs out and stops retrying', async () => {
        const pb = signedIn('user', 1);
        const token = pb.authStore.token;
        const before = refreshes().length;
        const errors: number[] = [];
        script.push(() => ({ destroy: true }), () => ({ status: 502, body: {} }), freshUser);
        const stop = autoRefresh(pb, { before: 60, retryDelay: 0.02, onError: (e) => errors.push(e.status) });
        await until(() => refreshes().length - before === 1);
        expect(pb.authStore.token).toBe(token);
        await until(() => pb.authStore.model?.email === 'u@example.com');
        expect(errors).toEqual([0, 502]);
        expect(refreshes().length - before).toBe(3);
        stop();

        const pb2 = signedIn('user', 1);
        const before2 = refreshes().length;
        script.push(() => ({ status: 401, body: {} }));
        const stop2 = autoRefresh(pb2, { before: 60, retryDelay: 0.02 });
        await until(() => pb2.authStore.token === '');
        await sleep(80);
        expect(refreshes().length - before2).toBe(1);
        stop2();
    });

    it('refreshes that autoRefresh and the app start at the same time are coalesced', async () => {
        const pb = signedIn('user', 1);
        const before = refreshes().length;
        script.push(() => ({ ...freshUser(), delayMs: 100 }));
        const stop = autoRefresh(pb, { before: 60 });
        await until(() => refreshes().length > before);
        await refreshAuth(pb); // joins the one in flight
        expect(refreshes().length - before).toBe(1);
        expect(pb.authStore.model?.email).toBe('u@example.com');
        stop();
    });

    it('does nothing for a signed-out client or a token without exp', async () => {
        const pb = new PocketBase(server.url, 'en-US', new MemoryStore());
        const before = refreshes().length;
        const stop = autoRefresh(pb);
        pb.authStore.save(fakeToken({ id: 'u1', type: 'user' }), { id: 'u1' });
        await sleep(30);
        expect(refreshes().length).toBe(before);
        stop();
        stop();
        expect(pb.authStore.listenerCount).toBe(0);
    });
});

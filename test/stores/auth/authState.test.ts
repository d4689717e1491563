import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import PocketBase, { Admin, BaseAuthStore, LocalAuthStore, User } from '../../../src/index';
import { authState, type AuthState } from '../../../src/stores/rx/index';
import { authAtom } from '../../../src/stores/nano/index';
import { startEmulator, SEED_ADMIN, SEED_USER, type Emulator } from '../../emulator/index';
import { fakeToken, inSeconds } from '../../support/recordingServer';

let emu: Emulator;
beforeAll(async () => { emu = await startEmulator(); });
afterAll(async () => { await emu.close(); });
afterEach(() => { vi.useRealTimers(); });

class MemoryStore extends BaseAuthStore {}

function record(pb: PocketBase) {
    const states: AuthState[] = [];
    const sub = authState(pb).subscribe((s) => states.push(s));
    return { states, stop: () => sub.unsubscribe() };
}

describe('authState (rx)', () => {
    it('emits the current state, then exactly once per login, refresh and logout', async () => {
        const pb = new PocketBase(emu.url);
        const { states, stop } = record(pb);
        expect(states).toEqual([{ token: '', model: null, isValid: false, isAdmin: false }]);

        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        expect(states).toHaveLength(2);
        expect(states[1]!.isValid).toBe(true);
        expect(states[1]!.isAdmin).toBe(false);
        expect(states[1]!.model).toBeInstanceOf(User);
        expect(states[1]!.token).toBe(pb.authStore.token);

        // A token is a function of its claims and the second it was issued in: cross a second so the
        // refresh really changes it (an identical token and model is no change, and emits nothing).
        await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
        await pb.users.refresh();
        expect(states).toHaveLength(3);
        expect(states[2]!.token).not.toBe(states[1]!.token);
        expect(states[2]!.model).not.toBe(states[1]!.model);

        pb.authStore.clear();
        expect(states).toHaveLength(4);
        expect(states[3]).toEqual({ token: '', model: null, isValid: false, isAdmin: false });

        await pb.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
        expect(states).toHaveLength(5);
        expect(states[4]!.isAdmin).toBe(true);
        expect(states[4]!.model).toBeInstanceOf(Admin);
        stop();
        expect(pb.authStore.listenerCount).toBe(0);
    });

    it('a later subscriber gets the current state; all subscribers share one store listener', async () => {
        const pb = new PocketBase(emu.url);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const a = record(pb);
        const b = record(pb);
        expect(pb.authStore.listenerCount).toBe(1);
        expect(b.states).toEqual(a.states);
        expect(b.states[0]!.isValid).toBe(true);
        a.stop();
        expect(pb.authStore.listenerCount).toBe(1);
        b.stop();
        expect(pb.authStore.listenerCount).toBe(0);
    });

    it('loadFromCookie reaches subscribers once', async () => {
        const server = new PocketBase(emu.url);
        await server.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        const cookie = server.authStore.exportToCookie({ httpOnly: false }).split(';')[0]!;

        const pb = new PocketBase(emu.url);
        const { states, stop } = record(pb);
        pb.authStore.loadFromCookie(cookie);
        expect(states).toHaveLength(2);
        expect(states[1]!.token).toBe(server.authStore.token);
        expect((states[1]!.model as User).email).toBe(SEED_USER.email);
        pb.authStore.loadFromCookie('pb_auth=garbage');
        expect(states).toHaveLength(3);
        expect(states[2]!.isValid).toBe(false);
        stop();
    });

    it('works with a custom auth store, and a save that changes nothing emits nothing', () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        const { states, stop } = record(pb);
        const token = fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) });
        pb.authStore.save(token, { id: 'u1', email: 'a@example.com' });
        expect(states).toHaveLength(2);
        pb.authStore.save(pb.authStore.token, pb.authStore.model);
        expect(states).toHaveLength(2);
        stop();
    });

    it('follows pb.authStore being replaced, and leaves no listener on either store', () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        const first = pb.authStore;
        const { states, stop } = record(pb);
        const second = new MemoryStore();
        second.save(fakeToken({ id: 'a1', type: 'admin', exp: inSeconds(3600) }), { id: 'a1', email: 'admin@x.io' });

        pb.authStore = second;
        expect(pb.authStore).toBe(second);
        expect(states).toHaveLength(2);
        expect(states[1]!.isAdmin).toBe(true);
        expect(first.listenerCount).toBe(0);
        expect(second.listenerCount).toBe(1);

        first.clear(); // the old store no longer matters
        expect(states).toHaveLength(2);
        second.clear();
        expect(states).toHaveLength(3);
        expect(pb.authHeader()).toBe('');

        stop();
        expect(second.listenerCount).toBe(0);
        pb.authStore = first;
        expect(pb.authStore).toBe(first);
        expect(states).toHaveLength(3);
        expect(first.listenerCount + second.listenerCount).toBe(0);
    });

    it('flips isValid when the token expires, without a request, and clears its timer on unsubscribe', () => {
        vi.useFakeTimers();
        const pb = new PocketBase('http://127.0.0.1:9', 'en-US', new MemoryStore());
        pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(10) }), { id: 'u1' });
        const { states, stop } = record(pb);
        expect(states[0]!.isValid).toBe(true);
        expect(vi.getTimerCount()).toBe(1);
        vi.advanceTimersByTime(9_000);
        expect(states).toHaveLength(1);
        vi.advanceTimersByTime(1_000);
        expect(states).toHaveLength(2);
        expect(states[1]).toMatchObject({ isValid: false, token: pb.authStore.token });
        expect(vi.getTimerCount()).toBe(0); // nothing more to wait for

        pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(60) }), { id: 'u1' });
        expect(vi.getTimerCount()).toBe(1);
        stop();
        expect(vi.getTimerCount()).toBe(0);
    });

    it('waits for far expiries beyond setTimeout range', () => {
        vi.useFakeTimers();
        const pb = new PocketBase('http://127.0.0.1:9', 'en-US', new MemoryStore());
        pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(40 * 24 * 3600) }), { id: 'u1' });
        const { states, stop } = record(pb);
        vi.advanceTimersByTime(30 * 24 * 3600 * 1000);
        expect(states).toHaveLength(1);
        vi.advanceTimersByTime(10 * 24 * 3600 * 1000);
        expect(states).toHaveLength(2);
        expect(states[1]!.isValid).toBe(false);
        stop();
    });
});

describe('authAtom (nano)', () => {
    it('is one atom per client, current even on a bare .get()', async () => {
        const pb = new PocketBase(emu.url);
        const $auth = authAtom(pb);
        expect(authAtom(pb)).toBe($auth);
        expect(authAtom(new PocketBase(emu.url))).not.toBe($auth);
        expect($auth.get().isValid).toBe(false);
        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        expect($auth.get().isValid).toBe(true);
        await Promise.resolve();
        expect(pb.authStore.listenerCount).toBe(0);
    });

    it('changes once per auth change while listened to, and lets go one microtask after the last listener', async () => {
        const pb = new PocketBase(emu.url, 'en-US', new LocalAuthStore('atom-test', { storage: null, events: null }));
        const $auth = authAtom(pb);
        const seen: AuthState[] = [];
        const stop = $auth.subscribe((s) => seen.push(s));
        await Promise.resolve();
        expect(pb.authStore.listenerCount).toBe(1);
        expect(seen).toHaveLength(1);

        await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password);
        pb.authStore.clear();
        expect(seen.map((s) => s.isValid)).toEqual([false, true, false]);

        stop();
        await Promise.resolve();
        expect(pb.authStore.listenerCount).toBe(0);
    });

    it('a change between the first listener and the microtask is not lost', async () => {
        const pb = new PocketBase(emu.url, 'en-US', new MemoryStore());
        const $auth = authAtom(pb);
        const seen: AuthState[] = [];
        const stop = $auth.subscribe((s) => seen.push(s));
        pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(60) }), { id: 'u1' });
        await Promise.resolve();
        expect(seen.map((s) => s.isValid)).toEqual([false, true]);
        stop();
    });
});

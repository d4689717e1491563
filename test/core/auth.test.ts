// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { Admin, BaseAuthStore, LocalAuthStore, User, cookieParse } from '../../src/index';
import { fakeToken, inSeconds } from '../support/recordingServer';

class MemoryStore extends BaseAuthStore {}

const userToken = () => fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) });
const adminToken = () => fakeToken({ id: 'a1', type: 'admin', exp: inSeconds(3600) });

beforeEach(() => window.localStorage.clear());

describe('BaseAuthStore', () => {
    it('isValid follows the token exp; malformed tokens are invalid', () => {
        const store = new MemoryStore();
        expect(store.isValid).toBe(false);
        store.save(userToken(), { id: 'u1' });
        expect(store.isValid).toBe(true);
        store.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(-10) }), { id: 'u1' });
        expect(store.isValid).toBe(false);
        store.save('garbage', { id: 'u1' });
        expect(store.isValid).toBe(false);
    });

    it('isAdmin / isUser come from the token type', () => {
        const store = new MemoryStore();
        store.save(adminToken(), { id: 'a1', verified: false });
        expect([store.isAdmin, store.isUser]).toEqual([true, false]);
        expect(store.model).toBeInstanceOf(Admin);
        store.save(userToken(), { id: 'u1' });
        expect([store.isAdmin, store.isUser]).toEqual([false, true]);
    });

    it('onChange fires once per change, optionally immediately, and its remover works once', () => {
        const store = new MemoryStore();
        const calls: string[] = [];
        const remove = store.onChange((token) => calls.push(token), true);
        store.save('t1', { id: 'x', verified: true });
        store.clear();
        remove();
        remove();
        store.save('t2', null);
        expect(calls).toEqual(['', 't1', '']);
        expect(store.listenerCount).toBe(0);
    });

    it('a throwing listener does not stop the others, and the caller still hears about it', () => {
        const store = new MemoryStore();
        const seen: string[] = [];
        store.onChange(() => { throw new Error('boom'); });
        store.onChange((token) => seen.push(token));
        expect(() => store.save('t', null)).toThrow('boom');
        expect(seen).toEqual(['t']);
        expect(store.token).toBe('t');
    });
});

describe('cookies', () => {
    it('round-trips the token and the model class through exportToCookie/loadFromCookie', () => {
        const store = new MemoryStore();
        const token = adminToken();
        store.save(token, { id: 'a1', email: 'a@example.com', avatar: 2 });
        const cookie = store.exportToCookie();
        expect(cookie).toMatch(/^pb_auth=/);
        expect(cookie).toContain('Path=/');
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('Secure');
        expect(cookie).toContain('SameSite=Strict');
        expect(cookie).toMatch(/Expires=\w{3}, \d{2} \w{3} \d{4}/);

        const other = new MemoryStore();
        other.loadFromCookie(cookie.split(';')[0]!);
        expect(other.token).toBe(token);
        expect(other.model).toBeInstanceOf(Admin);
        expect(other.model?.email).toBe('a@example.com');
    });

    it('options override the defaults; a custom key works', () => {
        const store = new MemoryStore();
        store.save(userToken(), { id: 'u1' });
        const cookie = store.exportToCookie({ httpOnly: false, sameSite: 'lax' }, 'my_auth');
        expect(cookie).toMatch(/^my_auth=/);
        expect(cookie).not.toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Lax');
    });

    it('shrinks an oversized model to fit 4096 bytes', () => {
        const store = new MemoryStore();
        store.save(userToken(), { id: 'u1', email: 'u@example.com', verified: true, profile: { id: 'p', bio: 'x'.repeat(5000) } });
        const cookie = store.exportToCookie();
        expect(cookie.length).toBeLessThan(4096);
        const model = JSON.parse(cookieParse(cookie).pb_auth!).model;
        expect(model).toEqual({ id: 'u1', email: 'u@example.com', verified: true });
    });

    it.each([
        ['empty', ''],
        ['no such cookie', 'other=1'],
        ['not JSON', 'pb_auth=%7Bnot-json'],
        ['a JSON array', 'pb_auth=%5B1%2C2%5D'],
        ['token not a string', 'pb_auth=' + encodeURIComponent(JSON.stringify({ token: 123, model: { id: 'x' } }))],
        ['model not an object', 'pb_auth=' + encodeURIComponent(JSON.stringify({ token: 'abc', model: 'x' }))],
        ['bad percent-encoding', 'pb_auth=%E0%A4%A'],
        ['prototype pollution attempt', 'pb_auth=' + encodeURIComponent('{"__proto__":{"polluted":1},"token":"","model":null}')],
        ['semicolons and equals everywhere', ';;==;pb_auth;=;'],
    ])('a hostile cookie (%s) leaves a clean signed-out state', (_name, cookie) => {
        const store = new MemoryStore();
        store.save(userToken(), { id: 'u1' });
        let changes = 0;
        store.onChange(() => changes++);
        expect(() => store.loadFromCookie(cookie)).not.toThrow();
        expect(store.token).toBe('');
        expect(store.model).toBeNull();
        expect(changes).toBe(1);
        expect(({} as { polluted?: number }).polluted).toBeUndefined();
    });
});

describe('LocalAuthStore', () => {
    it('persists in localStorage and restores the right model class in a new instance', () => {
        const store = new LocalAuthStore();
        const token = userToken();
        store.save(token, { id: 'u1', email: 'u@example.com', profile: { id: 'p1' } });
        expect(JSON.parse(window.localStorage.getItem('pocketbase_auth')!).token).toBe(token);
        const restored = new LocalAuthStore();
        expect(restored.token).toBe(token);
        expect(restored.model).toBeInstanceOf(User);
        restored.clear();
        expect(window.localStorage.getItem('pocketbase_auth')).toBeNull();
    });

    it('a custom storage key', () => {
        new LocalAuthStore('custom_key').save(adminToken(), { id: 'a1' });
        expect(window.localStorage.getItem('custom_key')).not.toBeNull();
        expect(new LocalAuthStore('custom_key').model).toBeInstanceOf(Admin);
    });

    it.each([['garbage', '{oops'], ['a number', '42'], ['null', 'null'], ['token not string', '{"token":{},"model":{}}']])(
        'a corrupted entry (%s) reads as signed out, never throws',
        (_name, raw) => {
            window.localStorage.setItem('pocketbase_auth', raw);
            const store = new LocalAuthStore();
            expect(store.token).toBe('');
            expect(store.model).toBeNull();
            expect(store.isValid).toBe(false);
        },
    );

    it('follows another tab through the storage event while it has listeners, once per change', () => {
        const store = new LocalAuthStore();
        const seen: string[] = [];
        const remove = store.onChange((token) => seen.push(token));
        const token = userToken();
        // What another tab's write looks like here: the entry changes, then a storage event arrives.
        window.localStorage.setItem('pocketbase_auth', JSON.stringify({ token, model: { id: 'u1' } }));
        window.dispatchEvent(new StorageEvent('storage', { key: 'pocketbase_auth' }));
        window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated' }));
        window.localStorage.removeItem('pocketbase_auth');
        window.dispatchEvent(new StorageEvent('storage', { key: null }));
        expect(seen).toEqual([token, '']);
        remove();
        window.localStorage.setItem('pocketbase_auth', JSON.stringify({ token: 'x', model: {} }));
        window.dispatchEvent(new StorageEvent('storage', { key: 'pocketbase_auth' }));
        expect(seen).toHaveLength(2);
    });

    it('works in memory without any storage, and when storage throws', () => {
        const memory = new LocalAuthStore('k', { storage: null, events: null });
        memory.save(userToken(), { id: 'u1' });
        expect(memory.model).toBeInstanceOf(User);

        const throwing = {
            getItem: () => { throw new Error('SecurityError'); },
            setItem: () => { throw new Error('QuotaExceededError'); },
            removeItem: () => { throw new Error('SecurityError'); },
        };
        const store = new LocalAuthStore('k', { storage: throwing, events: null });
        const token = userToken();
        store.save(token, { id: 'u1' });
        expect(store.token).toBe(token);
        store.clear();
        expect(store.token).toBe('');
    });
});

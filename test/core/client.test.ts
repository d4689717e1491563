import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { Admin, BaseAuthStore, ClientResponseError, Record, User } from '../../src/index';
import { fakeToken, inSeconds, startRecordingServer } from '../support/recordingServer';

type Server = Awaited<ReturnType<typeof startRecordingServer>>;
class MemoryStore extends BaseAuthStore {}

let server: Server;
let pb: PocketBase;

beforeAll(async () => {
    server = await startRecordingServer((req) => (req.query.get('slow') ? { delayMs: 300, body: { ok: true } } : { body: { ok: true } }));
});
afterAll(() => server.close());
beforeEach(() => {
    pb = new PocketBase(server.url, 'pl-PL', new MemoryStore());
});

describe('headers', () => {
    it('sends Accept-Language from lang and no Authorization without a token', async () => {
        await pb.send('/api/x', {});
        expect(server.last().headers['accept-language']).toBe('pl-PL');
        expect(server.last().headers.authorization).toBeUndefined();
    });

    it('chooses Admin or User from the token type claim, not from model fields', async () => {
        const adminToken = fakeToken({ id: 'a1', type: 'admin', exp: inSeconds(3600) });
        // An admin model that happens to carry a `verified` field is still an admin.
        pb.authStore.save(adminToken, { id: 'a1', email: 'a@example.com', verified: true });
        await pb.send('/api/x', {});
        expect(server.last().headers.authorization).toBe('Admin ' + adminToken);
        expect(pb.authStore.model).toBeInstanceOf(Admin);

        const userToken = fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) });
        pb.authStore.save(userToken, { id: 'u1', email: 'u@example.com' });
        await pb.send('/api/x', {});
        expect(server.last().headers.authorization).toBe('User ' + userToken);
        expect(pb.authStore.model).toBeInstanceOf(User);
    });

    it('without a type claim, falls back to the model class', async () => {
        pb.authStore.save('not-a-jwt', new Admin({ id: 'a1' }));
        await pb.send('/api/x', {});
        expect(server.last().headers.authorization).toBe('Admin not-a-jwt');
        pb.authStore.save('not-a-jwt', new User({ id: 'u1' }));
        await pb.send('/api/x', {});
        expect(server.last().headers.authorization).toBe('User not-a-jwt');
    });

    it('keeps headers the caller set, whatever their case', async () => {
        pb.authStore.save(fakeToken({ type: 'user' }), { id: 'u1' });
        await pb.send('/api/x', { headers: { authorization: 'Custom abc', 'accept-language': 'de' } });
        expect(server.last().headers.authorization).toBe('Custom abc');
        expect(server.last().headers['accept-language']).toBe('de');
    });
});

describe('query and body', () => {
    it('serialises arrays, dates, objects and skips nulls; strips $autoCancel and $cancelKey', async () => {
        const date = new Date('2022-10-01T10:00:00.000Z');
        await pb.send('/api/x', { params: { a: [1, 2], d: date, o: { k: 'v' }, n: null, u: undefined, s: 'a b&c', $autoCancel: false, $cancelKey: 'k' } });
        const query = server.last().query;
        expect(query.getAll('a')).toEqual(['1', '2']);
        expect(query.get('d')).toBe('2022-10-01T10:00:00.000Z');
        expect(query.get('o')).toBe('{"k":"v"}');
        expect(query.has('n') || query.has('u') || query.has('$autoCancel') || query.has('$cancelKey')).toBe(false);
        expect(query.get('s')).toBe('a b&c');
    });

    it('never mutates the caller\'s options', async () => {
        const options = { method: 'POST', params: { $autoCancel: false, a: 1 }, body: { x: 1 }, headers: { 'X-A': '1' } };
        const snapshot = JSON.parse(JSON.stringify(options));
        await pb.send('/api/x', options);
        expect(options).toEqual(snapshot);
    });

    it('sends FormData as multipart with its own boundary (file upload)', async () => {
        const form = new FormData();
        form.append('title', 'hello');
        form.append('file', new Blob(['file-content'], { type: 'text/plain' }), 'a.txt');
        await pb.records.create('posts', form);
        const req = server.last();
        expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
        expect(req.body).toContain('name="title"');
        expect(req.body).toContain('filename="a.txt"');
        expect(req.body).toContain('file-content');
    });

    it('sends models (a fetched Record, a User) as JSON, like plain objects', async () => {
        const record = new Record({ id: 'r1', title: 'edited', '@collectionId': 'c1' });
        await pb.records.update('posts', record.id, record);
        expect(server.last().headers['content-type']).toBe('application/json');
        expect(server.last().json).toMatchObject({ id: 'r1', title: 'edited' });
        await pb.users.update('u1', new User({ id: 'u1', email: 'u@example.com' }));
        expect(server.last().json).toMatchObject({ email: 'u@example.com' });
    });

    it('sends a string as already serialised JSON, unless another Content-Type is set', async () => {
        await pb.send('/api/x', { method: 'POST', body: '{"a":1}' });
        expect(server.last().headers['content-type']).toBe('application/json');
        expect(server.last().json).toEqual({ a: 1 });
    });

    it('sends strings as they are and keeps an explicit Content-Type', async () => {
        await pb.send('/api/x', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
        expect(server.last().body).toBe('a=1');
        expect(server.last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    });
});

describe('hooks', () => {
    it('beforeSend sees the final URL and can replace the options', async () => {
        const seen: string[] = [];
        pb.beforeSend = (url, options) => {
            seen.push(url);
            return { ...options, headers: { ...options.headers, 'X-Custom': 'yes' } };
        };
        await pb.send('/api/x', { params: { a: 1 } });
        expect(seen).toEqual([`${server.url}/api/x?a=1`]);
        expect(server.last().headers['x-custom']).toBe('yes');
    });

    it('beforeSend may mutate and return nothing', async () => {
        pb.beforeSend = (_url, options) => { options.headers = { ...options.headers, 'X-M': '1' }; };
        await pb.send('/api/x', {});
        expect(server.last().headers['x-m']).toBe('1');
    });

    it('afterSend gets the response and decides the result', async () => {
        pb.afterSend = (response, data) => ({ status: response.status, data });
        await expect(pb.send('/api/x', {})).resolves.toEqual({ status: 200, data: { ok: true } });
    });

    it('a throwing hook rejects with a ClientResponseError keeping the original error', async () => {
        const boom = new Error('hook failed');
        pb.beforeSend = () => { throw boom; };
        const err = await pb.send('/api/x', {}).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ClientResponseError);
        expect((err as ClientResponseError).originalError).toBe(boom);
        expect((err as ClientResponseError).message).toBe('hook failed');
        expect(pb.pendingRequestCount).toBe(0);
    });
});

describe('auto-cancellation', () => {
    it('a second request with the same method+path cancels the first', async () => {
        const first = pb.records.getList('posts', 1, 20, { slow: '1' });
        const second = pb.records.getList('posts', 2, 20, { slow: '1' });
        const err = await first.catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ClientResponseError);
        expect((err as ClientResponseError).isAbort).toBe(true);
        await expect(second).resolves.toBeDefined();
        expect(pb.pendingRequestCount).toBe(0);
    });

    it('$autoCancel: false opts out; $cancelKey groups by key', async () => {
        const a = pb.send('/api/x', { params: { slow: '1', $autoCancel: false } });
        const b = pb.send('/api/x', { params: { slow: '1', $autoCancel: false } });
        const c = pb.send('/api/y', { params: { slow: '1', $cancelKey: 'k' } });
        const d = pb.send('/api/z', { params: { slow: '1', $cancelKey: 'k' } });
        const results = await Promise.allSettled([a, b, c, d]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    });

    it('cancelRequest and cancelAllRequests abort and are chainable; the server sees the connection closed', async () => {
        const a = pb.send('/api/a', { params: { slow: '1' } });
        const b = pb.send('/api/b', { params: { slow: '1' } });
        const c = pb.send('/api/c', { params: { slow: '1' } });
        await new Promise((r) => setTimeout(r, 50));
        expect(pb.cancelRequest('GET/api/a')).toBe(pb);
        expect(pb.cancelAllRequests()).toBe(pb);
        const results = await Promise.allSettled([a, b, c]);
        expect(results.every((r) => r.status === 'rejected' && (r.reason as ClientResponseError).isAbort)).toBe(true);
        await new Promise((r) => setTimeout(r, 50));
        expect(server.requests.filter((r) => ['/api/a', '/api/b', '/api/c'].includes(r.path)).every((r) => r.aborted)).toBe(true);
    });

    it('a caller signal still aborts an auto-cancellable request, and its listener is removed after', async () => {
        const controller = new AbortController();
        const pending = pb.send('/api/x', { params: { slow: '1' }, signal: controller.signal });
        controller.abort();
        await expect(pending).rejects.toMatchObject({ isAbort: true });

        const signal = new AbortController().signal;
        let listeners = 0;
        const add = signal.addEventListener.bind(signal);
        const remove = signal.removeEventListener.bind(signal);
        signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => { listeners++; add(...args); };
        signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => { listeners--; remove(...args); };
        await pb.send('/api/x', { signal });
        expect(listeners).toBe(0);
    });

    it('takes an AbortSignal given as the signal query parameter (not sent); any other signal value is sent', async () => {
        const controller = new AbortController();
        const pending = pb.records.getList('posts', 1, 30, { slow: '1', signal: controller.signal });
        controller.abort();
        await expect(pending).rejects.toMatchObject({ isAbort: true });
        await new Promise((r) => setTimeout(r, 50));
        const aborted = server.requests.filter((r) => r.path === '/api/collections/posts/records').at(-1)!;
        expect(aborted.aborted).toBe(true);
        expect(aborted.query.has('signal')).toBe(false);
        expect(aborted.query.get('perPage')).toBe('30');

        await pb.send('/api/x', { params: { signal: 'strong', $autoCancel: false } });
        expect(server.last().query.get('signal')).toBe('strong');
        expect(server.last().query.has('$autoCancel')).toBe(false);
    });
});

describe('buildUrl and aliases', () => {
    it('joins with exactly one slash', () => {
        expect(new PocketBase('http://h').buildUrl('/api/x')).toBe('http://h/api/x');
        expect(new PocketBase('http://h/').buildUrl('api/x')).toBe('http://h/api/x');
        expect(new PocketBase().buildUrl('/api/x')).toBe('/api/x');
    });

    it('keeps the legacy capitalised aliases', () => {
        expect(pb.Records).toBe(pb.records);
        expect(pb.Users).toBe(pb.users);
        expect(pb.Admins).toBe(pb.admins);
        expect(pb.Collections).toBe(pb.collections);
        expect(pb.Logs).toBe(pb.logs);
        expect(pb.Settings).toBe(pb.settings);
        expect(pb.AuthStore).toBe(pb.authStore);
    });
});

describe('onAuthChange', () => {
    it('follows changes of the current store and its replacement, and unbinds from every store', () => {
        const first = pb.authStore;
        const seen: string[] = [];
        const stop = pb.onAuthChange((store) => seen.push(store.token));
        first.save('t1', null);
        const second = new MemoryStore();
        pb.authStore = second;
        first.save('ignored', null);
        second.save('t2', null);
        pb.authStore = second; // the same store again is no change
        expect(seen).toEqual(['t1', '', 't2']);
        expect(first.listenerCount).toBe(0);
        expect(second.listenerCount).toBe(1);
        stop();
        stop();
        expect(second.listenerCount).toBe(0);
    });
});

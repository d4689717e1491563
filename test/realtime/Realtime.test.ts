import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import PocketBase, { BaseAuthStore, Client, ClientResponseError, Realtime, Record, type ConnectionState, type MessageData, type RealtimeError } from '../../src/index';
import { errorResponse, fakeEventSourceClass, fakeRealtimeFetch, fakeToken, manualTimers, settle, type RecordedPost } from './fakes';

class MemoryStore extends BaseAuthStore {}

const message = (action: string, id: string) => JSON.stringify({ action, record: { id, '@collectionName': 'posts' } });

function setup(respond?: (post: RecordedPost) => Response | Promise<Response>) {
    const sources = fakeEventSourceClass();
    const server = fakeRealtimeFetch(respond);
    const timers = manualTimers();
    const pb = new PocketBase('http://pb.test', 'en-US', new MemoryStore(), {
        fetch: server.fetch,
        EventSource: sources.EventSource,
        realtime: { timers, connectTimeout: 5000, backoff: { initialDelay: 100, maxDelay: 1000, random: () => 1 } },
    });
    const errors: RealtimeError[] = [];
    pb.realtime.onError((error) => errors.push(error));
    const states: ConnectionState[] = [];
    pb.realtime.onStateChange((state) => states.push(state));
    /** Waits for the EventSource to be created and plays PB_CONNECT on it. */
    const connect = async (clientId: string) => {
        await settle();
        const source = sources.open().at(-1)!;
        source.connect(clientId);
        await settle();
        return source;
    };
    return { pb, sources, server, timers, errors, states, connect };
}

/** The promise's state without waiting for it. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
    let state: 'pending' | 'resolved' | 'rejected' = 'pending';
    promise.then(() => { state = 'resolved'; }, () => { state = 'rejected'; });
    await settle();
    return state;
}

// The engine chunk is imported on the first subscription; under vitest the first import of a file
// transforms it, which takes longer than the settle() steps these scripted tests take. With the
// module transformed up front, the first client's import resolves within one settle() and later
// clients find the engine loaded (the lazy loading itself is tested in lazy.test.ts).
beforeAll(() => import('../../src/realtime/engine'));

afterEach(() => {
    vi.restoreAllMocks();
});

describe('subscribe / unsubscribe', () => {
    it('N subscribers on M topics in one tick share one EventSource and one POST carrying the full list', async () => {
        const { pb, sources, server, connect } = setup();
        const subscribed = Promise.all([
            pb.realtime.subscribe('posts', () => {}),
            pb.realtime.subscribe('posts', () => {}),
            pb.realtime.subscribe('posts/r1', () => {}),
            pb.realtime.subscribe('categories', () => {}),
            pb.realtime.subscribe('posts/r1', () => {}),
        ]);
        await connect('client1');
        await subscribed;
        expect(sources.instances).toHaveLength(1);
        expect(sources.instances[0]!.url).toBe('http://pb.test/api/realtime');
        expect(server.posts).toEqual([{ clientId: 'client1', subscriptions: ['posts', 'posts/r1', 'categories'], authorization: '' }]);
        expect(pb.realtime.topics).toEqual(['posts', 'posts/r1', 'categories']);
        expect(pb.realtime.clientId).toBe('client1');
        expect(pb.realtime.subscriberCount).toBe(5);
        expect(pb.realtime.state).toBe('connected');
    });

    it('resolves only once the server accepted the topic list', async () => {
        let accept: (response: Response) => void = () => {};
        const { pb, connect } = setup(() => new Promise((resolve) => { accept = resolve; }));
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        expect(await stateOf(subscribed)).toBe('pending');
        expect(pb.realtime.topics).toEqual([]);
        accept(new Response(null, { status: 204 }));
        expect(await stateOf(subscribed)).toBe('resolved');
        expect(pb.realtime.topics).toEqual(['posts']);
    });

    it('gives every callback of a topic every message as { action, record: Record }; a throwing one does not stop the others', async () => {
        const { pb, connect, errors } = setup();
        const first: MessageData[] = [];
        const second: MessageData[] = [];
        const subscribed = Promise.all([
            pb.realtime.subscribe('posts', (msg) => first.push(msg)),
            pb.realtime.subscribe('posts', () => { throw new Error('subscriber bug'); }),
            pb.realtime.subscribe('posts', (msg) => second.push(msg)),
        ]);
        const source = await connect('client1');
        await subscribed;
        source.frame('posts', message('create', 'r1'));
        source.frame('posts', message('delete', 'r1'));
        expect(first.map((msg) => msg.action)).toEqual(['create', 'delete']);
        expect(second.map((msg) => msg.action)).toEqual(['create', 'delete']);
        expect(first[0]!.record).toBeInstanceOf(Record);
        expect(first[0]!.record.id).toBe('r1');
        expect(errors.filter((error) => error.kind === 'callback')).toHaveLength(2);
        expect(errors[0]).toMatchObject({ kind: 'callback', topic: 'posts' });
        expect((errors[0]!.error as Error).message).toBe('subscriber bug');
    });

    it('a second callback on an accepted topic needs no POST and resolves at once', async () => {
        const { pb, server, connect } = setup();
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await subscribed;
        await pb.realtime.subscribe('posts', () => {});
        expect(server.posts).toHaveLength(1);
    });

    it('a remover removes its own callback only; unsubscribe(topic) drops the whole topic and stops delivery at once', async () => {
        let hold = false;
        const held: Array<() => void> = [];
        const { pb, server, connect } = setup(() => hold
            ? new Promise((resolve) => held.push(() => resolve(new Response(null, { status: 204 }))))
            : new Response(null, { status: 204 }));
        const got: string[] = [];
        const subscribed = Promise.all([
            pb.realtime.subscribe('posts', () => got.push('a')),
            pb.realtime.subscribe('posts', () => got.push('b')),
            pb.realtime.subscribe('categories', () => got.push('c')),
        ]);
        const source = await connect('client1');
        const [removeA] = await subscribed;
        await removeA();
        expect(server.posts).toHaveLength(1); // 'posts' still has 'b': the list did not change
        source.frame('posts', message('create', 'r1'));
        expect(got).toEqual(['b']);

        hold = true;
        const unsubscribed = pb.realtime.unsubscribe('posts');
        source.frame('posts', message('create', 'r2')); // the server still has 'posts' until the POST lands
        source.frame('categories', message('create', 'k1'));
        expect(got).toEqual(['b', 'c']);
        expect(await stateOf(unsubscribed)).toBe('pending');
        held.shift()!();
        await unsubscribed;
        expect(server.posts.at(-1)!.subscriptions).toEqual(['categories']);
        expect(pb.realtime.topics).toEqual(['categories']);
        expect(pb.realtime.subscriberCount).toBe(1);
    });

    it('the last unsubscribe closes the connection without a POST and leaves nothing behind', async () => {
        const { pb, sources, server, timers, connect, states } = setup();
        const subscribed = Promise.all([pb.realtime.subscribe('posts', () => {}), pb.realtime.subscribe('posts/r1', () => {})]);
        const source = await connect('client1');
        const [removePosts, removeRecord] = await subscribed;
        await removePosts();
        await removeRecord();
        expect(server.posts.map((post) => post.subscriptions)).toEqual([['posts', 'posts/r1'], ['posts/r1']]);
        expect(source.closed).toBe(true);
        expect(source.listenerCount()).toBe(0);
        expect(sources.open()).toHaveLength(0);
        expect(timers.pending()).toBe(0);
        expect(pb.realtime.state).toBe('closed');
        expect(states).toEqual(['connecting', 'connected', 'closed']);
        expect(pb.realtime.clientId).toBe('');
        expect(pb.realtime.topics).toEqual([]);
        expect(pb.realtime.resourceCount).toBe(0);
        expect(pb.authStore.listenerCount).toBe(0);
    });

    it('unsubscribing and subscribing in the same tick keeps the connection and sends one POST', async () => {
        const { pb, sources, server, connect } = setup();
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await subscribed;
        const unsubscribed = pb.realtime.unsubscribe('posts');
        const resubscribed = pb.realtime.subscribe('categories', () => {});
        await Promise.all([unsubscribed, resubscribed]);
        expect(sources.instances).toHaveLength(1);
        expect(sources.open()).toHaveLength(1);
        expect(server.posts.map((post) => post.subscriptions)).toEqual([['posts'], ['categories']]);
    });

    it('sends changes made while a POST is in flight after it, as one POST with the latest list', async () => {
        const held: Array<() => void> = [];
        const { pb, server, connect } = setup(() => new Promise((resolve) => held.push(() => resolve(new Response(null, { status: 204 })))));
        const first = pb.realtime.subscribe('a', () => {});
        await connect('client1');
        expect(server.posts).toHaveLength(1);
        const later = [pb.realtime.subscribe('b', () => {})];
        await settle();
        later.push(pb.realtime.subscribe('c', () => {}));
        await settle();
        expect(server.posts).toHaveLength(1); // one POST at a time: two could land out of order
        held.shift()!();
        await first;
        await settle();
        expect(server.posts.map((post) => post.subscriptions)).toEqual([['a'], ['a', 'b', 'c']]);
        held.shift()!();
        await Promise.all(later);
    });

    it('keeps the seed SDK\'s argument checks and no-op unsubscribe', async () => {
        const { pb, sources } = setup();
        await expect(pb.realtime.subscribe('', () => {})).rejects.toThrow('subscription must be set.');
        await expect(pb.realtime.unsubscribe('never-subscribed')).resolves.toBeUndefined();
        await expect(pb.realtime.unsubscribe()).resolves.toBeUndefined();
        await settle();
        expect(sources.instances).toHaveLength(0);
    });

    it('is also reachable through the deprecated pb.Realtime alias', () => {
        const { pb } = setup();
        expect(pb.Realtime).toBe(pb.realtime);
    });
});

describe('failures while subscribing', () => {
    it('a refused topic list rejects subscribe with the ClientResponseError and leaves no callback registered', async () => {
        const { pb, sources, timers, connect } = setup(() => errorResponse(400, 'Something went wrong while processing your request.'));
        const outcome = pb.realtime.subscribe('posts', () => {}).catch((e: unknown) => e);
        await connect('client1');
        const error = await outcome;
        expect(error).toBeInstanceOf(ClientResponseError);
        expect((error as ClientResponseError).status).toBe(400);
        expect(pb.realtime.subscriberCount).toBe(0);
        await settle();
        expect(pb.realtime.state).toBe('closed');
        expect(sources.open()).toHaveLength(0);
        expect(timers.pending()).toBe(0);
    });

    it('a refused new topic fails only its own subscribers; established ones stay', async () => {
        const { pb, server, connect } = setup((post) => post.subscriptions.includes('secret')
            ? errorResponse(400, 'Invalid topic.')
            : new Response(null, { status: 204 }));
        const got: string[] = [];
        const established = pb.realtime.subscribe('posts', (msg) => got.push(msg.action));
        const source = await connect('client1');
        await established;
        await expect(pb.realtime.subscribe('secret', () => {})).rejects.toMatchObject({ status: 400 });
        source.frame('posts', message('update', 'r1'));
        expect(got).toEqual(['update']);
        expect(pb.realtime.state).toBe('connected');
        expect(server.posts.map((post) => post.subscriptions)).toEqual([['posts'], ['posts', 'secret']]);
        expect(pb.realtime.topics).toEqual(['posts']);
    });

    it('a first connection that fails rejects the pending subscribes and gives up', async () => {
        const { pb, sources, timers } = setup();
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await settle();
        sources.open()[0]!.fail();
        const error = await subscribed.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientResponseError);
        expect((error as ClientResponseError).status).toBe(0);
        await settle();
        expect(pb.realtime.state).toBe('closed');
        expect(timers.pending()).toBe(0);
        expect(sources.open()).toHaveLength(0);
    });

    it('listen() reports activation and failure through its callbacks', async () => {
        const { pb, connect } = setup((post) => post.subscriptions.includes('bad') ? errorResponse(400, 'no') : new Response(null, { status: 204 }));
        const events: string[] = [];
        const stop = pb.realtime.listen('good', () => {}, { onActive: () => events.push('good active'), onError: () => events.push('good error') });
        await connect('client1');
        pb.realtime.listen('bad', () => {}, { onActive: () => events.push('bad active'), onError: (e) => events.push('bad error ' + e.status) });
        await settle();
        expect(events).toEqual(['good active', 'bad error 400']);
        stop();
        await settle();
        expect(pb.realtime.state).toBe('closed');
    });
});

describe('connection lifecycle', () => {
    it('a dropped connection reconnects after a backoff, resubscribes under the new client id and signals onReconnect', async () => {
        const { pb, sources, server, timers, connect, states } = setup();
        const got: string[] = [];
        let reconnects = 0;
        pb.realtime.onReconnect(() => reconnects++);
        const subscribed = Promise.all([pb.realtime.subscribe('posts', (msg) => got.push(msg.record.id)), pb.realtime.subscribe('posts/r9', () => {})]);
        const first = await connect('client1');
        await subscribed;

        first.fail();
        expect(first.closed).toBe(true); // ours: the EventSource's own retry must not run
        expect(first.listenerCount()).toBe(0);
        expect(pb.realtime.state).toBe('reconnecting');
        expect(pb.realtime.topics).toEqual([]);
        expect(timers.delays()).toEqual([100]);
        timers.advance(100);
        const second = await connect('client2');
        expect(server.posts.at(-1)).toEqual({ clientId: 'client2', subscriptions: ['posts', 'posts/r9'], authorization: '' });
        expect(reconnects).toBe(1);
        second.frame('posts', message('create', 'after'));
        expect(got).toEqual(['after']);
        expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
        expect(sources.open()).toEqual([second]);
    });

    it('backs off exponentially while attempts fail and starts over once a connection stayed up for resetAfter', async () => {
        const { pb, sources, timers, connect } = setup();
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await subscribed;
        const retryDelays = () => timers.delays().filter((delay) => delay !== 5000 && delay !== 10_000);
        const delays: number[] = [];
        for (let i = 0; i < 5; i++) {
            sources.open()[0]!.fail();
            delays.push(...retryDelays());
            timers.advance(delays.at(-1)!);
            await settle();
        }
        expect(delays).toEqual([100, 200, 400, 800, 1000]);
        // PB_CONNECT alone does not reset: dropped right after it, the delays keep growing.
        await connect('client2');
        sources.open()[0]!.fail();
        expect(retryDelays()).toEqual([1000]);
        timers.advance(1000);
        await connect('client3');
        timers.advance(10_000);
        sources.open()[0]!.fail();
        expect(retryDelays()).toEqual([100]);
        expect(sources.instances).toHaveLength(7);
    });

    it('a server that drops every stream right after PB_CONNECT gets the backoff curve, not a storm (default options)', async () => {
        const sources = fakeEventSourceClass();
        const server = fakeRealtimeFetch();
        const timers = manualTimers();
        const pb = new PocketBase('http://pb.test', 'en-US', new MemoryStore(), { fetch: server.fetch, EventSource: sources.EventSource, realtime: { timers } });
        pb.realtime.subscribe('posts', () => {}).catch(() => {});
        let elapsed = 0;
        for (let n = 1; ; n++) {
            await settle();
            const source = sources.open().at(-1)!;
            source.connect('client' + n);
            await settle();
            source.fail();
            const retry = Math.min(...timers.delays());
            if (elapsed + retry > 5000) break;
            elapsed += retry;
            timers.advance(retry);
        }
        expect(sources.instances.length).toBeGreaterThanOrEqual(5);
        expect(sources.instances.length).toBeLessThanOrEqual(8);
        expect(server.posts.length).toBeLessThanOrEqual(8);
        await pb.realtime.unsubscribe();
    });

    it('a connection that never yields PB_CONNECT times out and is retried', async () => {
        const { pb, sources, timers, connect, errors } = setup();
        const established = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await established;
        sources.open()[0]!.fail();
        timers.advance(100);
        await settle();
        const silent = sources.open()[0]!;
        timers.advance(4999);
        expect(silent.closed).toBe(false);
        timers.advance(1);
        expect(silent.closed).toBe(true);
        expect(errors.at(-1)).toMatchObject({ kind: 'connection' });
        expect((errors.at(-1)!.error as Error).message).toContain('PB_CONNECT');
        timers.advance(200);
        await connect('client3');
        expect(pb.realtime.state).toBe('connected');
        expect(pb.realtime.topics).toEqual(['posts']);
    });

    it('a subscribe made while reconnecting waits for the new connection', async () => {
        const { pb, sources, timers, connect } = setup();
        const first = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await first;
        sources.open()[0]!.fail();
        const later = pb.realtime.subscribe('categories', () => {});
        expect(await stateOf(later)).toBe('pending');
        timers.advance(100);
        await connect('client2');
        expect(await stateOf(later)).toBe('resolved');
        expect(pb.realtime.topics).toEqual(['posts', 'categories']);
    });

    it('a 404 for the client id (the server forgot it) reconnects instead of failing the subscribers', async () => {
        let forget = false;
        const { pb, sources, timers, connect } = setup(() => forget ? errorResponse(404, 'Missing or invalid client id.') : new Response(null, { status: 204 }));
        const first = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await first;
        forget = true;
        const later = pb.realtime.subscribe('categories', () => {});
        await settle();
        expect(pb.realtime.state).toBe('reconnecting');
        forget = false;
        timers.advance(100);
        await connect('client2');
        await expect(later).resolves.toBeTypeOf('function');
        expect(sources.open()).toHaveLength(1);
    });

    it('notification removers remove; a throwing state listener is reported, not thrown', async () => {
        const { pb, connect, errors } = setup();
        const seen: ConnectionState[] = [];
        const stop = pb.realtime.onStateChange((state) => seen.push(state));
        pb.realtime.onStateChange(() => { throw new Error('listener bug'); });
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await connect('client1');
        await subscribed;
        stop();
        await pb.realtime.unsubscribe();
        expect(seen).toEqual(['connecting', 'connected']);
        expect(errors.filter((error) => error.kind === 'callback').length).toBeGreaterThanOrEqual(3);
    });
});

describe('auth identity', () => {
    const user = (id: string) => [fakeToken({ id, type: 'user' }), { id, email: id + '@example.com', verified: true }] as const;
    const admin = (id: string) => [fakeToken({ id, type: 'admin' }), { id, email: id + '@example.com' }] as const;

    async function subscribedAsGuest() {
        const context = setup();
        let reconnects = 0;
        context.pb.realtime.onReconnect(() => reconnects++);
        const subscribed = context.pb.realtime.subscribe('posts', () => {});
        await context.connect('client1');
        await subscribed;
        return { ...context, reconnects: () => reconnects };
    }

    it('guest → user resubmits on the same connection with the user\'s header (v0.7 allows it)', async () => {
        const { pb, sources, server } = await subscribedAsGuest();
        const auth = user('u1');
        pb.authStore.save(...auth);
        await settle();
        expect(sources.instances).toHaveLength(1);
        expect(server.posts.at(-1)).toEqual({ clientId: 'client1', subscriptions: ['posts'], authorization: 'User ' + auth[0] });
    });

    it.each([
        ['another user', () => user('u2')],
        ['an admin', () => admin('a1')],
        ['logout', () => null],
    ])('user → %s reconnects and resubmits under the new identity (v0.7 answers 403 otherwise)', async (_name, next) => {
        const { pb, sources, server, connect, reconnects } = await subscribedAsGuest();
        pb.authStore.save(...user('u1'));
        await settle();
        const before = server.posts.length;
        const auth = next();
        if (auth) pb.authStore.save(...auth);
        else pb.authStore.clear();
        await settle();
        expect(sources.instances[0]!.closed).toBe(true);
        // The switch replaces the connection without announcing a drop (onReconnect covers it).
        expect(pb.realtime.state).toBe('connected');
        await connect('client2');
        const expected = auth ? (auth[1].id.startsWith('a') ? 'Admin ' : 'User ') + auth[0] : '';
        expect(server.posts.at(-1)).toEqual({ clientId: 'client2', subscriptions: ['posts'], authorization: expected });
        // Nothing was sent for the old client under the new identity (the server would answer 403).
        expect(server.posts.slice(before).map((post) => post.clientId)).toEqual(['client2']);
        expect(reconnects()).toBe(1);
    });

    it('an expired token counts as a guest: signing in again as the same user resubmits with the new header', async () => {
        const expired = fakeToken({ id: 'u1', type: 'user', exp: Math.floor(Date.now() / 1000) - 60 });
        const context = setup();
        context.pb.authStore.save(expired, { id: 'u1', verified: true });
        const subscribed = context.pb.realtime.subscribe('posts', () => {});
        await context.connect('client1');
        await subscribed;
        // The expired token is still sent; the server binds the client as a guest.
        expect(context.server.posts.at(-1)!.authorization).toBe('User ' + expired);
        const fresh = fakeToken({ id: 'u1', type: 'user', exp: Math.floor(Date.now() / 1000) + 3600 });
        context.pb.authStore.save(fresh, { id: 'u1', verified: true });
        await settle();
        expect(context.sources.instances).toHaveLength(1);
        expect(context.server.posts.at(-1)).toEqual({ clientId: 'client1', subscriptions: ['posts'], authorization: 'User ' + fresh });
    });

    it("the token's expiry makes the client a guest: the connection is replaced without a change event", async () => {
        const context = setup();
        let reconnects = 0;
        context.pb.realtime.onReconnect(() => reconnects++);
        const exp = Math.floor(Date.now() / 1000) + 1;
        context.pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp }), { id: 'u1', verified: true });
        const subscribed = context.pb.realtime.subscribe('posts', () => {});
        await context.connect('client1');
        await subscribed;
        expect(context.timers.delays().some((ms) => ms > 0 && ms <= 1001)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
        context.timers.advance(1001);
        await settle();
        expect(context.sources.instances[0]!.closed).toBe(true);
        await context.connect('client2');
        expect(context.server.posts.at(-1)!.clientId).toBe('client2');
        expect(reconnects).toBe(1);
        expect(context.states).not.toContain('reconnecting');
    });

    it('a token refresh for the same user keeps the connection and needs no POST (the server binds the user, not the token)', async () => {
        const { pb, sources, server } = await subscribedAsGuest();
        pb.authStore.save(...user('u1'));
        await settle();
        const posts = server.posts.length;
        pb.authStore.save(fakeToken({ id: 'u1', type: 'user' }) + 'refreshed', { id: 'u1', verified: true });
        await settle();
        expect(sources.instances).toHaveLength(1);
        expect(server.posts).toHaveLength(posts);
        expect(pb.realtime.state).toBe('connected');
    });

    it('replacing pb.authStore is noticed at once and moves the store listener', async () => {
        const { pb, sources, connect, server } = await subscribedAsGuest();
        pb.authStore.save(...user('u1'));
        await settle();
        const old = pb.authStore;
        const replacement = new MemoryStore();
        replacement.save(...user('u2'));
        pb.authStore = replacement;
        await settle();
        expect(sources.instances[0]!.closed).toBe(true);
        await connect('client2');
        expect(server.posts.at(-1)!.authorization).toBe('User ' + replacement.token);
        expect(old.listenerCount).toBe(0);
        expect(replacement.listenerCount).toBe(1);
        await pb.realtime.unsubscribe();
        expect(replacement.listenerCount).toBe(0);
    });
});

describe('delivery edge cases', () => {
    it('a callback may remove itself or add another during delivery without disturbing the others', async () => {
        const { pb, connect } = setup();
        const got: string[] = [];
        let removeSelf: () => Promise<void> = async () => {};
        const subscribed = Promise.all([
            pb.realtime.subscribe('posts', (msg) => { got.push('once:' + msg.record.id); void removeSelf(); }),
            pb.realtime.subscribe('posts', (msg) => {
                got.push('always:' + msg.record.id);
                if (msg.record.id === 'r1') pb.realtime.listen('posts', (later) => got.push('added:' + later.record.id));
            }),
        ]);
        const source = await connect('client1');
        [removeSelf] = await subscribed;
        source.frame('posts', message('create', 'r1'));
        source.frame('posts', message('create', 'r2'));
        expect(got).toEqual(['once:r1', 'always:r1', 'always:r2', 'added:r2']);
    });

    it('a lone subscriber that adds another during delivery: the new one gets only later messages', async () => {
        const { pb, connect } = setup();
        const got: string[] = [];
        const subscribed = pb.realtime.subscribe('posts', (msg) => {
            got.push('first:' + msg.record.id);
            if (msg.record.id === 'r1') pb.realtime.listen('posts', (later) => got.push('added:' + later.record.id));
        });
        const source = await connect('client1');
        await subscribed;
        source.frame('posts', message('create', 'r1'));
        source.frame('posts', message('create', 'r2'));
        expect(got).toEqual(['first:r1', 'first:r2', 'added:r2']);
    });
});

describe('with a plain Client (no PocketBase class)', () => {
    it('notices a replaced auth store at once and reconnects under it', async () => {
        const sources = fakeEventSourceClass();
        const server = fakeRealtimeFetch();
        const client = new Client('http://pb.test', 'en-US', new MemoryStore(), { fetch: server.fetch });
        const realtime = new Realtime(client, { EventSource: sources.EventSource });
        client.authStore.save(fakeToken({ id: 'u1', type: 'user' }), { id: 'u1', verified: true });
        const subscribed = realtime.subscribe('posts', () => {});
        await settle();
        sources.open()[0]!.connect('client1');
        await subscribed;
        const replacement = new MemoryStore();
        replacement.save(fakeToken({ id: 'u2', type: 'user' }), { id: 'u2', verified: true });
        client.authStore = replacement;
        await settle();
        expect(sources.instances[0]!.closed).toBe(true);
        sources.open()[0]!.connect('client2');
        await settle();
        expect(server.posts.at(-1)).toMatchObject({ clientId: 'client2', authorization: 'User ' + replacement.token });
        await realtime.unsubscribe();
        expect(replacement.listenerCount).toBe(0);
    });
});

describe('malformed frames', () => {
    it('skips non-JSON data, non-message JSON and unnamed events, reporting each kind once', async () => {
        const { pb, connect, errors } = setup();
        const got: string[] = [];
        const subscribed = pb.realtime.subscribe('posts', (msg) => got.push(msg.action));
        const source = await connect('client1');
        await subscribed;
        for (let i = 0; i < 3; i++) {
            source.frame('posts', 'not json');
            source.frame('posts', '{"unexpected":true}');
            source.frame('message', '{"action":"create"}');
        }
        source.frame('posts', message('create', 'r1'));
        expect(got).toEqual(['create']);
        expect(errors.map((error) => error.kind)).toEqual(['invalid-json', 'invalid-message', 'unknown-event']);
        expect(errors[0]).toMatchObject({ topic: 'posts' });
        expect(pb.realtime.state).toBe('connected');
    });

    it('without an onError listener, warns once on the console instead of throwing', async () => {
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const sources = fakeEventSourceClass();
        const server = fakeRealtimeFetch();
        const pb = new PocketBase('http://pb.test', 'en-US', new MemoryStore(), { fetch: server.fetch, EventSource: sources.EventSource });
        const subscribed = pb.realtime.subscribe('posts', () => {});
        await settle();
        sources.open()[0]!.connect('client1');
        await subscribed;
        sources.open()[0]!.frame('posts', '<html>');
        sources.open()[0]!.frame('posts', '<html>');
        expect(warn).toHaveBeenCalledTimes(1);
        await pb.realtime.unsubscribe();
    });

    it('topics named like EventSource events ("message", "error") get their frames; a frame is not a connection error', async () => {
        const { pb, connect, errors } = setup();
        const got: string[] = [];
        const subscribed = Promise.all([
            pb.realtime.subscribe('message', (msg) => got.push('message:' + msg.action)),
            pb.realtime.subscribe('error', (msg) => got.push('error:' + msg.action)),
        ]);
        const source = await connect('client1');
        await subscribed;
        source.frame('message', message('create', 'm1'));
        source.frame('error', message('update', 'e1'));
        expect(got).toEqual(['message:create', 'error:update']);
        expect(pb.realtime.state).toBe('connected');
        expect(errors).toEqual([]);
    });
});

describe('leaks', () => {
    it('10,000 subscribe/unsubscribe cycles leave no listeners, timers or EventSources behind', async () => {
        const { pb, sources, timers, connect } = setup();
        const anchor = pb.realtime.subscribe('anchor', () => {});
        const source = await connect('client1');
        const removeAnchor = await anchor;
        const baseline = source.listenerCount();

        for (let i = 0; i < 10_000; i++) {
            const remove = pb.realtime.listen('posts/r' + (i % 7), () => {});
            remove();
        }
        for (let i = 0; i < 2_000; i++) {
            const remove = await pb.realtime.subscribe(i % 2 ? 'posts' : 'posts/r1', () => {});
            await remove();
        }
        expect(pb.realtime.subscriberCount).toBe(1);
        expect(source.listenerCount()).toBe(baseline);
        expect(pb.realtime.topics).toEqual(['anchor']);

        await removeAnchor();
        expect(pb.realtime.subscriberCount).toBe(0);
        expect(pb.realtime.resourceCount).toBe(0);
        expect(source.listenerCount()).toBe(0);
        expect(sources.open()).toHaveLength(0);
        expect(sources.instances).toHaveLength(1);
        expect(timers.pending()).toBe(0);
        expect(pb.authStore.listenerCount).toBe(0);
        expect(pb.pendingRequestCount).toBe(0);
    });
});

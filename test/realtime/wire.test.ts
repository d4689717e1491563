import { EventSource as PackageEventSource } from 'eventsource';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, type RealtimeError } from '../../src/index';
import { resolveEventSource } from '../../src/realtime/eventSource';
import { startSseServer, type SseServer } from './sseServer';

// Real HTTP and SSE through the `eventsource` package (Node 20 has no global EventSource),
// against a bare realtime endpoint that can misbehave on purpose.

class MemoryStore extends BaseAuthStore {}

let server: SseServer;
let pb: PocketBase;
let errors: RealtimeError[];

async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
    const start = Date.now();
    while (!check()) {
        if (Date.now() - start > timeout) throw new Error('Timed out waiting for ' + what);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

beforeEach(async () => {
    server = await startSseServer();
    pb = new PocketBase(server.url, 'en-US', new MemoryStore(), {
        realtime: { connectTimeout: 200, backoff: { initialDelay: 20, maxDelay: 100 } },
    });
    errors = [];
    pb.realtime.onError((error) => errors.push(error));
});

afterEach(async () => {
    await pb.realtime.unsubscribe();
    expect(pb.realtime.resourceCount).toBe(0);
    await server.close();
});

describe('realtime over the wire', () => {
    it('loads the eventsource package by itself where there is no global EventSource (Node 20)', async () => {
        expect((globalThis as { EventSource?: unknown }).EventSource).toBeUndefined();
        expect(await resolveEventSource()).toBe(PackageEventSource);
    });

    it('skips garbage frames (reported once per kind) and keeps delivering good ones', async () => {
        const got: string[] = [];
        await pb.realtime.subscribe('posts', (msg) => got.push(msg.action + ':' + msg.record.id));
        server.writeRaw('event:posts\ndata:<html>502 Bad Gateway</html>\n\n');
        server.writeRaw('event:posts\ndata:{"truncated":\n\n');
        server.writeRaw('event:posts\ndata:{"action":"create"}\n\n');
        server.writeRaw('data:{"action":"create","record":{"id":"unnamed"}}\n\n');
        server.writeRaw(': a comment line\n\nretry:1\n\nevent:posts\n\n');
        server.writeRaw('event:posts\ndata:not json again\n\n');
        server.broadcast('posts', 'create', { id: 'r1' });
        await waitFor(() => got.length === 1, 'the good frame');
        expect(got).toEqual(['create:r1']);
        expect(errors.map((error) => error.kind)).toEqual(['invalid-json', 'invalid-message', 'unknown-event']);
        expect(pb.realtime.state).toBe('connected');
        expect(server.connections()).toBe(1);
    });

    it('a connection that never sends PB_CONNECT times out and is retried until one does', async () => {
        server.setSilent(true);
        const subscribed = pb.realtime.subscribe('posts', () => {}).catch((error: unknown) => error);
        // The first attempt fails: the pending subscribe is rejected rather than left hanging.
        const error = await subscribed;
        expect(error).toMatchObject({ status: 0 });
        expect(String((error as Error).message)).toContain('PB_CONNECT');
        expect(pb.realtime.state).toBe('closed');

        // An established subscription, however, outlives silent attempts.
        server.setSilent(false);
        await pb.realtime.subscribe('posts', () => {});
        server.setSilent(true);
        server.dropAll();
        await waitFor(() => server.connections() >= 4, 'several silent attempts');
        expect(pb.realtime.state).toBe('reconnecting');
        server.setSilent(false);
        await waitFor(() => pb.realtime.state === 'connected', 'a connection that says PB_CONNECT');
        await waitFor(() => pb.realtime.topics.length === 1, 'the resubmission');
        expect(server.clients().filter((client) => client.subscriptions.length > 0)).toHaveLength(1);
    });

    it('a server that is down fails the subscribe with a ClientResponseError, not an exception', async () => {
        await server.close();
        const error = await pb.realtime.subscribe('posts', () => {}).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 0 });
        expect(pb.realtime.state).toBe('closed');
        server = await startSseServer();
    });

    it('a 403 on resubmission (the identity changed behind its back) makes a new connection', async () => {
        await pb.realtime.subscribe('posts', () => {});
        await pb.realtime.subscribe('categories', () => {});
        const firstClientId = pb.realtime.clientId;
        server.refuse(403, 1);
        await pb.realtime.subscribe('tags', () => {});
        expect(pb.realtime.clientId).not.toBe(firstClientId);
        expect(pb.realtime.topics).toEqual(['posts', 'categories', 'tags']);
        expect(server.posts.map((post) => post.status)).toEqual([204, 204, 403, 204]);
    });
});

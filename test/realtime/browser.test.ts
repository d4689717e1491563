// @vitest-environment happy-dom
import { EventSource as PackageEventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import PocketBase, { BaseAuthStore, type EventSourceConstructor } from '../../src/index';
import { resolveEventSource } from '../../src/realtime/eventSource';
import { startEmulator, SEED_ADMIN, type Emulator } from '../emulator/index';

// The browser path: a window, no Node fallback needed. happy-dom has no EventSource of its own,
// so the application provides one (here the spec-compliant `eventsource` class, which runs on
// the window's fetch), either through the options or as the global `EventSource`.

class MemoryStore extends BaseAuthStore {}

let emulator: Emulator;
let writer: PocketBase;

async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
    const start = Date.now();
    while (!check()) {
        if (Date.now() - start > timeout) throw new Error('Timed out waiting for ' + what);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

/** Counts the EventSources created through it. */
function countingEventSource(): { EventSource: EventSourceConstructor; created: () => number } {
    let created = 0;
    class Counting extends PackageEventSource {
        constructor(url: string | URL, init?: { withCredentials?: boolean }) {
            super(url, init);
            created++;
        }
    }
    return { EventSource: Counting, created: () => created };
}

beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    writer = new PocketBase(emulator.url, 'en-US', new MemoryStore());
    await writer.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
});

afterEach(() => {
    delete (globalThis as { EventSource?: unknown }).EventSource;
});

afterAll(() => emulator.close());

describe('realtime in a browser-like environment (happy-dom)', () => {
    it('runs with a window', () => {
        expect(typeof window).toBe('object');
    });

    it('uses the EventSource passed in the options, over real SSE', async () => {
        const provided = countingEventSource();
        const pb = new PocketBase(emulator.url, 'en-US', new MemoryStore(), { EventSource: provided.EventSource });
        const got: string[] = [];
        await pb.realtime.subscribe('posts', (msg) => got.push(msg.record.title as string));
        expect(provided.created()).toBe(1);
        await writer.records.create('posts', { title: 'from the browser path' });
        await waitFor(() => got.length === 1, 'the event');
        expect(got).toEqual(['from the browser path']);
        await pb.realtime.unsubscribe();
        await waitFor(() => emulator.connections() === 0, 'the connection to close');
    });

    it('uses the global EventSource when there is one, as browsers have', async () => {
        const global = countingEventSource();
        (globalThis as { EventSource?: unknown }).EventSource = global.EventSource;
        expect(await resolveEventSource()).toBe(global.EventSource);

        const pb = new PocketBase(emulator.url, 'en-US', new MemoryStore());
        await pb.realtime.subscribe('posts', () => {});
        expect(global.created()).toBe(1);
        await pb.realtime.unsubscribe();
    });

    it('prefers the provided EventSource over the global one', async () => {
        const global = countingEventSource();
        const provided = countingEventSource();
        (globalThis as { EventSource?: unknown }).EventSource = global.EventSource;
        expect(await resolveEventSource(provided.EventSource)).toBe(provided.EventSource);
    });
});

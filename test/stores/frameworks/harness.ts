import PocketBase, { BaseAuthStore } from '../../../src/index';
import { startEmulator, type Emulator } from '../../emulator/index';
import { startDelayProxy } from '../query/delayProxy';

/** Keeps the auth in memory (the default LocalAuthStore would share happy-dom's localStorage between tests). */
export class MemoryStore extends BaseAuthStore {}

export interface Harness {
    emu: Emulator;
    proxy: Awaited<ReturnType<typeof startDelayProxy>>;
    /** A client talking to the emulator through a proxy that holds each request 60 ms. */
    pb: PocketBase;
    /** A second client (an admin tool, another user) making changes directly. */
    other: PocketBase;
    close(): Promise<void>;
}

/**
 * Starts the emulator and a delaying proxy. The clients use happy-dom's fetch, as a page would
 * (CORS preflights included). The tests run in `quiet-happy-dom` (test/support/happyDomEnvironment.ts),
 * which drops the "socket hang up" happy-dom prints for every aborted fetch.
 */
export async function startHarness(): Promise<Harness> {
    const emu = await startEmulator({ seed: { posts: [{ title: 'first post', views: 1 }] } });
    const proxy = await startDelayProxy(emu.url, 60);
    return {
        emu,
        proxy,
        pb: new PocketBase(proxy.url, 'en-US', new MemoryStore()),
        other: new PocketBase(emu.url, 'en-US', new MemoryStore()),
        close: async () => {
            await proxy.close();
            await emu.close();
        },
    };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` (after letting `flush` run, e.g. React's act or Vue's nextTick) until it holds. */
export async function eventually(check: () => boolean, flush: () => Promise<void> = () => sleep(10), ms = 4000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await flush();
    }
}

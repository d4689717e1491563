import { afterEach, describe, expect, it, vi } from 'vitest';
import PocketBase, { BaseAuthStore } from '../../../src/index';
import { authState, autoRefresh } from '../../../src/stores/rx/index';
import { authAtom } from '../../../src/stores/nano/index';
import { authSource } from '../../../src/stores/auth/index';
import { fakeToken, inSeconds } from '../../support/recordingServer';

class MemoryStore extends BaseAuthStore {}
const CYCLES = 10_000;

afterEach(() => { vi.useRealTimers(); });

function signedIn(): PocketBase {
    const pb = new PocketBase('http://127.0.0.1:9', 'en-US', new MemoryStore());
    pb.authStore.save(fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) }), { id: 'u1' });
    return pb;
}

function expectNothingLeft(pb: PocketBase): void {
    expect(pb.authStore.listenerCount).toBe(0);
    expect(authSource(pb).listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
}

describe('10,000 subscribe/unsubscribe cycles leave no listener or timer behind', () => {
    it('authState (each subscription arms an expiry timer)', () => {
        vi.useFakeTimers();
        const pb = signedIn();
        const auth$ = authState(pb);
        for (let i = 0; i < CYCLES; i++) {
            const a = auth$.subscribe(() => {});
            const b = auth$.subscribe(() => {});
            a.unsubscribe();
            b.unsubscribe();
        }
        expectNothingLeft(pb);
    });

    it('authAtom listened and left across ticks, and bare .get()', async () => {
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
        const pb = signedIn();
        const $auth = authAtom(pb);
        for (let i = 0; i < CYCLES; i++) {
            const stop = $auth.listen(() => {});
            await Promise.resolve();
            stop();
            await Promise.resolve();
            $auth.get();
        }
        await Promise.resolve();
        expectNothingLeft(pb);
    });

    it('autoRefresh started and stopped', () => {
        vi.useFakeTimers();
        const pb = signedIn();
        for (let i = 0; i < CYCLES; i++) autoRefresh(pb, { before: 60 })();
        expectNothingLeft(pb);
    });
});

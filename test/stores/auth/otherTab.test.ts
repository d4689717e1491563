// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import PocketBase, { LocalAuthStore } from '../../../src/index';
import { authState, type AuthState } from '../../../src/stores/rx/index';
import { authAtom } from '../../../src/stores/nano/index';
import { fakeToken, inSeconds } from '../../support/recordingServer';

// Another tab writing the LocalStorage entry: the browser fires `storage` on every *other* window
// sharing the storage. Here the write goes to the real (happy-dom) localStorage and the event is
// dispatched on window, exactly as the browser would for this tab.
function otherTabWrites(key: string, value: string | null): void {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
}

describe('another tab changing the auth entry', () => {
    it('reaches authState subscribers exactly once per change, through the default LocalAuthStore', () => {
        localStorage.clear();
        const pb = new PocketBase('http://127.0.0.1:9');
        expect(pb.authStore).toBeInstanceOf(LocalAuthStore);
        const states: AuthState[] = [];
        const sub = authState(pb).subscribe((s) => states.push(s));

        const token = fakeToken({ id: 'u1', type: 'user', exp: inSeconds(3600) });
        otherTabWrites('pocketbase_auth', JSON.stringify({ token, model: { id: 'u1', email: 'tab@example.com', verified: true } }));
        expect(states).toHaveLength(2);
        expect(states[1]).toMatchObject({ token, isValid: true, isAdmin: false });
        expect(pb.authHeader()).toBe('User ' + token);

        otherTabWrites('unrelated_key', 'x');
        expect(states).toHaveLength(2);

        otherTabWrites('pocketbase_auth', null);
        expect(states).toHaveLength(3);
        expect(states[2]!.isValid).toBe(false);

        sub.unsubscribe();
        expect(pb.authStore.listenerCount).toBe(0);
        // Without subscribers the store stops listening to window: later events reach nobody.
        otherTabWrites('pocketbase_auth', JSON.stringify({ token, model: { id: 'u1' } }));
        expect(states).toHaveLength(3);
    });

    it('reaches a listened $auth atom, and a corrupted entry reads as signed out', async () => {
        localStorage.clear();
        const pb = new PocketBase('http://127.0.0.1:9');
        const $auth = authAtom(pb);
        const seen: boolean[] = [];
        const stop = $auth.subscribe((s) => seen.push(s.isValid));
        await Promise.resolve();
        const token = fakeToken({ id: 'a1', type: 'admin', exp: inSeconds(3600) });
        otherTabWrites('pocketbase_auth', JSON.stringify({ token, model: { id: 'a1', email: 'admin@example.com' } }));
        expect($auth.get().isAdmin).toBe(true);
        otherTabWrites('pocketbase_auth', '{not json');
        expect(seen).toEqual([false, true, false]);
        stop();
    });
});

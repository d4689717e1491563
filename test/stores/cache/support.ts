import type { CachePlatform } from '../../../src/stores/cache/index';

/** A platform whose timers, focus and online events the test drives (nothing global is patched). */
export function manualPlatform(): CachePlatform & {
    advance(ms: number): void;
    focus(): void;
    online(): void;
    timers(): number;
    listeners(): number;
} {
    let now = 1_700_000_000_000;
    let nextId = 1;
    const timers = new Map<number, { at: number; callback: () => void }>();
    const focus = new Set<() => void>();
    const online = new Set<() => void>();
    return {
        now: () => now,
        setTimeout(callback, ms) {
            const id = nextId++;
            timers.set(id, { at: now + ms, callback });
            return id;
        },
        clearTimeout(handle) {
            timers.delete(handle as number);
        },
        onFocus(callback) {
            focus.add(callback);
            return () => focus.delete(callback);
        },
        onOnline(callback) {
            online.add(callback);
            return () => online.delete(callback);
        },
        advance(ms) {
            const until = now + ms;
            for (;;) {
                // In rounds: what callbacks schedule meanwhile is picked up by the next round.
                const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at);
                if (due.length === 0) break;
                for (const [id, timer] of due) {
                    if (!timers.delete(id)) continue;
                    now = Math.max(now, timer.at);
                    timer.callback();
                }
            }
            now = until;
        },
        focus: () => [...focus].forEach((f) => f()),
        online: () => [...online].forEach((f) => f()),
        timers: () => timers.size,
        listeners: () => focus.size + online.size,
    };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds. */
export async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
    const until = Date.now() + ms;
    while (!check()) {
        if (Date.now() > until) throw new Error('timed out waiting');
        await sleep(5);
    }
}

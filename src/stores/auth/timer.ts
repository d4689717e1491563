// setTimeout stores its delay in 32 bits; a longer delay fires at once. Tokens can live longer
// (admin tokens default to 14 days, but servers are configurable), so long waits are chained.
const MAX_DELAY = 2_147_483_647;

/**
 * Calls `callback` at the wall-clock time `at` (ms since the epoch; in the past means "soon").
 * Returns the function that cancels it.
 */
export function callAt(at: number, callback: () => void): () => void {
    let handle: ReturnType<typeof setTimeout> | null = null;
    const arm = (): void => {
        const delay = at - Date.now();
        if (delay > MAX_DELAY) {
            handle = setTimeout(arm, MAX_DELAY);
        } else {
            handle = setTimeout(() => {
                handle = null;
                callback();
            }, Math.max(0, delay));
        }
    };
    arm();
    return () => {
        if (handle !== null) clearTimeout(handle);
        handle = null;
    };
}

/**
 * What the query cache needs from its environment: the clock, timers, and the two signals that
 * make stale data worth re-fetching. Injected once per client (`configureCache(pb, { platform })`),
 * so tests swap it instead of patching globals.
 */
export interface CachePlatform {
    /** Milliseconds since the epoch. */
    now(): number;
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    /** Calls `callback` when the page is shown or focused again; returns the remover. */
    onFocus(callback: () => void): () => void;
    /** Calls `callback` when the browser is back online; returns the remover. */
    onOnline(callback: () => void): () => void;
}

interface EventTargetLike {
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
}

const scope = globalThis as { window?: EventTargetLike; document?: EventTargetLike & { visibilityState?: string } };

function listen(target: EventTargetLike | undefined, type: string, callback: () => void): () => void {
    if (!target || typeof target.addEventListener !== 'function') return () => {};
    target.addEventListener(type, callback);
    return () => target.removeEventListener(type, callback);
}

/** The globals: timers and, in browsers, `visibilitychange`/`focus` and `online` (nothing in Node). */
export const defaultPlatform: CachePlatform = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onFocus(callback) {
        const onVisible = (): void => {
            if (scope.document?.visibilityState !== 'hidden') callback();
        };
        const offVisibility = listen(scope.document, 'visibilitychange', onVisible);
        const offFocus = listen(scope.window, 'focus', callback);
        return () => {
            offVisibility();
            offFocus();
        };
    },
    onOnline: (callback) => listen(scope.window, 'online', callback),
};

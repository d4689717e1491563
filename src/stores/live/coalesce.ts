/** Runs a job on request, never two at once, folding every request made meanwhile into one rerun. */
export interface Coalescer {
    /** Asks for a run: starts one (in a microtask) or marks one more run after the current. */
    request(): void;
    /** Whether a run is scheduled, running or pending. */
    readonly busy: boolean;
    /** Whether another run will follow the current one. */
    readonly pending: boolean;
    /** Drops pending runs; a running one finishes but nothing follows it. */
    dispose(): void;
}

/**
 * Coalesces re-fetch requests: one run in flight at a time, and however many requests arrive
 * while it runs, exactly one more run after it. Requests made in the same tick share the first
 * run (it starts in a microtask). `job` must not reject (it handles its own errors).
 *
 * @example
 * const refetch = coalesce(() => fetchList());
 * for (const e of burst) refetch.request(); // one fetch now, at most one more after it
 */
export function coalesce(job: () => Promise<void>, onIdle?: () => void): Coalescer {
    let scheduled = false;
    let running = false;
    let pending = false;
    let disposed = false;

    const start = (): void => {
        scheduled = false;
        if (disposed) return;
        running = true;
        pending = false;
        job().catch(() => undefined).then(() => {
            running = false;
            if (disposed) return;
            if (pending) start();
            else onIdle?.();
        });
    };

    return {
        request() {
            if (disposed) return;
            if (running) pending = true;
            else if (!scheduled) {
                scheduled = true;
                queueMicrotask(start);
            }
        },
        get busy() {
            return scheduled || running || pending;
        },
        get pending() {
            return pending;
        },
        dispose() {
            disposed = true;
            pending = false;
        },
    };
}

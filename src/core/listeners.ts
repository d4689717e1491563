/** Options of `Listeners`. */
export interface ListenersOptions {
    /**
     * Called with true when the first callback arrives and with false when the last one leaves,
     * so watching something costs nothing while nobody listens.
     */
    onActive?: (active: boolean) => void;
    /** Where a throwing callback's error goes; without it, the first error is rethrown after all were called. */
    onThrow?: (error: unknown) => void;
}

/**
 * A list of callbacks with removers: the pattern behind `onChange`, `onAuthChange`,
 * `realtime.onStateChange` and friends.
 */
export class Listeners<T extends unknown[]> {
    private readonly list = new Set<(...args: T) => void>();

    constructor(private readonly options: ListenersOptions = {}) {}

    /** Adds a callback; returns its remover (calling it twice is harmless). */
    add(listener: (...args: T) => void): () => void {
        // A wrapper per registration: the same function added twice is two independent registrations.
        const entry = (...args: T): void => listener(...args);
        this.list.add(entry);
        if (this.list.size === 1) this.options.onActive?.(true);
        return () => {
            if (this.list.delete(entry) && this.list.size === 0) this.options.onActive?.(false);
        };
    }

    /**
     * Calls every callback once. One that throws does not make the others miss the call; one
     * removed by an earlier one during this call is skipped.
     */
    emit(...args: T): void {
        let failure: { error: unknown } | null = null;
        for (const listener of Array.from(this.list)) {
            if (!this.list.has(listener)) continue;
            try {
                listener(...args);
            } catch (error) {
                if (this.options.onThrow) this.options.onThrow(error);
                else failure ??= { error };
            }
        }
        if (failure) throw failure.error;
    }

    /** How many callbacks are registered. */
    get size(): number {
        return this.list.size;
    }
}

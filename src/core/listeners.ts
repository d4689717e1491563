/**
 * A list of callbacks with removers, the pattern behind `onChange`, `onAuthChange` and friends.
 * `onActive(true)` runs when the first callback arrives and `onActive(false)` when the last one
 * leaves, so watching something costs nothing while nobody listens.
 */
export class Listeners<T extends unknown[]> {
    private list: Array<(...args: T) => void> = [];

    constructor(private readonly onActive?: (active: boolean) => void) {}

    /** Adds a callback; returns its remover (calling it twice is harmless). */
    add(listener: (...args: T) => void): () => void {
        this.list.push(listener);
        if (this.list.length === 1) this.onActive?.(true);
        let removed = false;
        return () => {
            if (removed) return;
            removed = true;
            this.list.splice(this.list.indexOf(listener), 1);
            if (this.list.length === 0) this.onActive?.(false);
        };
    }

    /**
     * Calls every callback. One that throws, or removes another, does not make the others miss
     * the call; the first error is rethrown afterwards.
     */
    emit(...args: T): void {
        let failure: { error: unknown } | null = null;
        for (const listener of this.list.slice()) {
            try {
                listener(...args);
            } catch (error) {
                failure ??= { error };
            }
        }
        if (failure) throw failure.error;
    }

    /** How many callbacks are registered. */
    get size(): number {
        return this.list.length;
    }
}

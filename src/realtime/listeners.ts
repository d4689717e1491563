/**
 * A list of callbacks: `add` returns the remover, `emit` calls each one once. A throwing
 * listener does not stop the others; what it threw goes to `onThrow`.
 */
export class Listeners<T> {
    private readonly callbacks = new Set<(value: T) => void>();

    constructor(private readonly onThrow: (error: unknown) => void) {}

    add(callback: (value: T) => void): () => void {
        // Wrap so that adding the same function twice gives two independent registrations.
        const entry = (value: T): void => callback(value);
        this.callbacks.add(entry);
        return () => {
            this.callbacks.delete(entry);
        };
    }

    emit(value: T): void {
        for (const callback of Array.from(this.callbacks)) {
            // A listener removed by an earlier one during this emit is not called.
            if (!this.callbacks.has(callback)) continue;
            try {
                callback(value);
            } catch (error) {
                this.onThrow(error);
            }
        }
    }

    get size(): number {
        return this.callbacks.size;
    }
}

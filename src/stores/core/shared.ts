/** Receives the values of a `Shared`. */
export type Listener<T> = (value: T) => void;

/** Starts the work behind a `Shared` and returns the function that stops it. */
export type Producer<T> = (emit: (value: T) => void) => () => void;

/**
 * A value stream whose work starts with the first subscriber and stops with the last one; the
 * latest value is replayed to every later subscriber. It is the one core the rx and nano entry
 * points wrap, so both behave alike: unsubscribing is cancelling.
 */
export interface Shared<T> {
    /** Adds a listener (it first gets the latest value, if any); returns its remover. */
    subscribe(listener: Listener<T>): () => void;
    /** The latest value, or undefined before the first one. */
    readonly value: T | undefined;
    /** How many listeners there are (for leak checks). */
    readonly listenerCount: number;
}

/**
 * Creates a `Shared` from a producer.
 *
 * @example
 * const ticks = shared<number>((emit) => { const id = setInterval(() => emit(Date.now()), 1000); return () => clearInterval(id); });
 * const stop = ticks.subscribe(console.log);
 * stop(); // the interval is cleared
 */
export function shared<T>(producer: Producer<T>): Shared<T> {
    const listeners: Listener<T>[] = [];
    let stop: (() => void) | null = null;
    let hasValue = false;
    let latest: T | undefined;

    const emit = (value: T): void => {
        hasValue = true;
        latest = value;
        for (const listener of listeners.slice()) {
            // A listener removed by an earlier one in this round gets nothing more.
            if (listeners.includes(listener)) listener(value);
        }
    };

    return {
        subscribe(listener) {
            listeners.push(listener);
            if (listeners.length === 1 && !stop) {
                let stopped = false;
                const stopFn = producer((value) => { if (!stopped) emit(value); });
                stop = () => { stopped = true; stopFn(); };
            } else if (hasValue) {
                listener(latest as T);
            }
            let removed = false;
            return () => {
                if (removed) return;
                removed = true;
                const index = listeners.indexOf(listener);
                if (index !== -1) listeners.splice(index, 1);
                if (listeners.length === 0 && stop) {
                    const stopNow = stop;
                    stop = null;
                    hasValue = false;
                    latest = undefined;
                    stopNow();
                }
            };
        },
        get value() {
            return latest;
        },
        get listenerCount() {
            return listeners.length;
        },
    };
}

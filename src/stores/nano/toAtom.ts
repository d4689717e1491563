import { atom, onStart, onStop, type ReadableAtom } from 'nanostores';
import type { Subscribable } from '../core/subscribable';

/** Options of `toAtom`. */
export interface ToAtomOptions<T> {
    /**
     * Reads the current value synchronously when the atom starts, so a first render (or a bare
     * `.get()`) sees it before the source is subscribed. Use it only for cheap, side-effect free reads.
     */
    current?: () => T;
    /** Values equal to the held one are not set, so listeners hear only real changes (default: none are equal). */
    equal?: (held: T, next: T) => boolean;
    /** Turns a value of the source into the one to hold, knowing the held one (default: the value itself). */
    carry?: (held: T, next: T) => T;
}

/**
 * Wraps a `Subscribable` as a nanostores atom holding its latest value.
 *
 * Lifecycle (why not `onMount`): nanostores' `onMount` cleanup runs 1 s after the last listener
 * left, and a bare `$atom.get()` mounts the store for an instant, which with `onMount` would start
 * the work and leave it running for a second. Here the decision is taken in a microtask after the
 * listener count changed: the source is subscribed once the atom has a listener at the end of the
 * current tick, and unsubscribed as soon as a tick ends with none. So a bare `.get()` (listen +
 * unlisten in the same tick) never starts the work, a remount in the same tick (React StrictMode,
 * a route swap) does not restart it, and an unmount stops it right after the tick.
 *
 * @example
 * const $clock = toAtom(ticks, 0);
 * const stop = $clock.subscribe((now) => render(now)); // the source is subscribed in a microtask
 * stop(); // unsubscribed in the next microtask
 */
export function toAtom<T>(source: Subscribable<T>, initial: T, options: ToAtomOptions<T> = {}): ReadableAtom<T> {
    const $atom = atom<T>(initial);
    let unsubscribe: (() => void) | null = null;
    let scheduled = false;
    const update = (next: T): void => {
        const value = options.carry ? options.carry($atom.value as T, next) : next;
        if (!options.equal || !options.equal($atom.value as T, value)) $atom.set(value);
    };

    const reconcile = (): void => {
        scheduled = false;
        if ($atom.lc > 0 && !unsubscribe) {
            unsubscribe = source.subscribe(update);
        } else if ($atom.lc === 0 && unsubscribe) {
            const stop = unsubscribe;
            unsubscribe = null;
            stop();
        }
    };
    const schedule = (): void => {
        if (scheduled) return;
        scheduled = true;
        queueMicrotask(reconcile);
    };

    onStart($atom, () => {
        if (options.current) update(options.current());
        schedule();
    });
    onStop($atom, schedule);
    return $atom;
}

import type { BackoffOptions } from './types';

const DEFAULT_INITIAL_DELAY = 250;
const DEFAULT_MAX_DELAY = 30_000;
const DEFAULT_RESET_AFTER = 10_000;

/** Counts failed attempts and answers how long to wait before the next one. */
export interface Backoff {
    /** The delay before the next attempt (ms); each call counts one more failure. */
    next(): number;
    /** Forget the failures (once a connection has stayed up for `resetAfter`). */
    reset(): void;
    /** How long a connection must stay up before `reset` (ms). */
    readonly resetAfter: number;
    /** Failures counted since the last reset. */
    readonly attempts: number;
}

/**
 * Capped exponential backoff with "equal jitter": retry n (from 0) waits between half and all of
 * `min(maxDelay, initialDelay * 2^n)`. The random half spreads the clients of a restarted server
 * apart; the fixed half keeps a flapping server from being hammered.
 *
 * @example
 * const backoff = createBackoff({ initialDelay: 100, maxDelay: 5000 });
 * setTimeout(retry, backoff.next()); // 50..100 ms, then 100..200 ms, ... up to 2500..5000 ms
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
    const initial = positive(options.initialDelay, DEFAULT_INITIAL_DELAY);
    const max = Math.max(initial, positive(options.maxDelay, DEFAULT_MAX_DELAY));
    const random = options.random ?? Math.random;
    let attempts = 0;

    return {
        next(): number {
            // 2^n overflows to Infinity for large n; the cap keeps the result finite.
            const ceiling = Math.min(max, initial * 2 ** attempts);
            attempts++;
            const jitter = Math.min(1, Math.max(0, random()));
            return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
        },
        reset(): void {
            attempts = 0;
        },
        resetAfter: positive(options.resetAfter, DEFAULT_RESET_AFTER),
        get attempts(): number {
            return attempts;
        },
    };
}

function positive(value: number | undefined, fallback: number): number {
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

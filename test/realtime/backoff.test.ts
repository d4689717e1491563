import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/realtime/backoff';

describe('createBackoff', () => {
    it('doubles from the initial delay up to the cap', () => {
        const backoff = createBackoff({ initialDelay: 100, maxDelay: 1000, random: () => 1 });
        expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
        expect(backoff.attempts).toBe(6);
    });

    it('keeps each delay between half and all of its ceiling (equal jitter)', () => {
        const low = createBackoff({ initialDelay: 100, maxDelay: 1000, random: () => 0 });
        expect([1, 2, 3, 4, 5].map(() => low.next())).toEqual([50, 100, 200, 400, 500]);
        const backoff = createBackoff({ initialDelay: 100, maxDelay: 1000 });
        for (let attempt = 0; attempt < 50; attempt++) {
            const ceiling = Math.min(1000, 100 * 2 ** attempt);
            const delay = backoff.next();
            expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
            expect(delay).toBeLessThanOrEqual(ceiling);
        }
    });

    it('stays finite after very many failures', () => {
        const backoff = createBackoff({ initialDelay: 100, maxDelay: 5000, random: () => 1 });
        for (let i = 0; i < 2000; i++) backoff.next();
        expect(backoff.next()).toBe(5000);
    });

    it('starts over after reset', () => {
        const backoff = createBackoff({ initialDelay: 100, maxDelay: 1000, random: () => 1 });
        backoff.next();
        backoff.next();
        backoff.reset();
        expect(backoff.attempts).toBe(0);
        expect(backoff.next()).toBe(100);
    });

    it('falls back to the defaults for nonsense options and never waits less than nothing', () => {
        const backoff = createBackoff({ initialDelay: -5, maxDelay: Number.NaN, random: () => 7 });
        expect(backoff.next()).toBe(250);
    });
});

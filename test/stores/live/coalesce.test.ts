import { describe, expect, it } from 'vitest';
import { coalesce } from '../../../src/stores/live/coalesce';

function deferred(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => { resolve = r; });
    return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('coalesce', () => {
    it('runs a burst of requests made in one tick once', async () => {
        let runs = 0;
        const c = coalesce(async () => { runs++; });
        for (let i = 0; i < 50; i++) c.request();
        await tick();
        expect(runs).toBe(1);
        expect(c.busy).toBe(false);
    });

    it('folds every request made during a run into exactly one more run, never two at once', async () => {
        const gates: Array<{ promise: Promise<void>; resolve: () => void }> = [];
        let concurrent = 0;
        let maxConcurrent = 0;
        const c = coalesce(async () => {
            concurrent++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            const gate = deferred();
            gates.push(gate);
            await gate.promise;
            concurrent--;
        });
        c.request();
        await tick();
        expect(gates).toHaveLength(1);
        for (let i = 0; i < 100; i++) c.request();
        gates[0]!.resolve();
        await tick();
        expect(gates).toHaveLength(2);
        gates[1]!.resolve();
        await tick();
        expect(gates).toHaveLength(2);
        expect(maxConcurrent).toBe(1);
        expect(c.busy).toBe(false);
    });

    it('starts nothing after dispose, and a rejecting job does not stop later runs', async () => {
        let runs = 0;
        const c = coalesce(async () => { runs++; throw new Error('boom'); });
        c.request();
        await tick();
        c.request();
        await tick();
        expect(runs).toBe(2);
        c.request();
        c.dispose();
        await tick();
        expect(runs).toBe(2);
    });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkedList } from '../../../src/stores/live/chunkedList';

type Op =
    | { kind: 'insert'; at: number; value: number }
    | { kind: 'remove'; at: number }
    | { kind: 'set'; at: number; value: number }
    | { kind: 'move'; at: number; to: number; value: number };

describe('ChunkedList', () => {
    it('behaves like an array under random inserts, removals, moves and replacements, and old versions never change', () => {
        const op: fc.Arbitrary<Op> = fc.oneof(
            fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer() }),
            fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
            fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer() }),
            fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat(), value: fc.integer() }),
        );
        fc.assert(fc.property(fc.array(fc.integer(), { maxLength: 400 }), fc.array(op, { maxLength: 300 }), (initial, ops) => {
            let list = ChunkedList.from(initial);
            const model = initial.slice();
            const versions: Array<[ChunkedList<number>, number[]]> = [];
            for (const o of ops) {
                if (o.kind === 'insert') {
                    const at = o.at % (model.length + 1);
                    list = list.insert(at, o.value);
                    model.splice(at, 0, o.value);
                } else if (model.length > 0) {
                    const at = o.at % model.length;
                    if (o.kind === 'remove') {
                        list = list.remove(at);
                        model.splice(at, 1);
                    } else if (o.kind === 'move') {
                        const to = o.to % model.length; // an index of the list without the moved element
                        list = list.move(at, to, o.value);
                        model.splice(at, 1);
                        model.splice(to, 0, o.value);
                    } else {
                        list = list.set(at, o.value);
                        model[at] = o.value;
                    }
                }
                versions.push([list, model.slice()]);
            }
            expect(list.length).toBe(model.length);
            expect(list.toArray()).toEqual(model);
            for (let i = 0; i < model.length; i += 7) expect(list.at(i)).toBe(model[i]);
            for (const [version, copy] of versions) expect(version.toArray()).toEqual(copy);
        }), { numRuns: 100 });
    });

    it('finds the first element satisfying a monotone predicate by binary search', () => {
        const list = ChunkedList.from(Array.from({ length: 1000 }, (_, i) => i * 2));
        expect(list.search((x) => x >= 501)).toBe(251);
        expect(list.search((x) => x >= 0)).toBe(0);
        expect(list.search((x) => x > 5000)).toBe(1000);
        expect(ChunkedList.from<number>([]).search(() => true)).toBe(0);
    });
});

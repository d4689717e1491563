// Random writes for the convergence properties of live lists (fast-check): the commands, their
// arbitraries, and how one is applied through a writer client.
import fc from 'fast-check';
import type PocketBase from '../../../src/index';
import type { Post } from './helpers';

export type Fields = Partial<Post>;

export type WriteCommand =
    | { kind: 'create'; fields: Fields }
    | { kind: 'update'; pick: number; fields: Fields }
    | { kind: 'delete'; pick: number };

/** Few distinct values, so sorts meet ties and filters flip. */
export const fieldsArb: fc.Arbitrary<Fields> = fc.record({
    title: fc.constantFrom('a', 'b', 'ab', 'ba', 'c'),
    views: fc.integer({ min: 0, max: 4 }),
    published: fc.boolean(),
}, { requiredKeys: [] });

export const writeCommandArb: fc.Arbitrary<WriteCommand> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), fields: fieldsArb }),
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), fields: fieldsArb }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

/** Records as JSON values (models compared by their fields). */
export const plain = (items: readonly unknown[]): unknown => JSON.parse(JSON.stringify(items));

/** Applies `command` through `writer`; `ids` (the records that exist) is kept up to date. */
export async function applyWrite(writer: PocketBase, ids: string[], command: WriteCommand): Promise<void> {
    if (command.kind === 'create') {
        ids.push((await writer.records.create('posts', { title: 'a', ...command.fields })).id);
        return;
    }
    if (ids.length === 0) return;
    const id = ids[command.pick % ids.length]!;
    if (command.kind === 'update') {
        await writer.records.update('posts', id, command.fields);
    } else {
        await writer.records.delete('posts', id);
        ids.splice(ids.indexOf(id), 1);
    }
}

// A model test of the cache against the emulator: random mounts and unmounts of cached and live
// queries, plain and optimistic writes (some failing), identity switches and dropped realtime
// connections. After quiescence every mounted value equals a fresh fetch under the current
// identity; a guest never sees a value holding the signed-in user's records; nothing is sent
// for queries nobody watches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PocketBase from '../../../src/index';
import { fullListAtom, invalidate, listAtom, liveListAtom, optimistic, queryStats } from '../../../src/stores/nano/index';
import { startEmulator, SEED_ADMIN, SEED_USER } from '../../emulator/index';
import { sleep, waitFor } from './support';

type Command =
    | { kind: 'mount'; query: number }
    | { kind: 'unmount'; pick: number }
    | { kind: 'write'; collection: 'posts' | 'notes'; op: 'create' | 'update' | 'delete'; pick: number; title: string; through: 'client' | 'other' | 'optimistic' | 'failing' }
    | { kind: 'signIn' }
    | { kind: 'signOut' }
    | { kind: 'drop' };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('mount' as const), query: fc.nat({ max: 5 }) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('unmount' as const), pick: fc.nat() }), weight: 2 },
    {
        arbitrary: fc.record({
            kind: fc.constant('write' as const),
            collection: fc.constantFrom('posts' as const, 'notes' as const),
            op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
            pick: fc.nat(),
            title: fc.constantFrom('a', 'b', 'c', 'd'),
            through: fc.constantFrom('client' as const, 'other' as const, 'optimistic' as const, 'failing' as const),
        }),
        weight: 4,
    },
    { arbitrary: fc.constant({ kind: 'signIn' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'signOut' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'drop' as const }), weight: 1 },
);

interface Value { items: Array<{ id: string; title: string }>; loading: boolean; fetching: boolean; stale?: boolean }

const QUERIES: Array<{ collection: string; query: { sort: string; filter?: string }; live: boolean; full: boolean }> = [
    { collection: 'posts', query: { sort: 'title,created' }, live: true, full: true },
    { collection: 'notes', query: { sort: '-title,created' }, live: true, full: true },
    { collection: 'posts', query: { sort: 'created', filter: "title != 'd'" }, live: false, full: true },
    { collection: 'notes', query: { sort: 'title,created' }, live: false, full: true },
    { collection: 'posts', query: { sort: '-created' }, live: false, full: false },
    { collection: 'notes', query: { sort: 'created', filter: "title ~ 'a'" }, live: true, full: true },
];

describe('query cache model', () => {
    it('converges to a fresh fetch under the current identity and never shows a guest the user\'s records', async () => {
        await fc.assert(fc.asyncProperty(fc.array(commandArb, { minLength: 3, maxLength: 9 }), async (commands) => {
            const emu = await startEmulator({ seed: { posts: [{ title: 'a' }, { title: 'b' }] } });
            try {
                const admin = new PocketBase(emu.url);
                await admin.admins.authViaEmail(SEED_ADMIN.email, SEED_ADMIN.password);
                await admin.collections.create({
                    name: 'notes', schema: [{ name: 'title', type: 'text' }],
                    listRule: '@request.user.id != ""', viewRule: '@request.user.id != ""',
                    createRule: '@request.user.id != ""', updateRule: '@request.user.id != ""', deleteRule: '@request.user.id != ""',
                });
                await admin.records.create('notes', { title: 'secret' });
                const userNotes = new Set((await admin.records.getFullList('notes')).map((n) => n.id));

                const pb = new PocketBase(emu.url, 'en-US', null, { realtime: { backoff: { initialDelay: 20, maxDelay: 100 } } });
                const mounted: Array<{ index: number; read: () => Value; stop: () => void }> = [];
                let violation: string | null = null;

                const mount = (index: number): void => {
                    const q = QUERIES[index]!;
                    const read = (atom: { get(): unknown }, live: boolean) => (): Value => {
                        const v = atom.get() as { loading: boolean; fetching: boolean; stale?: boolean; items?: Value['items']; data?: unknown };
                        const data = v.data as { items?: Value['items'] } | Value['items'] | undefined;
                        const items = live ? v.items! : Array.isArray(data) ? data : data?.items ?? [];
                        return { items, loading: v.loading, fetching: v.fetching, stale: v.stale };
                    };
                    const $atom = q.live ? liveListAtom(pb, q.collection, q.query)
                        : q.full ? fullListAtom(pb, q.collection, q.query) : listAtom(pb, q.collection, { ...q.query, perPage: 3 });
                    const reader = read($atom, q.live);
                    const stop = ($atom as { subscribe(cb: () => void): () => void }).subscribe(() => {
                        // Partition: whenever the client is a guest, no value holds a user-only note.
                        if (!pb.authStore.isValid && q.collection === 'notes' && reader().items.some((n) => userNotes.has(n.id))) {
                            violation = 'a guest saw a user-only note';
                        }
                    });
                    mounted.push({ index, read: reader, stop });
                };

                for (const command of commands) {
                    switch (command.kind) {
                        case 'mount': mount(command.query); break;
                        case 'unmount': if (mounted.length) mounted.splice(command.pick % mounted.length, 1)[0]!.stop(); break;
                        case 'signIn': if (!pb.authStore.isValid) await pb.users.authViaEmail(SEED_USER.email, SEED_USER.password); break;
                        case 'signOut': pb.authStore.clear(); break;
                        case 'drop': emu.dropRealtimeConnections(); break;
                        case 'write': {
                            const all = await admin.records.getFullList(command.collection);
                            const target = all.length ? all[command.pick % all.length]!.id : null;
                            const client = command.through === 'other' || !pb.authStore.isValid ? admin : pb;
                            try {
                                if (command.through === 'optimistic' || command.through === 'failing') {
                                    // A failing write: a required-looking violation (an unknown record id).
                                    const id = command.through === 'failing' ? 'zzzzzzzzzzzzzzz' : target;
                                    if (command.op === 'create') await optimistic(pb).create(command.collection, { title: command.title });
                                    else if (id && command.op === 'update') await optimistic(pb).update(command.collection, id, { title: command.title });
                                    else if (id) await optimistic(pb).delete(command.collection, id);
                                } else if (command.op === 'create') {
                                    const made = await client.records.create(command.collection, { title: command.title });
                                    if (command.collection === 'notes') userNotes.add(made.id);
                                } else if (target && command.op === 'update') {
                                    await client.records.update(command.collection, target, { title: command.title });
                                } else if (target) {
                                    await client.records.delete(command.collection, target);
                                }
                            } catch {
                                // Refused writes (a guest, an unknown id) are part of the model.
                            }
                            // The cache cannot see another client's writes: that is what invalidate is for.
                            if (client === admin) invalidate(pb, command.collection);
                            // Optimistic creates of notes by a signed-in client are user-only too.
                            for (const n of await admin.records.getFullList('notes')) userNotes.add(n.id);
                            break;
                        }
                    }
                    await sleep(5);
                }

                // Quiescence: every mounted value equals a fresh fetch under the current identity.
                const fresh = new PocketBase(emu.url, 'en-US', null);
                if (pb.authStore.token) fresh.authStore.save(pb.authStore.token, pb.authStore.model);
                const expected = async (index: number): Promise<string[]> => {
                    const q = QUERIES[index]!;
                    const items = q.full
                        ? await fresh.records.getFullList(q.collection, 100, q.query)
                        : (await fresh.records.getList(q.collection, 1, 3, q.query)).items;
                    return items.map((r) => `${r.id}:${String(r.title)}`);
                };
                for (const m of mounted) {
                    const want = await expected(m.index);
                    await waitFor(() => {
                        const v = m.read();
                        return !v.loading && !v.fetching && v.stale !== true && JSON.stringify(v.items.map((i) => `${i.id}:${i.title}`)) === JSON.stringify(want);
                    }, 4000).catch(() => {
                        throw new Error(`query ${m.index} did not converge: ${JSON.stringify(m.read().items.map((i) => `${i.id}:${i.title}`))} vs ${JSON.stringify(want)}`);
                    });
                }
                expect(violation).toBeNull();

                // Nothing is sent for queries nobody watches.
                for (const m of mounted.splice(0)) m.stop();
                await sleep(30);
                expect(queryStats(pb)).toMatchObject({ mounted: 0, listeners: 0, inFlight: 0 });
                const before = emu.requestLog.length;
                await sleep(100);
                expect(emu.requestLog.length).toBe(before);
            } finally {
                await emu.close();
            }
        }), { numRuns: 25 });
    }, 120_000);
});

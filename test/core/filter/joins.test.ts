import { describe, expect, it } from 'vitest';
import {
    evaluateFilter,
    joinChain,
    parseFilter,
    type FieldResolver,
    type ResolvedValue,
} from '../../../src/core/filter';

// Expected results were checked against sqlite3 running the SQL PocketBase builds
// (LEFT JOIN json_each(...) per relation hop, LEFT JOIN <collection> per @collection, DISTINCT).
describe('joinChain', () => {
    it('names one join per relation hop, @collection and profile', () => {
        expect(joinChain('title')).toEqual([]);
        expect(joinChain('author.name')).toEqual(['author']);
        expect(joinChain('comments.author.name')).toEqual(['comments', 'comments.author']);
        expect(joinChain('@collection.members.user')).toEqual(['@collection.members']);
        expect(joinChain('@collection.members.team.name')).toEqual(['@collection.members', '@collection.members.team']);
        expect(joinChain('@request.user.profile.name')).toEqual(['@request.user.profile']);
        expect(joinChain('@request.user.id')).toEqual([]);
        expect(joinChain('@request.data.a.b')).toEqual([]);
    });
});

describe('evaluateFilter over joined rows', () => {
    // members rows: (user, team)
    const members: [string, string][] = [
        ['u1', 't1'],
        ['u2', 't2'],
    ];
    const resolver =
        (team: string, me: string): FieldResolver =>
        (id) =>
            ({
                id: team,
                '@request.user.id': me,
                '@collection.members.user': members.map(([u]) => u),
                '@collection.members.team': members.map(([, t]) => t),
            })[id];
    const rule = parseFilter('@collection.members.user = @request.user.id && @collection.members.team = id');

    it('requires ONE joined row to satisfy expressions on the same join (membership rules)', () => {
        expect(evaluateFilter(rule, resolver('t1', 'u1'))).toBe(true);
        expect(evaluateFilter(rule, resolver('t2', 'u2'))).toBe(true);
        // u1 is a member and t2 has a member, but u1 is not a member of t2
        expect(evaluateFilter(rule, resolver('t2', 'u1'))).toBe(false);
    });

    it('lets different branches of || use different rows', () => {
        const either = parseFilter("@collection.members.user = 'u1' || @collection.members.team = 't2'");
        expect(evaluateFilter(either, resolver('x', 'y'))).toBe(true);
    });

    it('binds rows shared by a group and the rest of the filter', () => {
        const f = parseFilter("(@collection.members.user = 'u2' || title = 'x') && @collection.members.team = 't1'");
        const r: FieldResolver = (id) => (id === 'title' ? 'y' : resolver('t', 'u')(id));
        expect(evaluateFilter(f, r)).toBe(false);
        const r2: FieldResolver = (id) => (id === 'title' ? 'x' : resolver('t', 'u')(id));
        expect(evaluateFilter(f, r2)).toBe(true);
    });

    it('nests rows per hop and broadcasts a single-row hop given as a plain value', () => {
        // comments: c1 (text 'hi', author Ann), c2 (text 'yo', authors of a multi relation: Bob, Cy)
        const values: Record<string, ResolvedValue> = {
            'comments.text': ['hi', 'yo'],
            'comments.authors.name': ['Ann', ['Bob', 'Cy']],
        };
        const r: FieldResolver = (id) => values[id];
        const match = (f: string) => evaluateFilter(parseFilter(f), r);
        expect(match("comments.text = 'hi' && comments.authors.name = 'Ann'")).toBe(true);
        expect(match("comments.text = 'yo' && comments.authors.name = 'Cy'")).toBe(true);
        expect(match("comments.text = 'hi' && comments.authors.name = 'Cy'")).toBe(false);
        expect(match("comments.authors.name = 'Bob' && comments.authors.name = 'Cy'")).toBe(false);
    });

    it('gives a join without rows one row of NULLs', () => {
        const r: FieldResolver = (id) => (id === 'tags.name' ? [] : undefined);
        expect(evaluateFilter(parseFilter('tags.name = null'), r)).toBe(true);
        expect(evaluateFilter(parseFilter("tags.name != 'x'"), r)).toBe(true);
        expect(evaluateFilter(parseFilter("tags.name ~ 'x'"), r)).toBe(false);
    });
});

// Which SQL joins an identifier goes through. PocketBase's record field resolver LEFT JOINs one
// table alias per relation hop (plus one per `@collection.<name>` and one for
// `@request.user.profile`), shared by every identifier with the same prefix, and the query
// keeps a record if ANY combination of joined rows satisfies the whole WHERE clause. So
// `@collection.members.user = @request.user.id && @collection.members.team = team` needs ONE
// member row matching both — the alias keys below let the evaluator reproduce that.
import { isAllowedIdentifier, isRequestValue } from './identifiers';

const prefixes = (base: string[], rest: string[]): string[] => {
    const chain: string[] = [];
    // every segment but the last is a relation hop (the last one is the column)
    for (let i = 1; i < rest.length; i++) chain.push([...base, ...rest.slice(0, i)].join('.'));
    return chain;
};

/**
 * The join aliases (outermost first) whose rows an identifier's value depends on, named by
 * their path prefix: `comments.author.name` → `['comments', 'comments.author']`,
 * `@collection.members.user` → `['@collection.members']`,
 * `@request.user.profile.name` → `['@request.user.profile']`, `title` → `[]`.
 *
 * @example
 * joinChain('@collection.members.team.name') // ['@collection.members', '@collection.members.team']
 */
export function joinChain(identifier: string): string[] {
    if (!isAllowedIdentifier(identifier) || isRequestValue(identifier)) return [];
    const segments = identifier.split('.');
    if (segments[0] === '@collection') {
        const base = segments.slice(0, 2);
        return [base.join('.'), ...prefixes(base, segments.slice(2))];
    }
    if (identifier.startsWith('@request.user.profile.')) {
        const base = segments.slice(0, 3);
        return [base.join('.'), ...prefixes(base, segments.slice(3))];
    }
    return prefixes([], segments);
}

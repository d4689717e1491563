import type { FilterGroup, FilterNode } from './ast';

// The identifier shapes resolvers/record_field_resolver.go accepts; anything else is an
// unknown field (400 "Invalid filter parameters.").
const ALLOWED_IDENTIFIERS = [
    /^\w+[\w.]*$/,
    /^@request\.method$/,
    /^@request\.user\.\w+[\w.]*$/,
    /^@request\.data\.\w+[\w.]*$/,
    /^@request\.query\.\w+[\w.]*$/,
    /^@collection\.\w+\.\w+[\w.]*$/,
];

/**
 * Whether PocketBase's record field resolver accepts the shape of an identifier (it may still
 * name an unknown field): record paths (`title`, `author.name`), `@request.method`,
 * `@request.user.*`, `@request.data.*`, `@request.query.*`, `@collection.<name>.<field>`.
 * `@now` is not an identifier in this sense (the filter builder handles it first).
 *
 * @example
 * isAllowedIdentifier('@request.user.profile.name') // true
 * isAllowedIdentifier('@request.foo') // false
 */
export function isAllowedIdentifier(identifier: string): boolean {
    return ALLOWED_IDENTIFIERS.some((re) => re.test(identifier));
}

/**
 * Whether an identifier is a `@request.*` value that PocketBase binds as a parameter (from the
 * request itself) rather than reading a column: everything under `@request.` except
 * `@request.user.profile.*`, which joins the profiles collection.
 *
 * @example
 * isRequestValue('@request.data.title') // true
 * isRequestValue('@request.user.profile.name') // false
 */
export function isRequestValue(identifier: string): boolean {
    return identifier.startsWith('@request.') && !identifier.startsWith('@request.user.profile.');
}

const LITERAL_IDENTIFIERS = new Set(['null', 'true', 'false']);

/**
 * Whether an identifier is one of the words `null`, `true`, `false` (any case), which
 * PocketBase reads as NULL, 1 and 0 when no field of that name resolves.
 *
 * @example
 * isLiteralIdentifier('NULL') // true
 */
export function isLiteralIdentifier(identifier: string): boolean {
    return LITERAL_IDENTIFIERS.has(identifier.toLowerCase());
}

/**
 * Every identifier a filter references, once each, in order of appearance — the fields a
 * client needs to evaluate it. `@now` and the literals `null`/`true`/`false` are left out.
 *
 * @example
 * filterIdentifiers(parseFilter("author.name = @request.user.name && created < @now || x = null"))
 * // ['author.name', '@request.user.name', 'created', 'x']
 */
export function filterIdentifiers(node: FilterNode): string[] {
    const found = new Set<string>();
    const visit = (group: FilterGroup): void => {
        for (const { node: item } of group.items) {
            if (item.kind === 'group') {
                visit(item);
                continue;
            }
            for (const token of [item.left, item.right]) {
                if (token.type !== 'identifier' || token.literal === '@now' || isLiteralIdentifier(token.literal))
                    continue;
                found.add(token.literal);
            }
        }
    };
    visit(node);
    return [...found];
}

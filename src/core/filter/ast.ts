/** Join operator between two items of a group. */
export type FilterJoin = '&&' | '||';

/** Comparison operator of an expression. */
export type FilterOperator = '=' | '!=' | '~' | '!~' | '<' | '<=' | '>' | '>=';

/**
 * An operand as fexpr scans it: an identifier (`title`, `@request.user.id`, `null`, `true`),
 * a quoted text (quotes removed, `\'`/`\"` unescaped) or a number literal (digits and one dot).
 */
export interface FilterToken {
    readonly type: 'identifier' | 'text' | 'number';
    readonly literal: string;
    /** Index in the source string (approximate inside groups whose texts were re-quoted). */
    readonly position: number;
}

/** One `left op right` comparison. */
export interface FilterExpr {
    readonly kind: 'expr';
    readonly left: FilterToken;
    readonly op: FilterOperator;
    readonly right: FilterToken;
}

/** A parenthesised (or the top-level) list of items. */
export interface FilterGroup {
    readonly kind: 'group';
    readonly items: readonly FilterItem[];
}

/**
 * One item of a group and the join that precedes it. The first item's join is always `&&`.
 * Items are folded strictly left to right with no precedence, as PocketBase does:
 * `a && b || c` is `(a && b) || c` and `a || b && c` is `(a || b) && c`.
 */
export interface FilterItem {
    readonly join: FilterJoin;
    readonly node: FilterExpr | FilterGroup;
}

/**
 * A parsed filter: the top-level group. Nodes are frozen (parses are cached and shared).
 *
 * @example
 * const node: FilterNode = parseFilter("a = 1 && (b = 'x' || c > 2)")
 * node.items.length // 2
 */
export type FilterNode = FilterGroup;

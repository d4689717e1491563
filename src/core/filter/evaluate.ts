// Evaluates a parsed filter the way PocketBase v0.7.10 turns it into SQL
// (tools/search/filter.go) and SQLite then runs it.
import type { FilterExpr, FilterGroup, FilterNode } from './ast';
import { cellsOf, resolveOperand, rowOf, type Cell, type FieldResolver, type Operand } from './operands';
import { compareValues, compareWithAffinity, sqlLike, toText, type SqlValue } from './sqlite';

// `~`/`!~` with a bound operand: every bound operand becomes `%text%` unless it already has a %.
const likeParam = (o: Operand): SqlValue | undefined =>
    o.paramText === undefined ? undefined : o.paramText.includes('%') ? o.paramText : `%${o.paramText}%`;

function likeMatch(left: Operand, right: Operand, l: SqlValue, r: SqlValue): boolean | null {
    const lp = likeParam(left);
    const rp = likeParam(right);
    // No bound operand: `l LIKE ('%' || r || '%')` (NULL || text is NULL).
    if (lp === undefined && rp === undefined) return sqlLike(l, r === null ? null : `%${toText(r)}%`);
    // A bound left operand swaps the sides: `r LIKE l`.
    if (lp !== undefined) return sqlLike(rp ?? r, lp);
    return sqlLike(l, rp ?? r);
}

function testCells(expr: ResolvedExpr, a: Cell, b: Cell): boolean {
    switch (expr.op) {
        // `COALESCE(a, '') = COALESCE(b, '')`: NULL equals '', and COALESCE drops the column
        // affinity, so a number never equals a numeric-looking text.
        case '=':
            return compareValues(a.v ?? '', b.v ?? '') === 0;
        case '!=':
            return compareValues(a.v ?? '', b.v ?? '') !== 0;
        case '~':
            return likeMatch(expr.left, expr.right, a.v, b.v) === true;
        case '!~':
            return likeMatch(expr.left, expr.right, a.v, b.v) === false; // NOT NULL is NULL: no match
        default: {
            // Plain `a < b`: columns keep their affinity here (see compareWithAffinity).
            const c = compareWithAffinity(a.v, a.affinity, b.v, b.affinity);
            if (c === null) return false;
            if (expr.op === '<') return c < 0;
            if (expr.op === '<=') return c <= 0;
            if (expr.op === '>') return c > 0;
            return c >= 0;
        }
    }
}

interface ResolvedExpr {
    readonly op: FilterExpr['op'];
    readonly left: Operand;
    readonly right: Operand;
}

/** The filter as a binary tree (the left fold of each group) with the joins each part uses. */
type Tree =
    | { readonly kind: 'leaf'; readonly expr: ResolvedExpr; readonly aliases: ReadonlySet<string> }
    | { readonly kind: '&&' | '||'; readonly left: Tree; readonly right: Tree; readonly aliases: ReadonlySet<string> };

function buildTree(
    group: FilterGroup,
    resolve: FieldResolver,
    now: Date,
    uses: Map<string, [Operand, number][]>,
): Tree {
    let tree: Tree | undefined;
    for (const { join, node } of group.items) {
        // Every operand is resolved before anything is evaluated: the server resolves every
        // identifier while building the SQL, so an unknown field fails the whole filter.
        const item = node.kind === 'group' ? buildTree(node, resolve, now, uses) : leaf(node, resolve, now, uses);
        // Left fold without precedence, like dbx.And(result, expr) / dbx.Or(result, expr).
        tree =
            tree === undefined
                ? item
                : { kind: join, left: tree, right: item, aliases: new Set([...tree.aliases, ...item.aliases]) };
    }
    if (!tree) throw new Error('empty filter group'); // the parser never produces one
    return tree;
}

function leaf(node: FilterExpr, resolve: FieldResolver, now: Date, uses: Map<string, [Operand, number][]>): Tree {
    const expr = {
        op: node.op,
        left: resolveOperand(node.left, resolve, now),
        right: resolveOperand(node.right, resolve, now),
    };
    for (const operand of [expr.left, expr.right]) {
        operand.chain.forEach((alias, level) => {
            const list = uses.get(alias) ?? [];
            list.push([operand, level]);
            uses.set(alias, list);
        });
    }
    return { kind: 'leaf', expr, aliases: new Set([...expr.left.chain, ...expr.right.chain]) };
}

/** Evaluation state: the rows bound so far and, per join alias, the operands that read it. */
class Joins {
    constructor(private readonly uses: ReadonlyMap<string, readonly [Operand, number][]>) {}

    /** Rows a join gives under the current bindings of its parents: at least one (LEFT JOIN). */
    private rowCount(alias: string, rows: ReadonlyMap<string, number>): number {
        let count = 1;
        for (const [operand, level] of this.uses.get(alias) ?? []) {
            let value = operand.value ?? null;
            for (const parent of operand.chain.slice(0, level)) value = rowOf(value, rows.get(parent) ?? 0);
            if (Array.isArray(value)) count = Math.max(count, value.length);
        }
        return count;
    }

    /** Whether some assignment of rows to `aliases` (parents listed before children) passes `test`. */
    some(
        aliases: readonly string[],
        rows: ReadonlyMap<string, number>,
        test: (rows: ReadonlyMap<string, number>) => boolean,
    ): boolean {
        const [alias, ...rest] = aliases;
        if (alias === undefined) return test(rows);
        const count = this.rowCount(alias, rows);
        for (let i = 0; i < count; i++) {
            if (this.some(rest, new Map(rows).set(alias, i), test)) return true;
        }
        return false;
    }
}

// Parents come before children: a child alias extends its parent's name.
const unbound = (aliases: Iterable<string>, rows: ReadonlyMap<string, number>): string[] =>
    [...aliases].filter((a) => !rows.has(a)).sort((a, b) => a.split('.').length - b.split('.').length);

function evaluateTree(tree: Tree, joins: Joins, rows: ReadonlyMap<string, number>): boolean {
    if (tree.kind === 'leaf') {
        const { expr } = tree;
        return joins.some(unbound(tree.aliases, rows), rows, (bound) => {
            const right = cellsOf(expr.right, bound);
            return cellsOf(expr.left, bound).some((a) => right.some((b) => testCells(expr, a, b)));
        });
    }
    // ∃rows (A ∨ B) = ∃rows A ∨ ∃rows B; for A ∧ B only joins both sides read must be shared.
    if (tree.kind === '||') return evaluateTree(tree.left, joins, rows) || evaluateTree(tree.right, joins, rows);
    const shared = unbound(
        [...tree.left.aliases].filter((a) => tree.right.aliases.has(a)),
        rows,
    );
    return joins.some(
        shared,
        rows,
        (bound) => evaluateTree(tree.left, joins, bound) && evaluateTree(tree.right, joins, bound),
    );
}

/**
 * Whether a record matches a parsed filter, with PocketBase v0.7.10 + SQLite semantics:
 * `=`/`!=` compare `COALESCE(x, '')` (so `x = null` also matches ''), `<`… follow SQLite
 * affinity (a REAL field against '10' compares numerically; a text field against 5 compares
 * with the text '5.0'), `~`/`!~` are LIKE / NOT LIKE with `%…%` added to a bound operand
 * lacking a `%` (ASCII-only case folding, `_` wildcard), any comparison with NULL is false,
 * `@now` is `now` formatted like PocketBase dates. Relation paths are joined like the server
 * does: the record matches if some combination of joined rows satisfies the whole filter.
 *
 * @throws {FilterEvalError} for an identifier the resolver does not know (the server's 400),
 *   even in a branch that would not decide the result
 * @example
 * const record = { title: 'Hello', views: 10, tags: '["a","b"]' }
 * evaluateFilter(parseFilter("title ~ 'hell' && views >= 10 && tags ~ '\"a\"'"),
 *   (id) => (record as Record<string, FilterValue>)[id]) // true
 */
export function evaluateFilter(node: FilterNode, resolve: FieldResolver, now: Date = new Date()): boolean {
    const uses = new Map<string, [Operand, number][]>();
    const tree = buildTree(node, resolve, now, uses);
    return evaluateTree(tree, new Joins(uses), new Map());
}

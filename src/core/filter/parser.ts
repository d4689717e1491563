// The fexpr v0.1.1 parser: a flat state machine per group (operand, sign, operand, join, ...),
// groups parsed recursively from the group token's text.
import type { FilterExpr, FilterGroup, FilterItem, FilterJoin, FilterNode, FilterOperator, FilterToken } from './ast';
import { FilterSyntaxError } from './errors';
import { Scanner, type RawToken } from './scanner';

const enum Step {
    BeforeSign,
    Sign,
    AfterSign,
    Join,
}

const OPERAND_TYPES = new Set(['identifier', 'text', 'number']);

function parseGroup(src: string, positions?: readonly number[]): FilterGroup {
    const scanner = new Scanner(src, positions);
    const items: FilterItem[] = [];
    let step = Step.BeforeSign;
    let join: FilterJoin = '&&';
    let left: FilterToken | undefined;
    let op: FilterOperator = '=';
    const unexpected = (what: string, t: RawToken): never => {
        throw new FilterSyntaxError(`Expected ${what}, got "${t.literal}" (${t.type})`, t.position, t.literal);
    };
    for (;;) {
        const t = scanner.scan();
        if (t.type === 'eof') {
            if (step !== Step.Join) throw new FilterSyntaxError('Invalid formatted filter expression', t.position, '');
            return Object.freeze({ kind: 'group', items: Object.freeze(items) });
        }
        if (t.type === 'whitespace') continue;
        if (t.type === 'group') {
            // fexpr accepts a group at any step: a half-written expression before it is dropped
            // (`a = (b = 1)` is just `(b = 1)`) and a group needs no join before it (it takes the
            // last join seen). Mirrored because PocketBase accepts exactly these filters.
            items.push(Object.freeze({ join, node: parseGroup(t.literal, t.positions) }));
            step = Step.Join;
            continue;
        }
        switch (step) {
            case Step.BeforeSign:
                if (!OPERAND_TYPES.has(t.type)) unexpected('left operand (identifier, text or number)', t);
                left = operand(t);
                step = Step.Sign;
                break;
            case Step.Sign:
                if (t.type !== 'sign') unexpected('a sign operator', t);
                op = t.literal as FilterOperator;
                step = Step.AfterSign;
                break;
            case Step.AfterSign: {
                if (!OPERAND_TYPES.has(t.type)) unexpected('right operand (identifier, text or number)', t);
                const expr: FilterExpr = Object.freeze({
                    kind: 'expr',
                    left: left as FilterToken,
                    op,
                    right: operand(t),
                });
                items.push(Object.freeze({ join, node: expr }));
                step = Step.Join;
                break;
            }
            case Step.Join:
                if (t.type !== 'join') unexpected('&& or ||', t);
                join = t.literal as FilterJoin;
                step = Step.BeforeSign;
                break;
        }
    }
}

function operand(t: RawToken): FilterToken {
    return Object.freeze({ type: t.type as FilterToken['type'], literal: t.literal, position: t.position });
}

// PocketBase keeps up to 500 parsed filters and then stops adding (tools/search/filter.go).
const CACHE_LIMIT = 500;
const cache = new Map<string, FilterNode>();

/**
 * Parses a filter (or API rule) with the grammar of fexpr v0.1.1, as PocketBase v0.7.10 does.
 * Items of a group are folded left to right without precedence (see {@link FilterItem}).
 * An empty or blank string is a syntax error here, as in fexpr; PocketBase never parses an
 * empty `filter` query parameter (it means "no filter") and an empty rule means "everyone",
 * so callers skip empty strings before calling this.
 * Results are cached (500 entries, like the server) and frozen.
 *
 * @throws {FilterSyntaxError} with the position and text of the offending token
 * @example
 * parseFilter("title ~ 'abc' && (n > 1 || n = null)")
 * // { kind: 'group', items: [ { join: '&&', node: { kind: 'expr', ... } },
 * //                           { join: '&&', node: { kind: 'group', items: [...] } } ] }
 */
export function parseFilter(src: string): FilterNode {
    const cached = cache.get(src);
    if (cached) return cached;
    const node = parseGroup(src);
    if (cache.size < CACHE_LIMIT) cache.set(src, node);
    return node;
}

import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilter, type FilterGroup, type FilterNode } from '../../../src/core/filter';

// A compact rendering of the AST: groups in brackets, each item prefixed by its join.
function shape(node: FilterNode | FilterGroup): string {
    return node.items
        .map(({ join, node: item }, i) => {
            const text =
                item.kind === 'group'
                    ? `(${shape(item)})`
                    : `${item.left.type[0]}:${item.left.literal} ${item.op} ${item.right.type[0]}:${item.right.literal}`;
            return i === 0 ? text : `${join} ${text}`;
        })
        .join(' ');
}

function syntaxError(src: string): FilterSyntaxError {
    try {
        parseFilter(src);
    } catch (e) {
        if (e instanceof FilterSyntaxError) return e;
        throw e;
    }
    throw new Error(`expected ${JSON.stringify(src)} to fail`);
}

describe('parseFilter: structure', () => {
    it('keeps items flat and in order, each with the join before it (no precedence)', () => {
        expect(shape(parseFilter('a = 1 && b = 2 || c = 3'))).toBe('i:a = n:1 && i:b = n:2 || i:c = n:3');
        expect(shape(parseFilter('a = 1 || b = 2 && c = 3'))).toBe('i:a = n:1 || i:b = n:2 && i:c = n:3');
        const node = parseFilter('a = 1 || b = 2');
        expect(node.items.map((i) => i.join)).toEqual(['&&', '||']);
    });

    it('parses groups recursively, nested to any depth', () => {
        expect(shape(parseFilter("(a = 1 || (b = 'x' && c != d)) && e ~ 'f'"))).toBe(
            '(i:a = n:1 || (i:b = t:x && i:c != i:d)) && i:e ~ t:f',
        );
    });

    it('accepts every operator and text, number or identifier on either side', () => {
        for (const op of ['=', '!=', '~', '!~', '<', '<=', '>', '>=']) {
            expect(shape(parseFilter(`'x'${op}1`))).toBe(`t:x ${op} n:1`);
        }
        expect(shape(parseFilter('1.5 >= @request.user.id'))).toBe('n:1.5 >= i:@request.user.id');
    });

    it('mirrors fexpr quirks: a group cuts a half-written expression and needs no join', () => {
        expect(shape(parseFilter('a = (b = 1)'))).toBe('(i:b = n:1)');
        expect(shape(parseFilter('(a = 1) (b = 2)'))).toBe('(i:a = n:1) && (i:b = n:2)');
        // the group takes the last join seen
        expect(shape(parseFilter('a = 1 || b = 2 (c = 3)'))).toBe('i:a = n:1 || i:b = n:2 || (i:c = n:3)');
    });

    it('allows whitespace (space, tab, newline) or none between tokens', () => {
        expect(shape(parseFilter('a>=1&&b!~"x"'))).toBe('i:a >= n:1 && i:b !~ t:x');
        expect(shape(parseFilter(' \ta\n=\n1 '))).toBe('i:a = n:1');
    });

    it('records source positions of operands, also inside groups', () => {
        const node = parseFilter("x = 1 || (yy = 'v')");
        const group = node.items[1]?.node;
        expect(group?.kind).toBe('group');
        if (group?.kind !== 'group') return;
        const expr = group.items[0]?.node;
        if (expr?.kind !== 'expr') throw new Error('expected an expression');
        expect(expr.left.position).toBe(10);
        expect(expr.right.position).toBe(15);
    });

    it('returns the same frozen tree for the same filter (cached)', () => {
        const a = parseFilter('cached = 1');
        expect(parseFilter('cached = 1')).toBe(a);
        expect(Object.isFrozen(a)).toBe(true);
        expect(Object.isFrozen(a.items[0])).toBe(true);
    });
});

describe('parseFilter: literals and quoting', () => {
    const right = (src: string) => {
        const item = parseFilter(src).items[0]?.node;
        if (item?.kind !== 'expr') throw new Error('expected an expression');
        return item.right;
    };

    it('unquotes single and double quoted texts and unescapes only the matching quote', () => {
        expect(right("a = 'it\\'s'").literal).toBe("it's");
        expect(right('a = "say \\"hi\\""').literal).toBe('say "hi"');
        expect(right('a = "it\\\'s"').literal).toBe("it\\'s");
        expect(right("a = 'a\\\\b'").literal).toBe('a\\\\b');
        expect(right("a = ''").literal).toBe('');
        expect(right("a = '(&& ||)'").literal).toBe('(&& ||)');
    });

    it('re-quotes texts inside groups like fexpr, which changes or breaks some of them', () => {
        const inner = (src: string) => {
            const g = parseFilter(src).items[0]?.node;
            if (g?.kind !== 'group' || g.items[0]?.node.kind !== 'expr') throw new Error('expected a group');
            return g.items[0].node.right.literal;
        };
        expect(inner("(a = 'it\\'s')")).toBe("it's");
        expect(inner("(a = 'x\\\"y')")).toBe('x"y');
        expect(() => parseFilter('(a = "x\\"y")')).toThrow(FilterSyntaxError);
    });

    it('reads numbers as digits with at most one inner dot; null/true/false/@now are identifiers', () => {
        expect(right('a = 007').literal).toBe('007');
        expect(right('a = 1.25')).toMatchObject({ type: 'number', literal: '1.25' });
        for (const word of ['null', 'TRUE', 'false', '@now']) expect(right(`a = ${word}`).type).toBe('identifier');
    });

    it('accepts identifier characters letters, digits, _, ., @ and #', () => {
        expect(right('a = @collection.posts.author.name').literal).toBe('@collection.posts.author.name');
        expect(right('a = _x#1').literal).toBe('_x#1');
    });
});

describe('parseFilter: syntax errors', () => {
    it.each([
        ['', 'Invalid formatted filter expression', 0, ''],
        ['   ', 'Invalid formatted filter expression', 3, ''],
        ['a = 1 &&', 'Invalid formatted filter expression', 8, ''],
        ['a', 'Invalid formatted filter expression', 1, ''],
        ['a = ', 'Invalid formatted filter expression', 4, ''],
        ['()', 'Invalid formatted filter expression', 1, ''],
        ['a = 1 b = 2', 'Expected && or ||, got "b"', 6, 'b'],
        ['&& a = 1', 'Expected left operand', 0, '&&'],
        ['a 1', 'Expected a sign operator, got "1"', 2, '1'],
        ['a = = 1', 'Expected right operand', 4, '='],
        ['a == 1', 'Invalid sign operator "=="', 2, '=='],
        ['a =< 1', 'Invalid sign operator "=<"', 2, '=<'],
        ['a = 1 & b = 2', 'Invalid join operator "&"', 6, '&'],
        ['a = 1 ||| b = 2', 'Invalid join operator "|||"', 6, '|||'],
        ['a. = 1', 'Invalid identifier "a."', 0, 'a.'],
        ['a = 1.', 'Invalid number "1."', 4, '1.'],
        ['a = 1.2.3', 'Invalid number "1.2.3"', 4, '1.2.3'],
        ['a = -1', 'Unexpected character "-"', 4, '-'],
        ['a = 1)', 'Unexpected character ")"', 5, ')'],
        ['a\r= 1', 'Unexpected character "\r"', 1, '\r'],
        ["a = 'x", 'Invalid quoted text', 4, "'x"],
        ["a = 'x\\'", 'Invalid quoted text', 4, "'x\\'"],
        ['(a = 1', 'missing 1 closing bracket(s)', 0, '(a = 1'],
        ['((a = 1)', 'missing 1 closing bracket(s)', 0, '((a = 1)'],
        ['a = 1 || (b = 2 && c)', 'Invalid formatted filter expression', 20, ''],
        ['x = 1 || (b = 2 c = 1)', 'Expected && or ||, got "c"', 16, 'c'],
    ])('%j fails: %s', (src, message, position, token) => {
        const error = syntaxError(src);
        expect(error.message).toContain(message);
        expect(error.message).toContain(`at position ${position}`);
        expect(error.position).toBe(position);
        expect(error.token).toBe(token);
    });

    it('treats a NUL character as the end of the input, like fexpr', () => {
        expect(shape(parseFilter('a = 1\0 garbage ((('))).toBe('i:a = n:1');
    });

    it('rejects numbers out of the float64 range', () => {
        expect(syntaxError(`a = 1${'0'.repeat(400)}`).message).toContain('Invalid number');
    });
});

// A port of the lexical rules of github.com/ganigeorgiev/fexpr v0.1.1 (the grammar PocketBase
// v0.7.10 parses `filter` and API rules with), including its quirks, so that exactly the same
// inputs are accepted and rejected.
import { FilterSyntaxError } from './errors';

export type RawTokenType = 'whitespace' | 'identifier' | 'number' | 'text' | 'sign' | 'join' | 'group' | 'eof';

export interface RawToken {
    readonly type: RawTokenType;
    readonly literal: string;
    /** Source position of the token's first character. */
    readonly position: number;
    /** For groups: the source position of every character of `literal`. */
    readonly positions?: readonly number[];
}

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n';
const isLetter = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isIdentifierStart = (ch: string): boolean => isLetter(ch) || ch === '_' || ch === '@' || ch === '#';
const isTextStart = (ch: string): boolean => ch === "'" || ch === '"';
const isSignChar = (ch: string): boolean => ch === '=' || ch === '!' || ch === '>' || ch === '<' || ch === '~';
const isJoinChar = (ch: string): boolean => ch === '&' || ch === '|';

const SIGNS = new Set(['=', '!=', '~', '!~', '<', '<=', '>', '>=']);
// fexpr: `^[\w\.\@\#]*\w+$`
const IDENTIFIER = /^[\w.@#]*\w+$/;
// fexpr accepts digits and dots that strconv.ParseFloat accepts, minus a trailing dot.
const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Splits a filter into fexpr tokens. Like fexpr (which reads runes until `rune(0)`), a NUL
 * character ends the input.
 */
export class Scanner {
    private index = 0;

    /**
     * @param src the text to scan (a filter, or the inside of a group)
     * @param positions source position of each character of `src` (identity when omitted)
     */
    constructor(
        private readonly src: string,
        private readonly positions?: readonly number[],
    ) {}

    /** Scans the next token; throws {@link FilterSyntaxError} for a malformed one. */
    scan(): RawToken {
        const ch = this.peek();
        if (ch === '') return this.token('eof', '', this.index);
        if (isWhitespace(ch)) return this.scanWhile('whitespace', isWhitespace);
        if (ch === '(') return this.scanGroup();
        if (isIdentifierStart(ch)) {
            const t = this.scanWhile('identifier', (c) => isIdentifierStart(c) || isDigit(c) || c === '.');
            if (!IDENTIFIER.test(t.literal)) this.fail(`Invalid identifier "${t.literal}"`, t);
            return t;
        }
        if (isDigit(ch)) {
            const t = this.scanWhile('number', (c) => isDigit(c) || c === '.');
            // Number('1e999') is Infinity: strconv.ParseFloat reports a range error for it.
            if (!NUMBER.test(t.literal) || !Number.isFinite(Number(t.literal)))
                this.fail(`Invalid number "${t.literal}"`, t);
            return t;
        }
        if (isTextStart(ch)) return this.scanText().token;
        if (isSignChar(ch)) {
            const t = this.scanWhile('sign', isSignChar);
            if (!SIGNS.has(t.literal)) this.fail(`Invalid sign operator "${t.literal}"`, t);
            return t;
        }
        if (isJoinChar(ch)) {
            const t = this.scanWhile('join', isJoinChar);
            if (t.literal !== '&&' && t.literal !== '||') this.fail(`Invalid join operator "${t.literal}"`, t);
            return t;
        }
        throw new FilterSyntaxError(`Unexpected character "${ch}"`, this.pos(this.index), ch);
    }

    /** The character at the cursor, or '' at the end (fexpr's `eof`, which a NUL also is). */
    private peek(): string {
        const ch = this.src[this.index];
        return ch === undefined || ch === '\0' ? '' : ch;
    }

    private pos(i: number): number {
        if (!this.positions) return i;
        return this.positions[Math.min(i, this.positions.length - 1)] ?? 0;
    }

    private token(type: RawTokenType, literal: string, start: number): RawToken {
        return { type, literal, position: this.pos(start) };
    }

    private fail(message: string, t: RawToken): never {
        throw new FilterSyntaxError(message, t.position, t.literal);
    }

    private scanWhile(type: RawTokenType, accept: (ch: string) => boolean): RawToken {
        const start = this.index;
        while (this.peek() !== '' && accept(this.peek())) this.index++;
        return this.token(type, this.src.slice(start, this.index), start);
    }

    /**
     * A quoted text. As in fexpr, a quote preceded by a backslash never ends the text (so a text
     * cannot end with a backslash), and only `\` + the opening quote is unescaped.
     */
    private scanText(): { token: RawToken; charPositions: number[] } {
        const start = this.index;
        const quote = this.src[this.index++] as string;
        let prev = '';
        let closed = false;
        while (this.peek() !== '') {
            const ch = this.src[this.index++] as string;
            if (ch === quote && prev !== '\\') {
                closed = true;
                break;
            }
            prev = ch;
        }
        if (!closed) {
            const raw = this.src.slice(start, this.index);
            throw new FilterSyntaxError(`Invalid quoted text ${raw}`, this.pos(start), raw);
        }
        let literal = '';
        const charPositions: number[] = [];
        const end = this.index - 1;
        for (let i = start + 1; i < end; i++) {
            if (this.src[i] === '\\' && this.src[i + 1] === quote && i + 1 < end) i++;
            literal += this.src[i];
            charPositions.push(this.pos(i));
        }
        return { token: this.token('text', literal, start), charPositions };
    }

    /**
     * A parenthesised group, returned as one token whose literal is the inside text, parsed
     * recursively by the parser. fexpr rebuilds that text and re-quotes every quoted text inside
     * it with double quotes (unescaped), so `("a\"b")` fails and `('x\"y')` becomes `x"y`;
     * we rebuild it the same way.
     */
    private scanGroup(): RawToken {
        const start = this.index++;
        let depth = 1;
        let literal = '';
        const positions: number[] = [];
        while (this.peek() !== '') {
            const ch = this.peek();
            if (isTextStart(ch)) {
                const quoteAt = this.pos(this.index);
                const { token, charPositions } = this.scanText();
                literal += `"${token.literal}"`;
                positions.push(quoteAt, ...charPositions, this.pos(this.index - 1));
                continue;
            }
            this.index++;
            if (ch === '(') depth++;
            else if (ch === ')' && --depth === 0) break;
            literal += ch;
            positions.push(this.pos(this.index - 1));
        }
        if (depth > 0) {
            throw new FilterSyntaxError(
                `Invalid formatted group - missing ${depth} closing bracket(s)`,
                this.pos(start),
                this.src.slice(start, this.index),
            );
        }
        positions.push(this.pos(this.index - 1)); // where the inside ends: the closing bracket
        return { type: 'group', literal, position: this.pos(start), positions };
    }
}

/**
 * Thrown by {@link parseFilter} when a filter does not follow the fexpr v0.1.1 grammar.
 * PocketBase answers such a filter with 400 "Invalid filter parameters.".
 *
 * @example
 * try { parseFilter('title = ') } catch (e) {
 *   if (e instanceof FilterSyntaxError) console.log(e.position, e.token)
 * }
 */
export class FilterSyntaxError extends Error {
    override readonly name = 'FilterSyntaxError';
    /** Index (UTF-16 code unit) in the source where the offending token starts. */
    readonly position: number;
    /** The offending token's text ('' at the end of input). */
    readonly token: string;

    constructor(message: string, position: number, token: string) {
        super(`${message} (at position ${position})`);
        this.position = position;
        this.token = token;
    }
}

/**
 * Thrown by {@link evaluateFilter} when an identifier cannot be resolved (unknown field,
 * identifier outside the allowed patterns). PocketBase answers 400 "Invalid filter parameters.".
 *
 * @example
 * try { evaluateFilter(parseFilter('nope = 1'), () => undefined) } catch (e) {
 *   if (e instanceof FilterEvalError) console.log(e.identifier) // 'nope'
 * }
 */
export class FilterEvalError extends Error {
    override readonly name = 'FilterEvalError';
    /** The identifier that could not be resolved. */
    readonly identifier: string;

    constructor(message: string, identifier: string) {
        super(message);
        this.identifier = identifier;
    }
}

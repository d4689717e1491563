// Pagination of list responses as PocketBase v0.7.10 does it (tools/search/provider.go).

/** `perPage` when the request gives none, zero or a negative number. */
export const DEFAULT_PER_PAGE = 30;
/** The largest `perPage`; larger values are lowered to it. */
export const MAX_PER_PAGE = 400;

/** The envelope numbers of a list response. */
export interface Pagination {
    readonly page: number;
    readonly perPage: number;
    readonly totalItems: number;
    readonly totalPages: number;
    /** Items to skip before this page: `perPage * (page - 1)`. */
    readonly offset: number;
}

/**
 * Normalises `page`/`perPage` against the number of matching items like the server:
 * perPage ≤ 0 → 30, > 400 → 400; page ≤ 0 or no items → 1; page past the last → the last page.
 * (The server answers 400 for a `page`/`perPage` that is not an integer; parse before calling.)
 *
 * @example
 * paginate(9, 500, 1000) // { page: 3, perPage: 400, totalItems: 1000, totalPages: 3, offset: 800 }
 */
export function paginate(page: number, perPage: number, totalItems: number): Pagination {
    const size = perPage <= 0 ? DEFAULT_PER_PAGE : Math.min(perPage, MAX_PER_PAGE);
    const totalPages = Math.ceil(totalItems / size);
    const current = page <= 0 || totalItems === 0 ? 1 : Math.min(page, totalPages);
    return { page: current, perPage: size, totalItems, totalPages, offset: size * (current - 1) };
}

import { badRequest } from '../http/errors.ts';
import { search, SearchError, type RowResolver, type SearchResult } from '../query/search.ts';

/**
 * A list route's search (page, perPage, sort, filter and extra rule filters), answering the 400
 * PocketBase gives for a bad one (`message` as the route words it).
 */
export function searchOr400<T>(rows: readonly T[], rawQuery: string, resolve: RowResolver<T>, options: { rules?: string[]; message?: string } = {}): SearchResult<T> {
  try {
    return search(rows, rawQuery, resolve, options.rules);
  } catch (err) {
    if (err instanceof SearchError) throw badRequest(options.message);
    throw err;
  }
}

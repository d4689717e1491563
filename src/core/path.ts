import { ClientResponseError } from './errors';

/**
 * True for a value that can stand as one URL path segment. URL parsers resolve `.` and `..`
 * segments (also written `%2E%2E`), so `records.delete('posts', '..')` would reach
 * `DELETE /api/collections/posts` and delete the collection; an empty segment changes the
 * route too.
 */
export function isPathSegment(value: unknown): value is string {
    return typeof value === 'string' && value !== '' && value !== '.' && value !== '..';
}

/**
 * One URL path segment from a caller's value (an id, a collection name, a provider), encoded;
 * anything {@link isPathSegment} refuses is refused before a request is sent.
 *
 * @param what names the argument in the error message (`id`, `collection`, ...)
 * @throws ClientResponseError (status 0) naming the argument
 */
export function pathSegment(value: unknown, what: string): string {
    if (!isPathSegment(value)) {
        throw new ClientResponseError({
            message: `Invalid ${what}: ${JSON.stringify(value) ?? String(value)} cannot be used as a URL path segment.`,
        });
    }
    return encodeURIComponent(value);
}

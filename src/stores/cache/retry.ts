import type { ClientResponseError } from '../../core/errors';

/**
 * Whether a failed request may succeed when simply sent again: a network failure (fetch rejected,
 * status 0 with a TypeError underneath) or a server error (5xx). Never a 4xx, an abort, an
 * unparsable answer or an argument refused before sending.
 */
export function isRetryable(error: ClientResponseError): boolean {
    if (error.isAbort) return false;
    return error.status >= 500 || (error.status === 0 && error.originalError instanceof TypeError);
}

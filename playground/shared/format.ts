// What every page shows the same way: labels and server errors.
import { isClientResponseError } from '../../src/index';
import type { AuthState } from '../../src/stores/nano/index';

export interface Post {
    title: string;
    views: number;
    attachments: string[];
}

/** The error's message, with the server's reasons by field (`title: Missing required value.`). */
export function message(err: unknown): string {
    if (!isClientResponseError(err)) return String(err);
    const fields = Object.entries(fieldErrors(err)).map(([field, text]) => `${field}: ${text}`);
    return fields.length ? `${err.message} (${fields.join('; ')})` : err.message;
}

/** Field name → the server's validation message, from a 400's `data`. */
export type FieldErrors = { [field: string]: string };
export function fieldErrors(err: unknown): FieldErrors {
    const data = isClientResponseError(err) ? err.data.data : undefined;
    const result: FieldErrors = {};
    for (const [field, value] of Object.entries(data ?? {})) {
        const text = value && typeof value === 'object' && 'message' in value ? String(value.message) : String(value);
        result[field] = text;
    }
    return result;
}

export const authLabel = ({ isValid, model, isAdmin }: AuthState): string =>
    (isValid && model ? `${String(model.email)}${isAdmin ? ' (admin)' : ''}` : 'guest');
export const requestsLabel = ({ sent, cancelled }: { sent: number; cancelled: number }): string => `${sent} sent, ${cancelled} cancelled`;

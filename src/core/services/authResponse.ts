import type { Client } from '../Client';
import type { User } from '../models/User';
import type { Admin } from '../models/Admin';
import { asObject } from './crud';

/**
 * Normalises an auth response (`{ token, admin }` / `{ token, user }`), saving it in the auth store
 * when it carries both a token and the model.
 */
export function saveAuthResponse<M extends User | Admin>(
    client: Client,
    responseData: unknown,
    modelKey: 'admin' | 'user',
    decode: (data: { [key: string]: unknown }) => M,
): { [key: string]: unknown } & { token: string } {
    const data = asObject(responseData);
    const token = typeof data.token === 'string' ? data.token : '';
    const rawModel = data[modelKey];
    const model = decode(asObject(rawModel));
    if (token && rawModel !== null && typeof rawModel === 'object') {
        client.authStore.save(token, model);
    }
    return { ...data, token, [modelKey]: model };
}

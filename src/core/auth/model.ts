import { Admin } from '../models/Admin';
import type { ModelData } from '../models/BaseModel';
import { User } from '../models/User';
import { getTokenPayload } from '../jwt';
import { isRecord } from '../normalize';

/** The authenticated model of an auth store. */
export type AuthModel = User | Admin | null;

/** Whose token it is, decided from the token's `type` claim, else from the model's class. */
export function authKind(token: string, model: unknown): 'admin' | 'user' | null {
    const type = getTokenPayload(token).type;
    if (type === 'admin' || type === 'user') return type;
    if (model instanceof Admin) return 'admin';
    if (model instanceof User) return 'user';
    return null;
}

/**
 * Turns stored or received model data into a `User` or an `Admin`. The token's `type` claim
 * decides; without one, only a model with user-only fields counts as a user.
 */
export function toAuthModel(token: string, model: unknown): AuthModel {
    if (model instanceof User || model instanceof Admin) return model;
    if (!isRecord(model)) return null;
    const data: ModelData = model;
    const type = getTokenPayload(token).type;
    if (type === 'admin') return new Admin(data);
    if (type === 'user') return new User(data);
    return 'verified' in data || 'profile' in data ? new User(data) : new Admin(data);
}

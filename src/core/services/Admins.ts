import { AuthService } from './AuthService';
import { Admin } from '../models/Admin';

/** What admin auth calls resolve to. */
export interface AdminAuthResponse {
    [key: string]: unknown;
    token: string;
    admin: Admin;
}

/**
 * The Admins API (`/api/admins`): auth, password reset and CRUD.
 *
 * @example
 * const { admin } = await pb.admins.authViaEmail('admin@example.com', 'password123');
 */
export class Admins extends AuthService<Admin, AdminAuthResponse> {
    protected readonly modelKey = 'admin';

    baseCrudPath(): string {
        return '/api/admins';
    }

    decode(data: { [key: string]: unknown }): Admin {
        return new Admin(data);
    }
}

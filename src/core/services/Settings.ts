import { BaseService } from './BaseService';
import { asObject } from '../normalize';
import type { QueryParams } from '../query';
import type { BodyParams } from './types';

/** The Settings API (`/api/settings`, admins only). */
export class Settings extends BaseService {
    /**
     * All app settings (secrets masked by the server).
     *
     * @example
     * const { meta } = await pb.settings.getAll();
     */
    async getAll(queryParams?: QueryParams): Promise<{ [key: string]: unknown }> {
        return asObject(await this.client.send('/api/settings', { method: 'GET', params: queryParams }));
    }

    /** Updates some settings; resolves to all settings. */
    async update(bodyParams: BodyParams = {}, queryParams?: QueryParams): Promise<{ [key: string]: unknown }> {
        return asObject(await this.client.send('/api/settings', { method: 'PATCH', params: queryParams, body: bodyParams }));
    }

    /** Tests the S3 storage connection; rejects when it fails (or S3 is off). */
    async testS3(queryParams?: QueryParams): Promise<boolean> {
        await this.client.send('/api/settings/test/s3', { method: 'POST', params: queryParams });
        return true;
    }

    /**
     * Sends a test email with one of the templates `verification`, `password-reset`, `email-change`.
     *
     * @example
     * await pb.settings.testEmail('me@example.com', 'verification');
     */
    async testEmail(toEmail: string, emailTemplate: string, queryParams?: QueryParams): Promise<boolean> {
        await this.client.send('/api/settings/test/email', {
            method: 'POST',
            params: queryParams,
            body: { email: toEmail, template: emailTemplate },
        });
        return true;
    }
}

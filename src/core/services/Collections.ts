import { CrudService } from './CrudService';
import { Collection } from '../models/Collection';
import type { QueryParams } from '../query';

/** The Collections API (`/api/collections`). */
export class Collections extends CrudService<Collection> {
    baseCrudPath(): string {
        return '/api/collections';
    }

    decode(data: { [key: string]: unknown }): Collection {
        return new Collection(data);
    }

    /**
     * Imports collections (`PUT /api/collections/import`). With `deleteMissing`, collections and
     * fields absent from `collections` are DELETED with their records.
     *
     * @example
     * await pb.collections.import(exported, false);
     */
    async import(collections: Array<Collection | { [key: string]: unknown }>, deleteMissing = false, queryParams?: QueryParams): Promise<true> {
        await this.client.send(this.baseCrudPath() + '/import', {
            method: 'PUT',
            params: queryParams,
            body: { collections, deleteMissing },
        });
        return true;
    }
}

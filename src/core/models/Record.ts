import { BaseModel, type ModelData } from './BaseModel';

/**
 * A record of any collection: its own fields plus `id`, `created`, `updated`, `@collectionId`,
 * `@collectionName` and `@expand`. Type your own fields with the generics of the services:
 * `pb.records.getList<Post>('posts')` gives `Record & Post` items.
 *
 * @example
 * const post = await pb.records.getOne<{ title: string }>('posts', id);
 * post.title; // string
 */
export class Record extends BaseModel {
    [field: string]: unknown;

    '@collectionId'!: string;
    '@collectionName'!: string;
    '@expand'!: { [field: string]: unknown };

    override load(data: ModelData): void {
        super.load(data);
        for (const [key, value] of Object.entries(data)) {
            // Accessors of the class (isNew) are not data; never shadow them.
            if (key === 'isNew') continue;
            this[key] = value;
        }
        this['@collectionId'] = typeof data['@collectionId'] === 'string' ? data['@collectionId'] : '';
        this['@collectionName'] = typeof data['@collectionName'] === 'string' ? data['@collectionName'] : '';
        const expand = data['@expand'];
        this['@expand'] = expand !== null && typeof expand === 'object' && !Array.isArray(expand)
            ? (expand as { [field: string]: unknown })
            : {};
    }
}

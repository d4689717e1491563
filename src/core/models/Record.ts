import { BaseModel, type ModelData } from './BaseModel';
import { asObject, str } from '../normalize';

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
        // One bulk copy, no per-field work: lists bring records by the thousand.
        if ('isNew' in data) {
            // A field may not replace the isNew accessor (assigning to it would throw).
            const { isNew: _accessor, ...fields } = data;
            data = fields;
        }
        Object.assign(this, data);
        this.id = str(this.id);
        this.created = str(this.created);
        this.updated = str(this.updated);
        this['@collectionId'] = str(this['@collectionId']);
        this['@collectionName'] = str(this['@collectionName']);
        this['@expand'] = asObject(this['@expand']);
    }
}

import type { ModelData } from './BaseModel';
import { objectOrEmpty, str } from '../normalize';

/** One field of a collection's schema. */
export class SchemaField {
    id!: string;
    name!: string;
    type!: string;
    system!: boolean;
    required!: boolean;
    unique!: boolean;
    options!: { [option: string]: unknown };

    constructor(data: ModelData = {}) {
        this.load(objectOrEmpty(data));
    }

    /** Loads `data` into the field. */
    load(data: ModelData): void {
        this.id = str(data.id);
        this.name = str(data.name);
        this.type = str(data.type, 'text');
        this.system = !!data.system;
        this.required = !!data.required;
        this.unique = !!data.unique;
        this.options = objectOrEmpty(data.options);
    }
}

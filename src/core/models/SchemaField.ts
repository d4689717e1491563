import type { ModelData } from './BaseModel';

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
        this.load(data !== null && typeof data === 'object' ? data : {});
    }

    /** Loads `data` into the field. */
    load(data: ModelData): void {
        this.id = typeof data.id === 'string' ? data.id : '';
        this.name = typeof data.name === 'string' ? data.name : '';
        this.type = typeof data.type === 'string' ? data.type : 'text';
        this.system = !!data.system;
        this.required = !!data.required;
        this.unique = !!data.unique;
        const options = data.options;
        this.options = options !== null && typeof options === 'object' ? (options as { [option: string]: unknown }) : {};
    }
}

/** Raw JSON as the server sends it. */
export type ModelData = { [key: string]: unknown };

/** Fields every PocketBase model has, plus the helpers of the official SDK's models. */
export abstract class BaseModel {
    id!: string;
    created!: string;
    updated!: string;

    constructor(data: ModelData = {}) {
        this.load(data !== null && typeof data === 'object' ? data : {});
    }

    /** Loads `data` into the model. */
    load(data: ModelData): void {
        this.id = typeof data.id === 'string' ? data.id : '';
        this.created = typeof data.created === 'string' ? data.created : '';
        this.updated = typeof data.updated === 'string' ? data.updated : '';
    }

    /** True while the model has no id, i.e. it is not stored yet. */
    get isNew(): boolean {
        return !this.id || this.id === '00000000-0000-0000-0000-000000000000';
    }

    /** A deep copy of the model, of the same class. */
    clone(): this {
        const Ctor = this.constructor as new (data: ModelData) => this;
        return new Ctor(JSON.parse(JSON.stringify(this)) as ModelData);
    }

    /** A plain-object copy of the model's fields. */
    export(): ModelData {
        return Object.assign({}, this) as unknown as ModelData;
    }
}

/** `value` if it is a string, else ''. */
export function str(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

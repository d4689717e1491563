import { objectOrEmpty, str } from '../normalize';

/** Raw JSON as the server sends it. */
export type ModelData = { [key: string]: unknown };

/** Fields every PocketBase model has, plus the helpers of the official SDK's models. */
export abstract class BaseModel {
    id!: string;
    created!: string;
    updated!: string;

    constructor(data: ModelData = {}) {
        this.load(objectOrEmpty(data));
    }

    /** Loads `data` into the model. */
    load(data: ModelData): void {
        this.id = str(data.id);
        this.created = str(data.created);
        this.updated = str(data.updated);
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

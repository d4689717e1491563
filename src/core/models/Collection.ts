import { BaseModel, type ModelData } from './BaseModel';
import { SchemaField } from './SchemaField';
import { str } from '../normalize';

/** A collection: its name, schema and API rules (`null` = admins only, `''` = everyone). */
export class Collection extends BaseModel {
    name!: string;
    schema!: SchemaField[];
    system!: boolean;
    listRule!: string | null;
    viewRule!: string | null;
    createRule!: string | null;
    updateRule!: string | null;
    deleteRule!: string | null;

    override load(data: ModelData): void {
        super.load(data);
        this.name = str(data.name);
        this.system = !!data.system;
        this.listRule = rule(data.listRule);
        this.viewRule = rule(data.viewRule);
        this.createRule = rule(data.createRule);
        this.updateRule = rule(data.updateRule);
        this.deleteRule = rule(data.deleteRule);
        const schema = Array.isArray(data.schema) ? data.schema : [];
        this.schema = schema.map((field) => new SchemaField(field as ModelData));
    }
}

function rule(value: unknown): string | null {
    return typeof value === 'string' ? value : null;
}

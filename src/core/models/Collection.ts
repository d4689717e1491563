import { BaseModel, type ModelData } from './BaseModel';
import { SchemaField } from './SchemaField';
import { asArray, str } from '../normalize';

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
        // A rule that is not a string means admins only.
        this.listRule = str(data.listRule, null);
        this.viewRule = str(data.viewRule, null);
        this.createRule = str(data.createRule, null);
        this.updateRule = str(data.updateRule, null);
        this.deleteRule = str(data.deleteRule, null);
        this.schema = asArray<ModelData>(data.schema).map((field) => new SchemaField(field));
    }
}

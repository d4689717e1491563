import { BaseModel, type ModelData } from './BaseModel';
import { str } from '../normalize';

/** A PocketBase admin. */
export class Admin extends BaseModel {
    avatar!: number;
    email!: string;
    lastResetSentAt!: string;

    override load(data: ModelData): void {
        super.load(data);
        this.avatar = typeof data.avatar === 'number' ? data.avatar : 0;
        this.email = str(data.email);
        this.lastResetSentAt = str(data.lastResetSentAt);
    }
}

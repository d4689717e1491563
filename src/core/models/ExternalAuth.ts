import { BaseModel, type ModelData } from './BaseModel';
import { str } from '../normalize';

/** An OAuth2 provider linked to a user. */
export class ExternalAuth extends BaseModel {
    userId!: string;
    provider!: string;
    providerId!: string;

    override load(data: ModelData): void {
        super.load(data);
        this.userId = str(data.userId);
        this.provider = str(data.provider);
        this.providerId = str(data.providerId);
    }
}

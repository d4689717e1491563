import { BaseModel, type ModelData } from './BaseModel';
import { str } from '../normalize';
import { Record } from './Record';

/** A PocketBase v0.7 user, with its `profiles` record as `profile`. */
export class User extends BaseModel {
    email!: string;
    verified!: boolean;
    lastResetSentAt!: string;
    lastVerificationSentAt!: string;
    profile!: Record | null;

    override load(data: ModelData): void {
        super.load(data);
        this.email = str(data.email);
        this.verified = !!data.verified;
        this.lastResetSentAt = str(data.lastResetSentAt);
        this.lastVerificationSentAt = str(data.lastVerificationSentAt);
        const profile = data.profile;
        this.profile = profile !== null && typeof profile === 'object' ? new Record(profile as ModelData) : null;
    }
}

import { BaseModel, type ModelData } from './BaseModel';
import { objectOrEmpty, str } from '../normalize';

/** One entry of the server's request log. */
export class LogRequest extends BaseModel {
    url!: string;
    method!: string;
    status!: number;
    auth!: string;
    remoteIp!: string;
    userIp!: string;
    referer!: string;
    userAgent!: string;
    meta!: { [key: string]: unknown };

    override load(data: ModelData): void {
        super.load(data);
        this.url = str(data.url);
        this.method = str(data.method, 'GET');
        this.status = typeof data.status === 'number' ? data.status : 200;
        this.auth = str(data.auth, 'guest');
        // Older servers called it `ip`.
        this.remoteIp = str(data.remoteIp) || str(data.ip);
        this.userIp = str(data.userIp);
        this.referer = str(data.referer);
        this.userAgent = str(data.userAgent);
        this.meta = objectOrEmpty(data.meta);
    }
}

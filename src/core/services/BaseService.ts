import type { Client } from '../Client';

/** A group of API calls; holds only the client. */
export abstract class BaseService {
    readonly client: Client;

    constructor(client: Client) {
        this.client = client;
    }
}

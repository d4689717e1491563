// The official pocketbase@0.7.4 ships types its package.json "exports" does not expose; the
// benchmarks need only this much of them.
declare module 'pocketbase' {
    export default class PocketBase {
        constructor(baseUrl?: string, lang?: string);
        records: {
            getList(collection: string, page?: number, perPage?: number, query?: { [key: string]: unknown }): Promise<unknown>;
        };
        realtime: {
            subscribe(topic: string, callback: (data: { action: string; record: { id: string } }) => void): Promise<void>;
            unsubscribe(topic?: string): Promise<void>;
        };
    }
}

import type { Record } from '../../core/models/Record';
import type { RecordOf } from '../../core/services/Records';
import { ClientResponseError, isClientResponseError } from '../../core/errors';
import type { MessageData } from '../../realtime/types';
import { fetchOne } from '../cache/queries';
import { listParams } from './liveList';
import type { LiveModel } from './liveSource';
import { fetchPastDeletes, Tombstones } from './tombstones';
import type { LiveRecordQuery, LiveRecordValue, LiveStatus, RealtimeClient } from './types';

/**
 * The model of a live record: `getOne` (a 404 means "no such record": `null`), then the events
 * of its record topic — an update replaces it, a delete makes it null. With `expand` an update is
 * a re-fetch (realtime records carry no `@expand`).
 */
export function liveRecordModel<T>(pb: RealtimeClient, collection: string, id: string, query: LiveRecordQuery): LiveModel<LiveRecordValue<T>> {
    const params = listParams(query);
    const needsFetch = typeof params.expand === 'string' && params.expand !== '';
    const tombstones = new Tombstones();
    let loaded = false;
    let record: Record | null = null;

    return {
        get loaded() {
            return loaded;
        },
        note(event: MessageData) {
            if (event.record.id === id) tombstones.note(event.action, id);
        },
        async fetch(signal) {
            // `records/` would be the list route: an empty id is a mistake, not a record.
            if (!id) throw new ClientResponseError({ message: 'The record id must be set.' });
            try {
                record = await fetchPastDeletes(tombstones, signal, () => fetchOne(pb, collection, id, params, signal), (r) => [r.id]);
            } catch (err) {
                if (!isClientResponseError(err) || err.status !== 404) throw err;
                record = null;
            }
            loaded = true;
        },
        current(recordId) {
            return recordId === id && loaded ? record : undefined;
        },
        apply(event: MessageData, complete = false) {
            if (event.record.id !== id) return 'ignored';
            if (event.action === 'delete') {
                if (record === null) return 'ignored';
                record = null;
                return 'applied';
            }
            if (event.action !== 'create' && event.action !== 'update') return 'ignored';
            if (needsFetch && !complete) return 'refetch';
            // An event older than what a fetch already returned (the SSE stream lagging the answer).
            if (record && typeof record.updated === 'string' && event.record.updated < record.updated) return 'ignored';
            record = event.record;
            return 'applied';
        },
        snapshot() {
            return loaded ? { record } : undefined;
        },
        restore(snapshot) {
            if (!snapshot || typeof snapshot !== 'object' || !('record' in snapshot)) return false;
            const json = (snapshot as { record: unknown }).record;
            record = json && typeof json === 'object' ? pb.records.decode(json as { [key: string]: unknown }) : null;
            loaded = true;
            return true;
        },
        value(status: LiveStatus): LiveRecordValue<T> {
            return { record: record as RecordOf<T> | null, ...status };
        },
    };
}

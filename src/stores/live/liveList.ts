import type { QueryParams } from '../../core/query';
import type { Record } from '../../core/models/Record';
import { ListResult } from '../../core/models/ListResult';
import { uniqueById } from '../../core/services/crud';
import type { RecordOf } from '../../core/services/Records';
import type { MessageData } from '../../realtime/types';
import { isClientResponseError } from '../../core/errors';
import { asObject } from '../../core/normalize';
import { fetchAll, fetchOne, fetchPage } from '../cache/queries';
import { ListWindow } from './listWindow';
import { planLocal } from './localPlan';
import { fetchPastDeletes, Tombstones } from './tombstones';
import type { LiveModel } from './liveSource';
import type { LiveListQuery, LiveListValue, LiveStatus, RealtimeClient } from './types';

// A full list is fetched 400 records (the server's maximum page) per request.
const FULL_LIST_BATCH = 400;
const MAX_PAGE = 400;
const DEFAULT_PER_PAGE = 30;
const CLIENT_SIDE = new Set(['page', 'perPage', '$autoCancel', '$cancelKey']);

/** The parameters sent to the server: everything but paging and the client-side flags. */
export function listParams(query: LiveListQuery): QueryParams {
    const params: QueryParams = {};
    for (const key of Object.keys(query)) {
        if (!CLIENT_SIDE.has(key) && query[key] !== undefined && query[key] !== '') params[key] = query[key];
    }
    return params;
}

/**
 * The first `count` records as one page of size `count`: one request up to the server's maximum
 * page (400), several beyond it (de-duplicated by id).
 */
async function fetchFirst(pb: RealtimeClient, collection: string, count: number, params: QueryParams, signal: AbortSignal): Promise<ListResult<Record>> {
    if (count <= MAX_PAGE) {
        const result = await fetchPage(pb, collection, 1, count, params, signal);
        return new ListResult(1, count, result.totalItems, Math.ceil(result.totalItems / count), result.items);
    }
    const items: Record[] = [];
    let totalItems = 0;
    for (let page = 1; items.length < count; page++) {
        const result = await fetchPage(pb, collection, page, MAX_PAGE, params, signal);
        totalItems = result.totalItems;
        items.push(...result.items);
        if (result.items.length < MAX_PAGE || page >= result.totalPages) break;
    }
    const unique = uniqueById(items).slice(0, count);
    return new ListResult(1, count, totalItems, Math.ceil(totalItems / count), unique);
}

/** One published version of the window: its counts, and its items copied only when read. */
interface ItemsHolder {
    readonly totalItems: number;
    readonly length: number;
    readonly read: () => Record[];
    items: Record[] | null;
}

/** A live list model, plus what an infinite list needs of it. */
export interface ListModel<T> extends LiveModel<LiveListValue<T>> {
    /** Records in the published version of the window (what `value()` shows). */
    readonly length: number;
    /** All matching records on the server, as the published version counts them. */
    readonly totalItems: number;
    /**
     * Fetches the `pageSize` records after a window of the first records and appends them when
     * that is exact: the window is full, nothing changed it meanwhile, the server counts what the
     * window counts and the page repeats no record shown; 'refetch' otherwise (nothing changes).
     */
    grow(pageSize: number, signal: AbortSignal): Promise<'applied' | 'refetch'>;
}

/**
 * The model of a live list: a `ListWindow` filled by `getList` (with `page`/`perPage`) or
 * `getFullList` (without), kept current by the window's exact local reducer. With `size` (an
 * infinite list) the window is the first `size()` records, one page of that size.
 */
export function liveListModel<T>(pb: RealtimeClient, collection: string, query: LiveListQuery, size?: () => number): ListModel<T> {
    // With `size` (an infinite list) the window is the first size() records, growing.
    const windowed = size !== undefined || query.page !== undefined || query.perPage !== undefined;
    const requestedPage = size ? 1 : query.page ?? 1;
    const requestedPerPage = query.perPage ?? DEFAULT_PER_PAGE;
    const params = listParams(query);
    const plan = planLocal({ filter: typeof params.filter === 'string' ? params.filter : undefined, sort: typeof params.sort === 'string' ? params.sort : undefined });
    // Realtime records carry no `@expand`: an expanded list fetches each created or updated record
    // again with `getOne(id, { expand })` before it shows the change.
    const expands = typeof params.expand === 'string' && params.expand !== '';
    const patches = new Set<string>();

    const tombstones = new Tombstones();
    let window: ListWindow<Record> | null = null;
    let holder: ItemsHolder = { totalItems: 0, length: 0, read: () => [], items: [] };
    let page = 1;
    let perPage = windowed ? requestedPerPage : 0;

    /** Takes fetched (or hydrated) records as the window. */
    const load = (items: Record[], shownPage: number, pageSize: number, totalItems: number): void => {
        if (windowed) {
            page = shownPage;
            perPage = pageSize;
            window = new ListWindow(items, { offset: pageSize * (shownPage - 1), totalItems, perPage: pageSize, requestedPage, page: shownPage }, plan);
        } else {
            window = new ListWindow(items, { offset: 0, totalItems: items.length, perPage: Infinity, requestedPage: 1, page: 1 }, plan);
        }
        patches.clear();
        changed();
    };

    /** Publishes the window's current state (the next `value()` shows it). */
    const changed = (): void => {
        const w = window;
        holder = w ? { totalItems: w.totalItems, length: w.length, read: w.snapshot(), items: null } : { totalItems: 0, length: 0, read: () => [], items: [] };
    };

    return {
        get loaded() {
            return window !== null;
        },
        get length() {
            return holder.length;
        },
        get totalItems() {
            return holder.totalItems;
        },
        note(event: MessageData) {
            tombstones.note(event.action, event.record.id);
        },
        async fetch(signal) {
            if (windowed) {
                // The size as the fetch starts (the caller knows what it asked for).
                const count = size?.();
                const result = await fetchPastDeletes(tombstones, signal,
                    () => (count ? fetchFirst(pb, collection, count, params, signal) : fetchPage(pb, collection, requestedPage, requestedPerPage, params, signal)),
                    (page) => page.items.map((r) => r.id));
                load(result.items, result.page, result.perPage, result.totalItems);
            } else {
                const items = await fetchPastDeletes(tombstones, signal,
                    () => fetchAll(pb, collection, FULL_LIST_BATCH, params, signal),
                    (all) => all.map((r) => r.id));
                load(items, 1, 0, items.length);
            }
        },
        async grow(pageSize, signal) {
            const before = window;
            const version = holder;
            if (!before || page !== 1 || before.length !== perPage || perPage % pageSize !== 0 || patches.size > 0) return 'refetch';
            const next = perPage / pageSize + 1;
            const result = await fetchPastDeletes(tombstones, signal,
                () => fetchPage(pb, collection, next, pageSize, params, signal),
                (answer) => answer.items.map((r) => r.id));
            // A shift shows as another count, a record already shown (or one fewer: a repeated id
            // is dropped), or a page the server clamped; a local change meanwhile may or may not
            // be in the answer.
            const total = before.totalItems;
            if (window !== before || holder !== version || patches.size > 0 || result.page !== next || result.totalItems !== total
                || result.items.length !== Math.min(pageSize, total - perPage) || result.items.some((r) => before.get(r.id))) return 'refetch';
            load([...(version.items ?? version.read()), ...result.items], 1, perPage + pageSize, total);
            return 'applied';
        },
        snapshot() {
            if (!window) return undefined;
            return { items: holder.items ?? holder.read(), page, perPage, totalItems: window.totalItems };
        },
        restore(snapshot) {
            const data = asObject(snapshot);
            if (!Array.isArray(data.items)) return false;
            const items = data.items.map((item) => pb.records.decode(asObject(item)));
            const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
            load(items, num(data.page, 1), num(data.perPage, perPage), num(data.totalItems, items.length));
            return true;
        },
        current(id) {
            return window?.get(id);
        },
        apply(event: MessageData, complete = false) {
            if (!window) return 'refetch';
            const outcome = window.apply(event);
            if (outcome !== 'applied') return outcome;
            if (expands && !complete && event.action !== 'delete' && window.get(event.record.id)) {
                // In place in the window, but without its expansions: not published before `patch`.
                patches.add(event.record.id);
                return 'patch';
            }
            changed();
            return 'applied';
        },
        async patch(signal) {
            for (const id of Array.from(patches)) {
                let record: Record;
                try {
                    record = await fetchOne(pb, collection, id, params, signal);
                } catch (err) {
                    // Gone or invisible meanwhile (404): its delete event, or a fetch, settles it.
                    if (isClientResponseError(err) && err.status === 404) return 'refetch';
                    throw err;
                }
                patches.delete(id);
                if (!window || window.apply({ action: 'update', record }) === 'refetch') return 'refetch';
            }
            changed();
            return 'applied';
        },
        value(status: LiveStatus): LiveListValue<T> {
            const current = holder;
            const totalItems = current.totalItems;
            const value = {} as LiveListValue<T>;
            // Copying the window is O(n): done on first read, once per version, shared by every reader.
            Object.defineProperty(value, 'items', {
                enumerable: true,
                get: () => (current.items ??= current.read()) as unknown as ReadonlyArray<RecordOf<T>>,
            });
            return Object.assign(value, {
                totalItems,
                page: windowed ? page : 1,
                perPage: windowed ? perPage : null,
                totalPages: windowed ? (perPage > 0 ? Math.ceil(totalItems / perPage) : 0) : totalItems > 0 ? 1 : 0,
                ...status,
            });
        },
    };
}

// The state of a live list between fetches: the server's ordered window of matching records,
// indexed by id, and the rules that decide whether a realtime event can be applied here exactly
// (the result equals what a fresh fetch would return) or needs a re-fetch.
//
// Ties: SQLite returns rows with equal sort keys in scan order, which depends on the query plan
// (rowid order for a table scan, but `created`/`id` order when their index is used — even
// reversed for `ORDER BY created DESC`). That order is unknowable for a record entering or
// moving within the list, so any insert that lands next to an equal key is a re-fetch. Rows
// already in the list keep their relative order (rowid, id and created never change).
import { ChunkedList } from './chunkedList';
import { keyComparator, matchesFilter, NotLocal, sortKey, type LocalPlan, type SortKey } from './localPlan';

/** The least a record must have. */
export interface Identified {
    readonly id: string;
    readonly [field: string]: unknown;
}

/** One realtime message. */
export interface ListEvent<R> {
    readonly action: string;
    readonly record: R;
}

/** What applying an event did. */
export type ApplyOutcome = 'applied' | 'ignored' | 'refetch';

/** Where the window sits in the full result. */
export interface WindowInit {
    /** Matching records before the window (`perPage * (page - 1)`); 0 for a full list. */
    readonly offset: number;
    /** All matching records (the server's `totalItems`). */
    readonly totalItems: number;
    /** Window size; `Infinity` for a full list. */
    readonly perPage: number;
    /** The page the query asked for (the server may have clamped it to the last page). */
    readonly requestedPage: number;
    /** The page the server returned. */
    readonly page: number;
}

interface Entry<R> {
    readonly item: R;
    /** Increases along the list; finds an id's position by binary search. */
    readonly rank: number;
    /** The item's sort key (null without a local plan, or when a sort field is missing). */
    readonly key: SortKey | null;
}

/** The server's `page` for `requestedPage` once there are `total` matches (tools/search/provider.go). */
function normalisedPage(requestedPage: number, perPage: number, total: number): number {
    if (!Number.isFinite(perPage)) return 1;
    const totalPages = Math.ceil(total / perPage);
    return requestedPage <= 0 || total === 0 ? 1 : Math.min(requestedPage, totalPages);
}

/**
 * A window of a server-sorted, filtered list plus the exact local reducer for realtime events.
 * Every operation costs O(log n) comparisons plus one chunk copy (see `ChunkedList`).
 */
export class ListWindow<R extends Identified> {
    private list: ChunkedList<Entry<R>>;
    private readonly ranks = new Map<string, number>();
    private total: number;
    private readonly offset: number;
    private readonly init: WindowInit;
    private readonly plan: LocalPlan | null;

    /** `plan` null means the filter/sort cannot be evaluated locally. */
    constructor(items: readonly R[], init: WindowInit, plan: LocalPlan | null = null) {
        this.init = init;
        this.plan = plan;
        this.offset = init.offset;
        this.total = init.totalItems;
        this.list = ChunkedList.from(items.map((item, rank) => this.entry(item, rank)));
        items.forEach((item, rank) => this.ranks.set(item.id, rank));
    }

    private entry(item: R, rank: number): Entry<R> {
        return { item, rank, key: this.plan ? sortKey(this.plan, item) : null };
    }

    /** All matching records on the server (as far as this window knows). */
    get totalItems(): number {
        return this.total;
    }

    /** Records in the window. */
    get length(): number {
        return this.list.length;
    }

    /** The window as a new array (O(n)); earlier results are not affected by later events. */
    snapshot(): () => R[] {
        const list = this.list;
        return () => list.toArray((e) => e.item);
    }

    /** The record with this id, if it is in the window. */
    get(id: string): R | undefined {
        const i = this.indexOf(id);
        return i < 0 ? undefined : this.list.at(i)!.item;
    }

    private indexOf(id: string): number {
        const rank = this.ranks.get(id);
        if (rank === undefined) return -1;
        const i = this.list.search((e) => e.rank >= rank);
        return this.list.at(i)?.item.id === id ? i : -1;
    }

    private get after(): number {
        return this.total - this.offset - this.list.length;
    }

    /**
     * Applies one realtime event if the result is exact, else leaves the window untouched and
     * answers 'refetch'.
     */
    apply(event: ListEvent<R>): ApplyOutcome {
        try {
            return this.decide(event, this.plan);
        } catch (err) {
            if (err instanceof NotLocal) return 'refetch';
            throw err;
        }
    }

    private decide(event: ListEvent<R>, plan: LocalPlan | null): ApplyOutcome {
        const record = event.record;
        const at = this.indexOf(record.id);
        const current = at < 0 ? undefined : this.list.at(at)!.item;
        // An event older than what a fetch already returned (the SSE stream lags the HTTP answer).
        if (current && event.action !== 'delete' && isOlder(record, current)) return 'ignored';

        if (event.action === 'delete') {
            if (at >= 0) return this.removeAt(at);
            if (this.coversAll()) return 'ignored';
            if (!plan) return 'refetch';
            return matchesFilter(plan, record) ? this.removeOutside(plan, record) : 'ignored';
        }
        if (event.action !== 'create' && event.action !== 'update') return 'ignored';
        if (!plan) return 'refetch';

        const matches = matchesFilter(plan, record);
        if (at >= 0) {
            if (!matches) return this.removeAt(at);
            const old = this.list.at(at)!;
            const entry = this.entry(record, old.rank);
            if (keyComparator(plan)(old.key, entry.key) === 0) return this.commit(this.list.set(at, entry), this.total);
            return this.move(plan, at, entry);
        }
        // Not in the window: was it counted before? Only a window holding everything knows
        // (or a create, which is new by definition).
        if (event.action === 'update' && !this.coversAll()) return 'refetch';
        if (!matches) return 'ignored';
        return this.insertNew(plan, record, event.action === 'create');
    }

    /** True when the window holds every matching record. */
    private coversAll(): boolean {
        return this.offset === 0 && this.after === 0;
    }

    private removeAt(at: number): ApplyOutcome {
        // The first record after the window would move in: only a fetch knows it.
        if (this.after > 0) return 'refetch';
        const removed = this.list.at(at)!.item;
        if (!this.pageStays(this.total - 1)) return 'refetch';
        this.ranks.delete(removed.id);
        return this.commit(this.list.remove(at), this.total - 1);
    }

    /** A counted record outside the window was deleted: only the count changes, if it was after. */
    private removeOutside(plan: LocalPlan, record: R): ApplyOutcome {
        const last = this.list.at(this.list.length - 1);
        if (!last || keyComparator(plan)(sortKey(plan, record), last.key) <= 0) return 'refetch'; // before, or tied
        if (!this.pageStays(this.total - 1)) return 'refetch';
        return this.commit(this.list, this.total - 1);
    }

    /** A record in the window changed its sort key. */
    private move(plan: LocalPlan, at: number, entry: Entry<R>): ApplyOutcome {
        // Positions below are in the list without the moving record.
        const pos = insertionPoint(this.list, plan, entry.key, at);
        if (pos === null) return 'refetch';
        if (pos === 0 && this.offset > 0) return 'refetch'; // moves before the window
        if (pos === this.list.length - 1 && this.after > 0) return 'refetch'; // leaves past the end
        const rank = this.rankBetween(this.list.at(pos - 1 < at ? pos - 1 : pos)?.rank, this.list.at(pos < at ? pos : pos + 1)?.rank, entry.item.id);
        return this.commit(this.list.move(at, pos, { item: entry.item, rank, key: entry.key }), this.total);
    }

    /** A record not counted before now matches. */
    private insertNew(plan: LocalPlan, record: R, created: boolean): ApplyOutcome {
        const total = this.total + 1;
        if (!this.pageStays(total)) return 'refetch';
        const key = sortKey(plan, record);
        let pos: number | null;
        if (created && plan.createsAppend) pos = this.after > 0 ? null : this.list.length;
        else pos = insertionPoint(this.list, plan, key);
        if (created && plan.createsAppend && pos === null) return this.commit(this.list, total); // past the window
        if (pos === null) return 'refetch';
        if (pos === 0 && this.offset > 0) return 'refetch'; // before the window: it shifts
        if (pos === this.list.length && (this.after > 0 || this.list.length >= this.init.perPage)) {
            return this.commit(this.list, total); // after the window
        }
        let next = this.place(this.list, pos, record, key);
        if (next.length > this.init.perPage) {
            // The last record moves on to the next page.
            this.ranks.delete(next.at(next.length - 1)!.item.id);
            next = next.remove(next.length - 1);
        }
        return this.commit(next, total);
    }

    private pageStays(total: number): boolean {
        const { requestedPage, perPage, page } = this.init;
        return normalisedPage(requestedPage, perPage, total) === page;
    }

    /** Inserts `record` at `pos` with a rank between its neighbours and indexes it. */
    private place(list: ChunkedList<Entry<R>>, pos: number, record: R, key: SortKey | null): ChunkedList<Entry<R>> {
        return list.insert(pos, { item: record, rank: this.rankBetween(list.at(pos - 1)?.rank, list.at(pos)?.rank, record.id), key });
    }

    /** A rank between two neighbours' (either may be missing), recorded for `id`. */
    private rankBetween(prev: number | undefined, next: number | undefined, id: string): number {
        let rank: number;
        if (prev === undefined) rank = next === undefined ? 0 : next - 1;
        else if (next === undefined) rank = prev + 1;
        else rank = prev + (next - prev) / 2;
        // Fractions between neighbours run out of precision after ~50 halvings: renumber then.
        if ((prev !== undefined && rank <= prev) || (next !== undefined && rank >= next)) this.renumberPending = true;
        this.ranks.set(id, rank);
        return rank;
    }

    private renumberPending = false;

    private commit(list: ChunkedList<Entry<R>>, total: number): ApplyOutcome {
        this.list = list;
        this.total = total;
        if (this.renumberPending) {
            this.renumberPending = false;
            const entries = list.toArray((e) => e);
            this.list = ChunkedList.from(entries.map((e, rank) => ({ ...e, rank })));
            const items = entries.map((e) => e.item);
            this.ranks.clear();
            items.forEach((item, rank) => this.ranks.set(item.id, rank));
        }
        return 'applied';
    }
}

function isOlder(record: Identified, current: Identified): boolean {
    return typeof record.updated === 'string' && typeof current.updated === 'string' && record.updated < current.updated;
}

/**
 * Where a record with this sort key goes in `list` — without the element at `skip`, if given
 * (positions are then in the list without it) — or null when it would sit next to an equal key
 * (the tie order is the server's scan order, unknown here).
 */
function insertionPoint<R extends Identified>(list: ChunkedList<Entry<R>>, plan: LocalPlan, key: SortKey | null, skip = -1): number | null {
    const compare = keyComparator(plan);
    // The list is sorted, the skipped element included, so the predicate stays monotone.
    const found = list.search((e) => compare(e.key, key) > 0);
    const beforeIndex = found - 1 === skip ? found - 2 : found - 1;
    const before = list.at(beforeIndex);
    if (before && compare(before.key, key) === 0) return null;
    return skip >= 0 && found > skip ? found - 1 : found;
}

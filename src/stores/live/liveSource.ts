// The lifecycle shared by live lists and live records, as the behaviour of a cache entry:
// subscribe to the topic first, fetch once the server accepted it (so no change can fall between
// the fetch and the first event), apply events locally when the model can, otherwise re-fetch
// (coalesced), re-fetch after every reconnect, and report loading/fetching/stale/error as values.
// The model (the data) belongs to the entry and outlives a mount: a remount shows it at once and
// revalidates in the background.
import type { RecordWrite } from '../../core/Client';
import { ClientResponseError } from '../../core/errors';
import { Record } from '../../core/models/Record';
import type { MessageData } from '../../realtime/types';
import type { Behaviour, EntryContext, OptimisticHandle, PendingAction, PendingWrites } from '../cache/entry';
import { coalesce } from './coalesce';
import { liveStats } from './stats';
import type { LiveStatus, RealtimeClient } from './types';

/** What a model may ask of the mount driving it (see `LiveModel.attach`). */
export interface LiveDriver {
    /** Runs the model's `patch` soon, coalesced with the fetches (a full fetch runs instead when one is due). */
    requestPatch(): void;
    /** Publishes the model's value again (its own state changed). */
    publish(): void;
    /** Resolves once no fetch or patch runs or is due (at once if none), or when the mount stops. */
    settled(): Promise<void>;
}

/** What a live value knows how to do; `liveBehaviour` drives it. */
export interface LiveModel<V> {
    /** Fetches fresh data and keeps it (it rejects on failure; the previous data stays). */
    fetch(signal: AbortSignal): Promise<void>;
    /** Whether the model holds fetched (or hydrated) data. */
    readonly loaded: boolean;
    /** Sees every message, also those that arrive while a fetch runs (before any `apply`). */
    note?(event: MessageData): void;
    /**
     * Applies one event locally if that is exact; 'refetch' otherwise (and nothing changes);
     * 'patch' when the change is applied but must be completed by `patch` before it is shown.
     * `complete` says the record is already complete (an optimistic one keeps its `@expand`).
     */
    apply(event: MessageData, complete?: boolean): 'applied' | 'ignored' | 'refetch' | 'patch';
    /** Completes the changes `apply` answered 'patch' for (a small fetch); 'refetch' if that fails to be exact. */
    patch?(signal: AbortSignal): Promise<'applied' | 'refetch'>;
    /** The value to publish. */
    value(status: LiveStatus): V;
    /** The record with this id as shown: the record, null when known to be absent, undefined when not held. */
    current(id: string): Record | null | undefined;
    /** The data as JSON-safe values (for `dehydrate`), or undefined before any. */
    snapshot(): unknown;
    /** Loads data from `snapshot` (for `hydrate`); false when it is not usable. */
    restore(snapshot: unknown): boolean;
    /**
     * Called when a mount starts, for models with work of their own (an infinite list loading
     * more); returns what to do when that mount stops.
     */
    attach?(driver: LiveDriver): () => void;
}

function asClientError(err: unknown): ClientResponseError {
    return err instanceof ClientResponseError ? err : new ClientResponseError(err);
}

/** A write through the client as the message realtime would bring (a delete knows only the id). */
function writeMessage(write: RecordWrite): MessageData {
    const record = write.record ?? new Record({ id: write.id });
    return { action: write.action, record };
}

/**
 * The behaviour of a live value on one realtime topic.
 *
 * Staleness: false only while the topic is active on a connected connection and no reconnect is
 * waiting for its reconciling re-fetch.
 */
export function liveBehaviour<V>(context: EntryContext<V>, pb: RealtimeClient, topic: string, model: LiveModel<V>): Behaviour {
    const { cache, options } = context;
    let updatedAt = 0;
    let error: ClientResponseError | null = null;
    /** The failure of the last optimistic write, shown as `error` until a later write or fetch succeeds. */
    let writeError: ClientResponseError | null = null;
    let fetching = false;
    let live = false;
    let reconciling = false;
    // Why the topic could not be subscribed (then no event will ever come), or null.
    let subscribeError: ClientResponseError | null = null;
    // What the running mount does with events and re-fetches; null while unmounted.
    let mount: { onEvent(event: MessageData): void; requestFetch(): void; settled(): boolean } | null = null;
    // Optimistic writes in flight, and what the server last said of each of their records
    // (undefined: not held here) — what a rollback puts back, events included.
    let pending: PendingWrites = {};
    const bases = new Map<string, Record | null | undefined>();
    const setPending = (id: string, action: PendingAction | null): void => {
        const next = { ...pending };
        if (action) next[id] = action;
        else delete next[id];
        pending = next;
    };
    /** Applies a local change now (mounted or not); 'refetch' asks the mount for a re-fetch. */
    const applyLocal = (event: MessageData): boolean => {
        const outcome = model.apply(event, true);
        if (outcome === 'refetch') mount?.requestFetch();
        return outcome === 'applied';
    };

    const status = (): LiveStatus => ({
        pending,
        // Until the first data or a failed fetch (a realtime failure alone still awaits the fetch).
        loading: !model.loaded && (error === null || error === subscribeError),
        fetching,
        stale: subscribeError !== null || !live || reconciling,
        error,
        updatedAt,
    });
    const publish = (): void => context.set(model.value(status()));

    const start = (): (() => void) => {
        let controller: AbortController | null = null;
        let stopped = false;
        live = false;
        reconciling = false;
        subscribeError = null;

        // The next run fetches everything (the first one does) or only completes patches.
        let fullFetch = true;
        // Who waits for the runs to be over (see LiveDriver.settled).
        let waiting: Array<() => void> = [];
        const settle = (): void => {
            const resolves = waiting;
            waiting = [];
            for (const resolve of resolves) resolve();
        };
        const refetch = coalesce(async () => {
            const full = fullFetch || !model.patch;
            fullFetch = false;
            const current = new AbortController();
            controller = current;
            liveStats.controllers++;
            cache.inFlight++;
            if (full && !fetching) {
                fetching = true;
                publish();
            }
            const wasReconciling = reconciling;
            try {
                if (full) {
                    await model.fetch(current.signal);
                    if (stopped) return;
                    error = subscribeError;
                    updatedAt = cache.platform.now();
                    if (wasReconciling) reconciling = false;
                } else if ((await model.patch!(current.signal)) === 'refetch' && !stopped) {
                    requestFetch();
                }
            } catch (err) {
                if (stopped) return;
                error = asClientError(err);
                // Whatever was missed, the next run fetches it all: now for a failed patch (the
                // window holds a change it could not complete), at the next event otherwise.
                fullFetch = true;
                if (!full) refetch.request();
            } finally {
                if (controller === current) {
                    controller = null;
                    liveStats.controllers--;
                    cache.inFlight--;
                }
            }
            fetching = refetch.pending && fullFetch;
            publish();
        }, settle);
        const requestFetch = (): void => {
            fullFetch = true;
            refetch.request();
        };

        const onEvent = (event: MessageData): void => {
            if (stopped) return;
            model.note?.(event);
            const id = event.record.id;
            if (bases.has(id)) bases.set(id, event.action === 'delete' ? null : event.record);
            // While a fetch runs it may or may not have seen this change: run once more after it.
            // Before the topic is active nothing is fetched yet (the first fetch will see it).
            // After a failed fetch, too, the next change fetches everything again.
            if (!model.loaded || refetch.busy || fullFetch) {
                if (live || refetch.busy) requestFetch();
                return;
            }
            const outcome = model.apply(event);
            if (outcome === 'applied') publish();
            else if (outcome === 'refetch') requestFetch();
            else if (outcome === 'patch') refetch.request();
        };

        const subscriptionFailed = (err: ClientResponseError): void => {
            // Without realtime the value can still be fetched once; it stays stale.
            subscribeError = err;
            error = err;
            requestFetch();
        };
        let stopListening = (): void => {};
        try {
            stopListening = pb.realtime.listen(topic, onEvent, {
                onActive: () => {
                    live = pb.realtime.state === 'connected';
                    requestFetch();
                },
                onError: subscriptionFailed,
            });
        } catch (err) {
            subscriptionFailed(asClientError(err)); // an invalid topic ('' collection or id)
        }
        const stopState = pb.realtime.onStateChange((state) => {
            if (state !== 'connected' && live) {
                live = false;
                publish();
            }
        });
        const stopReconnect = pb.realtime.onReconnect(() => {
            if (!live) {
                live = true;
                reconciling = true;
            }
            // Else the connection was replaced without a drop (an identity change of another
            // value on this client): a re-fetch in the background covers the switch.
            requestFetch();
        });
        const revalidate = (): void => requestFetch();
        // A record that left the list's or view's rule sends no event: focus and online revalidate.
        const offFocus = options.refetchOnFocus ? cache.platform.onFocus(revalidate) : noop;
        const offOnline = options.refetchOnReconnect ? cache.platform.onOnline(revalidate) : noop;
        mount = { onEvent, requestFetch, settled: () => !refetch.busy && !fullFetch };
        const detach = model.attach?.({
            requestPatch: () => refetch.request(),
            publish,
            settled: () => (refetch.busy ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve()),
        }) ?? noop;
        liveStats.sources++;
        publish();

        return () => {
            stopped = true;
            mount = null;
            liveStats.sources--;
            stopListening();
            stopState();
            stopReconnect();
            offFocus();
            offOnline();
            refetch.dispose();
            if (controller) {
                controller.abort();
                controller = null;
                liveStats.controllers--;
                cache.inFlight--;
            }
            fetching = false;
            live = false;
            detach();
            publish();
            settle();
        };
    };

    return {
        start,
        written(write) {
            // The server's answer is applied now; the realtime echo of it is then a no-op. An
            // unmounted value takes it too if it can (a remount revalidates anyway).
            if (mount) mount.onEvent(writeMessage(write));
            else if (model.loaded) applyLocal(writeMessage(write));
        },
        optimistic(change, makeRecord): OptimisticHandle | null {
            // Only over settled data: a fetch in flight would answer without the change.
            if (!model.loaded || (mount && !mount.settled())) return null;
            const before = model.current(change.id);
            let event: MessageData;
            if (change.action === 'delete') {
                if (!before) return null;
                event = { action: 'delete', record: before };
            } else {
                // An update of a record not held here cannot be shown whole (its other fields are unknown).
                if (change.action === 'update' && !before) return null;
                event = { action: change.action, record: makeRecord(before ?? null) };
            }
            if (!applyLocal(event)) return null;
            if (!bases.has(change.id)) bases.set(change.id, before);
            setPending(change.id, change.action);
            publish();
            const settle = (): void => {
                bases.delete(change.id);
                setPending(change.id, null);
            };
            return {
                done() {
                    settle();
                    // A write that succeeds after a refused one: the list is the server's again.
                    if (writeError !== null && error === writeError) error = subscribeError;
                    writeError = null;
                    publish();
                },
                rollback(failure) {
                    const base = bases.get(change.id);
                    const shown = model.current(change.id);
                    if (base) applyLocal({ action: shown ? 'update' : 'create', record: base });
                    else if (shown) applyLocal({ action: 'delete', record: shown });
                    settle();
                    error = writeError = failure;
                    publish();
                },
            };
        },
        invalidate() {
            mount?.requestFetch();
        },
        refetch() {
            mount?.requestFetch();
        },
        dehydrate() {
            const data = model.snapshot();
            return data === undefined ? undefined : { data: JSON.parse(JSON.stringify(data)) as unknown, updatedAt };
        },
        hydrate(data, at) {
            if (!model.restore(data)) return;
            updatedAt = at;
            error = null;
            publish();
        },
        get fetching() {
            return fetching;
        },
    };
}

function noop(): void {}

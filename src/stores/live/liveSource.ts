// The lifecycle shared by live lists and live records: subscribe to the topic first, fetch once
// the server accepted it (so no change can fall between the fetch and the first event), apply
// events locally when the model can, otherwise re-fetch (coalesced), re-fetch after every
// reconnect, and report loading/stale/error as values.
import { ClientResponseError } from '../../core/errors';
import type { MessageData } from '../../realtime/types';
import { authSource } from '../auth/source';
import { authIdentity } from '../../core/auth/identity';
import type { Producer } from '../core/shared';
import { coalesce } from './coalesce';
import { liveStats } from './stats';
import type { LiveStatus, RealtimeClient } from './types';

/** What a live value knows how to do; `liveSource` drives it. */
export interface LiveModel<V> {
    /** Fetches fresh data and keeps it (it rejects on failure; the previous data stays). */
    fetch(signal: AbortSignal): Promise<void>;
    /** Whether the first fetch has succeeded. */
    readonly loaded: boolean;
    /** Sees every message, also those that arrive while a fetch runs (before any `apply`). */
    note?(event: MessageData): void;
    /**
     * Applies one event locally if that is exact; 'refetch' otherwise (and nothing changes);
     * 'patch' when the change is applied but must be completed by `patch` before it is shown.
     */
    apply(event: MessageData): 'applied' | 'ignored' | 'refetch' | 'patch';
    /** Completes the changes `apply` answered 'patch' for (a small fetch); 'refetch' if that fails to be exact. */
    patch?(signal: AbortSignal): Promise<'applied' | 'refetch'>;
    /** The value to publish. */
    value(status: LiveStatus): V;
}

function asClientError(err: unknown): ClientResponseError {
    return err instanceof ClientResponseError ? err : new ClientResponseError(err);
}


/**
 * A producer (for `shared`) of a live value on one realtime topic.
 *
 * Staleness: false only while the topic is active on a connected connection and no reconnect is
 * waiting for its reconciling re-fetch.
 */
export function liveSource<V>(pb: RealtimeClient, topic: string, createModel: () => LiveModel<V>): Producer<V> {
    return (emit) => {
        const model = createModel();
        // The first fetch is coming (once the topic is active): loading from the start.
        let loading = true;
        let live = false;
        let reconciling = false;
        // Why the topic could not be subscribed (then no event will ever come), or null.
        let subscribeError: ClientResponseError | null = null;
        let error: ClientResponseError | null = null;
        let controller: AbortController | null = null;
        let stopped = false;

        const publish = (): void => {
            if (!stopped) emit(model.value({ loading, stale: subscribeError !== null || !live || reconciling, error }));
        };

        // The next run fetches everything (the first one does) or only completes patches.
        let fullFetch = true;
        // The next full run keeps `loading` as it is (an identity change: the data stays until the answer).
        let quiet = false;
        const refetch = coalesce(async () => {
            const full = fullFetch || !model.patch;
            const loud = full && !(quiet && model.loaded);
            fullFetch = false;
            quiet = false;
            const current = new AbortController();
            controller = current;
            liveStats.controllers++;
            if (loud) {
                loading = true;
                publish();
            }
            const wasReconciling = reconciling;
            try {
                if (full) {
                    await model.fetch(current.signal);
                    if (stopped) return;
                    error = subscribeError;
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
                }
            }
            loading = refetch.pending && fullFetch;
            publish();
        });
        const requestFetch = (): void => {
            fullFetch = true;
            quiet = false;
            refetch.request();
        };
        // A full re-fetch in the background, unless a normal one is already asked for.
        const requestQuietFetch = (): void => {
            if (!fullFetch || !refetch.pending) quiet = true;
            fullFetch = true;
            refetch.request();
        };

        const onEvent = (event: MessageData): void => {
            if (stopped) return;
            model.note?.(event);
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
            if (live) {
                // The connection was replaced without a drop (an identity change): events of the
                // switch are covered by a re-fetch in the background.
                requestQuietFetch();
                return;
            }
            live = true;
            reconciling = true;
            requestFetch();
        });
        // Another identity (sign-in, sign-out, another user, the token's expiry) sees other
        // records (API rules): realtime re-subscribes under it, and the data is fetched again in
        // the background — it stays shown, neither loading nor stale, until the answer.
        let identity: string | null = null;
        const stopAuth = authSource(pb).subscribe((state) => {
            const next = authIdentity(state.token, state.model);
            if (identity !== null && next !== identity && model.loaded) requestQuietFetch();
            identity = next;
        });
        liveStats.sources++;
        publish();

        return () => {
            stopped = true;
            liveStats.sources--;
            stopListening();
            stopState();
            stopReconnect();
            stopAuth();
            refetch.dispose();
            if (controller) {
                controller.abort();
                controller = null;
                liveStats.controllers--;
            }
        };
    };
}

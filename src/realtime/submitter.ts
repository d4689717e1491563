import { ClientResponseError, isClientResponseError } from '../core/errors';

/** What the submitter needs from its owner. */
export interface SubmitterDeps {
    /** POSTs the full topic list for a client (the server replaces its whole list). */
    send(clientId: string, topics: string[]): Promise<unknown>;
    /** The topic list wanted now. */
    topics(): string[];
    /** The current connection's client id, or '' while not connected. */
    clientId(): string;
    /** The identity the next POST will carry (see `authIdentity`). */
    identity(): string;
    /** The server accepted `topics` for `clientId`. */
    onAccepted(clientId: string, topics: string[]): void;
    /**
     * The server refused a list for the current client. `first` is true when nothing was accepted
     * on this client yet (so it has no server-side subscription at all).
     */
    onRefused(error: ClientResponseError, topics: string[], first: boolean): void;
    /** The server bound this client to another identity: only a new connection can change it. */
    onIdentityChanged(): void;
    /** Asks for `submit()` to run again soon (after a POST settles with changes pending). */
    requestSubmit(): void;
}

interface Accepted {
    clientId: string;
    topics: string[];
    identity: string;
}

interface Waiter {
    resolve: () => void;
    reject: (error: ClientResponseError) => void;
}

/**
 * Sends the topic list to `POST /api/realtime`: only when it differs from what the server
 * accepted, one POST at a time per client (two in flight could reach the server out of order and
 * leave it with the older list), always the full current list.
 */
export class TopicSubmitter {
    private accepted: Accepted | null = null;
    private inflight: { clientId: string } | null = null;
    private waiters: Waiter[] = [];

    constructor(private readonly deps: SubmitterDeps) {}

    /** The list the server accepted for the current client ([] while not connected). */
    acceptedTopics(): string[] {
        const accepted = this.current();
        return accepted ? accepted.topics.slice() : [];
    }

    /** Whether the server accepted this topic for the current client. */
    isAccepted(topic: string): boolean {
        return this.current()?.topics.includes(topic) ?? false;
    }

    /** A promise settled by the next submission (or at once when nothing needs sending). */
    nextSettled(): Promise<void> {
        return new Promise<void>((resolve, reject) => {
            this.waiters.push({ resolve, reject });
            this.deps.requestSubmit();
        });
    }

    /** The connection is gone: nothing is accepted any more; waiters are done (the next connection sends the fresh list). */
    reset(): void {
        this.accepted = null;
        this.inflight = null;
        this.release();
    }

    /** Sends the current list if needed. */
    submit(): void {
        const clientId = this.deps.clientId();
        if (!clientId) {
            this.release();
            return;
        }
        // The POST in flight is followed by another submit once it settles (see below).
        if (this.inflight && this.inflight.clientId === clientId) return;

        const topics = this.deps.topics();
        const identity = this.deps.identity();
        const accepted = this.current();
        if (accepted && accepted.identity !== '' && accepted.identity !== identity) {
            this.release();
            this.deps.onIdentityChanged();
            return;
        }
        if (upToDate(accepted, topics, identity)) {
            this.release();
            return;
        }

        const waiters = this.takeWaiters();
        const flight = { clientId };
        this.inflight = flight;
        const first = !accepted;
        this.deps.send(clientId, topics).then(
            () => {
                if (this.inflight === flight) this.inflight = null;
                if (this.deps.clientId() === clientId) {
                    this.accepted = { clientId, topics, identity };
                    this.deps.onAccepted(clientId, topics);
                }
                settle(waiters, null);
                this.afterFlight(clientId);
            },
            (reason: unknown) => {
                if (this.inflight === flight) this.inflight = null;
                const error = isClientResponseError(reason) ? reason : new ClientResponseError(reason);
                const current = this.deps.clientId() === clientId;
                // 404 (the server forgot the client) and 403 (another identity) are the connection's
                // problem: a new connection will carry the list, so a waiting unsubscribe is done.
                const connectionLevel = error.status === 404 || error.status === 403;
                settle(waiters, current && !connectionLevel ? error : null);
                if (current) this.deps.onRefused(error, topics, first);
                this.afterFlight(clientId, topics);
            },
        );
    }

    /**
     * Submits again when something changed while the POST was in flight. After a refusal, the
     * same list is not re-sent on its own (that would hammer a failing server): the next change does.
     */
    private afterFlight(clientId: string, refusedTopics?: string[]): void {
        if (this.deps.clientId() !== clientId) return;
        const wanted = this.deps.topics();
        if (this.waiters.length === 0 && refusedTopics && sameList(refusedTopics, wanted)) return;
        if (this.waiters.length > 0 || !upToDate(this.current(), wanted, this.deps.identity())) this.deps.requestSubmit();
    }

    private current(): Accepted | null {
        const accepted = this.accepted;
        const clientId = this.deps.clientId();
        return accepted && clientId && accepted.clientId === clientId ? accepted : null;
    }

    /** Resolves every waiter: nothing needs sending for them. */
    private release(): void {
        settle(this.takeWaiters(), null);
    }

    private takeWaiters(): Waiter[] {
        const waiters = this.waiters;
        this.waiters = [];
        return waiters;
    }
}

function settle(waiters: Waiter[], error: ClientResponseError | null): void {
    for (const waiter of waiters) {
        if (error) waiter.reject(error);
        else waiter.resolve();
    }
}

/** Whether the server's accepted list is `topics`, sent under `identity`. */
function upToDate(accepted: Accepted | null, topics: string[], identity: string): boolean {
    return accepted !== null && accepted.identity === identity && sameList(accepted.topics, topics);
}

function sameList(a: string[], b: string[]): boolean {
    if (a.length !== b.length) return false;
    const set = new Set(a);
    return b.every((item) => set.has(item));
}

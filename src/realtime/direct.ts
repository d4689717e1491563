import type { Client } from '../core/Client';
import { ClientResponseError } from '../core/errors';
import { authIdentity } from '../core/auth/identity';
import { createBackoff } from './backoff';
import { Connection } from './connection';
import { AuthWatcher } from './identity';
import { TopicSubmitter } from './submitter';
import type { Uplink, UplinkHandlers } from './uplink';
import type { RealtimeEnvironment, RealtimeOptions, Timers } from './types';

const DEFAULT_CONNECT_TIMEOUT = 15_000;

/** How a `DirectUplink` is set up. */
export interface DirectConfig {
    client: Client;
    options: RealtimeOptions;
    timers: Timers;
    environment: RealtimeEnvironment;
    /** The topics to hold on the server now. */
    topics(): string[];
    handlers: UplinkHandlers;
    /**
     * Follow the client's identity and reconnect when it changes (default). Off for a leader tab,
     * whose group follows the identity instead (a new identity is a new group).
     */
    watchIdentity: boolean;
}

/**
 * One EventSource of our own: the connection, the topic-list POSTs, the identity watch, and the
 * network (no attempts while offline, one at once when back online).
 */
export class DirectUplink implements Uplink {
    private readonly connection: Connection;
    private readonly submitter: TopicSubmitter;
    private readonly auth: AuthWatcher | null;
    private readonly listened = new Set<string>();
    private reconcileScheduled = false;
    private reconnectPending = false;
    private unwatchNetwork: (() => void) | null = null;
    private unwatchVisibility: (() => void) | null = null;
    private closed = false;

    constructor(private readonly config: DirectConfig) {
        const { client, options, timers, handlers } = config;
        const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
        this.auth = config.watchIdentity ? new AuthWatcher(client, timers, () => this.schedule()) : null;
        this.connection = new Connection({
            url: () => client.buildUrl('/api/realtime'),
            EventSource: options.EventSource,
            connectTimeout: Number.isFinite(connectTimeout) && connectTimeout > 0 ? connectTimeout : DEFAULT_CONNECT_TIMEOUT,
            backoff: createBackoff(options.backoff),
            timers,
            handlers: {
                onConnect: (_clientId, reconnect) => {
                    if (reconnect) this.reconnectPending = true;
                    this.schedule();
                },
                onTopicEvent: (topic, data) => handlers.event(topic, data),
                onUnknownEvent: (name, data) => handlers.unknownEvent(name, data),
                onDisconnect: (error, wasConnected) => this.disconnected(error, wasConnected),
                onStateChange: (state) => handlers.state(state),
            },
        });
        this.submitter = new TopicSubmitter({
            send: (clientId, topics) => client.send('/api/realtime', {
                method: 'POST',
                body: { clientId, subscriptions: topics },
                // Realtime POSTs must never cancel each other (nor be cancelled by the user's requests).
                params: { $autoCancel: false },
            }),
            topics: () => this.config.topics(),
            clientId: () => this.connection.clientId,
            identity: () => authIdentity(client.authStore.token, client.authStore.model),
            onAccepted: (_clientId, topics) => this.accepted(topics),
            onRefused: (error, topics, first) => this.refused(error, topics, first),
            onIdentityChanged: () => this.connection.restart(),
            requestSubmit: () => this.schedule(),
        });
    }

    readonly role = 'alone';

    get clientId(): string {
        return this.connection.clientId;
    }

    get resourceCount(): number {
        return this.connection.resourceCount + (this.auth?.resourceCount ?? 0) + (this.unwatchNetwork ? 1 : 0) + (this.unwatchVisibility ? 1 : 0);
    }

    acceptedTopics(): string[] {
        return this.submitter.acceptedTopics();
    }

    nextSettled(): Promise<void> {
        return this.submitter.nextSettled();
    }

    /** Coalesces every change of this tick into one reconciliation (so one POST). */
    sync(): void {
        this.schedule();
    }

    /** Retries at once if a retry is pending (see `Connection.retryNow`). */
    retryNow(): void {
        this.connection.retryNow();
    }

    /** Closes everything for good (a leader stepping down); later calls do nothing. */
    close(): void {
        this.closed = true;
        this.stop();
    }

    private schedule(): void {
        if (this.reconcileScheduled || this.closed) return;
        this.reconcileScheduled = true;
        queueMicrotask(() => {
            this.reconcileScheduled = false;
            if (!this.closed) this.reconcile();
        });
    }

    /** Brings the connection's event listeners, the connection and the server-side list in line. */
    private reconcile(): void {
        const topics = this.config.topics();
        const wanted = new Set(topics);
        for (const topic of this.listened) {
            if (!wanted.has(topic)) {
                this.listened.delete(topic);
                this.connection.unlisten(topic);
            }
        }
        for (const topic of topics) {
            if (!this.listened.has(topic)) {
                this.listened.add(topic);
                this.connection.listen(topic);
            }
        }
        if (topics.length === 0) {
            this.stop();
            return;
        }
        this.auth?.start();
        if (!this.unwatchNetwork) {
            const { environment } = this.config;
            this.unwatchNetwork = environment.onNetworkChange((online) => this.networkChanged(online));
            // A hidden page's timers are throttled: a retry it still waits for is made when shown.
            this.unwatchVisibility = environment.onVisibilityChange((hidden) => {
                if (!hidden) this.connection.retryNow();
            });
        }
        if (this.connection.state === 'closed') {
            this.connection.open();
            if (!this.config.environment.online()) this.connection.suspend('offline');
        }
        this.submitter.submit();
    }

    private stop(): void {
        this.auth?.stop();
        this.unwatchNetwork?.();
        this.unwatchNetwork = null;
        this.unwatchVisibility?.();
        this.unwatchVisibility = null;
        this.connection.close();
        this.reconnectPending = false;
        this.submitter.reset();
    }

    private networkChanged(online: boolean): void {
        if (online) {
            this.connection.resume();
        } else {
            this.submitter.reset();
            this.connection.suspend('offline');
        }
    }

    private accepted(topics: string[]): void {
        this.config.handlers.accepted(topics);
        if (this.reconnectPending) {
            this.reconnectPending = false;
            this.config.handlers.reconnected();
        }
    }

    private refused(error: ClientResponseError, topics: string[], first: boolean): void {
        const { handlers } = this.config;
        handlers.report('submit', 'The server refused the topic list.', error);
        const connectionLevel = error.status === 404 || error.status === 403;
        // A refusal by a client fresh from PB_CONNECT is not going away: the pending registrations fail.
        if (first || !connectionLevel) handlers.rejected(error, topics);
        if (this.config.topics().length > 0 && (first || connectionLevel)) {
            // Nothing (or nothing trustworthy) is subscribed server-side: start over on a new connection.
            this.connection.fail(new Error(error.message, { cause: error }));
        }
        this.schedule();
    }

    private disconnected(error: Error, wasConnected: boolean): void {
        this.submitter.reset();
        const { handlers } = this.config;
        handlers.report('connection', wasConnected ? 'The connection was lost; reconnecting.' : 'A connection attempt failed; retrying.', error);
        if (!wasConnected) {
            handlers.rejected(new ClientResponseError({ url: this.config.client.buildUrl('/api/realtime'), originalError: error }), null);
        }
        this.schedule();
    }
}

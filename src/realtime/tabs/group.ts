import { ClientResponseError } from '../../core/errors';
import { DirectUplink } from '../direct';
import type { BroadcastChannelConstructor, BroadcastChannelLike, ConnectionState, LockManagerLike, TabRole } from '../types';
import type { Uplink } from '../uplink';
import { parseTabMessage, PROTOCOL, type TabMessage } from './protocol';
import type { SharedConfig } from './shared';

/** How often a leader checks that its members' tabs still exist (a crashed tab sends no goodbye). */
const PRUNE_INTERVAL = 5_000;

type Outgoing = TabMessage extends infer M ? M extends TabMessage ? Omit<M, 'p' | 'from'> : never : never;

interface Waiter {
    seq: number;
    resolve: () => void;
    reject: (error: ClientResponseError) => void;
}

/** The lock and channel name of a group (the protocol version included). */
function groupName(key: string): string {
    return 'pocketbase-reactive realtime ' + PROTOCOL + '\n' + key;
}

/**
 * This tab's membership in one group of tabs (same server, auth store key and identity). Every
 * member waits on the group's Web Lock; the holder is the leader: it opens the one EventSource
 * (a `DirectUplink` over the union of the members' topics) and relays to the others, over the
 * group's BroadcastChannel, the frames of their topics, the connection state and what the server
 * accepted or refused. A member's tab holds a lock of its own, so the leader can tell a crashed
 * member from a quiet one. When the leader's tab closes or crashes, the browser hands the lock to
 * another member, which connects and announces itself; every member then reconciles.
 */
export class Group implements Uplink {
    private readonly channel: BroadcastChannelLike;
    private readonly name: string;
    private releaseLeaderTag: () => void = () => {};
    private readonly leaderRequest = new AbortController();
    private readonly unwatchVisibility: () => void;
    private releaseLeader: () => void = () => {};
    private releaseMember: () => void = () => {};
    private ended = false;

    // As the leader:
    private direct: DirectUplink | null = null;
    private readonly members = new Map<string, string[]>();
    private pruneTimer: unknown = null;

    // As a member:
    private leaderId: string | null = null;
    private leaderState: ConnectionState = 'connecting';
    private leaderClientId = '';
    private leaderTopics: string[] = [];
    private connectedOnce = false;
    private seq = 0;
    private waiters: Waiter[] = [];

    constructor(
        readonly key: string,
        private readonly tabId: string,
        private readonly config: SharedConfig,
        private readonly locks: LockManagerLike,
        Channel: BroadcastChannelConstructor,
        private readonly onEnd: () => void,
    ) {
        // The protocol is in the names: a tab of another version of this package forms its own group
        // (it would otherwise wait for a lock held by a leader that ignores its messages).
        const name = groupName(key);
        this.name = name;
        this.channel = new Channel(name);
        this.channel.onmessage = (event) => this.received(event.data);
        this.hold(name + '\nmember ' + tabId, {}, (release) => (this.releaseMember = release));
        this.hold(name, { signal: this.leaderRequest.signal }, (release) => {
            this.releaseLeader = release;
            // A lock naming the leader, so members can check a 'leader' message against the locks
            // (a late message of a former leader, or a forged one, must not take them away).
            this.hold(name + '\nleader ' + tabId, {}, (releaseTag) => {
                this.releaseLeaderTag = releaseTag;
                this.lead();
            });
        });
        // A page shown again makes a pending retry now, also when another (throttled) tab leads.
        this.unwatchVisibility = config.environment.onVisibilityChange((hidden) => {
            if (hidden) return;
            if (this.direct) this.direct.retryNow();
            else if (this.leaderState === 'reconnecting') this.post({ type: 'retry' });
        });
        this.config.handlers.state('connecting');
    }

    get clientId(): string {
        return this.direct ? this.direct.clientId : this.leaderClientId;
    }

    get role(): TabRole {
        return this.direct ? 'leader' : 'follower';
    }

    get resourceCount(): number {
        if (this.ended) return 0;
        return 4 + (this.direct?.resourceCount ?? 0) + (this.pruneTimer !== null ? 1 : 0);
    }

    acceptedTopics(): string[] {
        return this.direct ? this.direct.acceptedTopics() : this.leaderTopics.slice();
    }

    sync(): void {
        if (this.ended) return;
        if (this.direct) this.leaderSync();
        else this.sendTopics();
    }

    nextSettled(): Promise<void> {
        if (this.ended) return Promise.resolve();
        if (this.direct) return this.direct.nextSettled();
        const seq = this.sendTopics();
        return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    }

    /** Leaves the group: the connection (if leading) and the locks are released, the channel closed. */
    leave(): void {
        if (this.ended) return;
        this.ended = true;
        this.post({ type: 'bye' });
        this.direct?.close();
        this.direct = null;
        this.stopPruning();
        this.leaderRequest.abort();
        this.releaseLeaderTag();
        this.releaseLeader();
        this.releaseMember();
        this.channel.onmessage = null;
        this.channel.close();
        this.unwatchVisibility();
        this.settleWaiters(Infinity);
    }

    /** Requests a Web Lock and holds it until `leave` (`granted` gets the release). */
    private hold(name: string, options: { signal?: AbortSignal }, granted: (release: () => void) => void): void {
        this.locks.request(name, options, () => {
            if (this.ended) return undefined;
            return new Promise<void>((release) => granted(release));
        }).catch(() => {
            // Aborted before it was granted: this tab left the group meanwhile.
        });
    }

    private post(message: Outgoing): void {
        if (this.ended && message.type !== 'bye') return;
        try {
            this.channel.postMessage({ p: PROTOCOL, from: this.tabId, ...message });
        } catch (error) {
            this.config.handlers.report('channel', 'Could not post to the other tabs.', error);
        }
    }

    private received(data: unknown): void {
        if (this.ended) return;
        const message = parseTabMessage(data);
        if (!message) {
            this.config.handlers.report('channel', 'Dropped a message on the tabs\' channel that is not ours.', data);
            return;
        }
        if (message.from === this.tabId) return;
        if (this.direct) this.leaderReceived(message);
        else this.memberReceived(message);
    }

    // ---- leader ----

    /** This tab got the lock: open the connection for everyone and ask the members for their topics. */
    private lead(): void {
        if (this.ended) return;
        const local = this.config.handlers;
        // This tab's own live values reconcile after the new connection's first acceptance.
        const takingOver = this.connectedOnce;
        if (takingOver) local.interrupted();
        this.settleWaiters(Infinity);
        this.leaderId = this.tabId;
        this.direct = new DirectUplink({
            ...this.config,
            topics: () => this.union(),
            watchIdentity: false,
            handlers: {
                ...local,
                event: (topic, data) => {
                    if (this.membersWant(topic)) this.post({ type: 'event', topic, data });
                    local.event(topic, data);
                },
                // The other tabs first: this tab's handlers run user callbacks.
                accepted: (topics) => {
                    this.post({ type: 'accepted', clientId: this.clientId, topics });
                    local.accepted(topics);
                },
                rejected: (error, topics) => {
                    this.post({ type: 'rejected', topics, status: error.status, message: error.message, data: error.data });
                    local.rejected(error, topics);
                },
                state: (state) => {
                    this.leaderState = state;
                    this.post({ type: 'state', state, clientId: this.clientId });
                    // A tab taking over was connected (through the former leader): it reconnects.
                    local.state(state === 'connecting' && takingOver ? 'reconnecting' : state);
                },
                reconnected: () => {
                    this.post({ type: 'reconnected' });
                    local.reconnected();
                },
                report: (kind, message, error) => {
                    if (kind === 'connection' || kind === 'submit') this.post({ type: 'report', kind, message });
                    local.report(kind, message, error);
                },
            },
        });
        this.post({ type: 'leader' });
        this.leaderSync();
    }

    private union(): string[] {
        const topics = new Set(this.config.topics());
        for (const list of this.members.values()) for (const topic of list) topics.add(topic);
        return Array.from(topics);
    }

    private membersWant(topic: string): boolean {
        for (const list of this.members.values()) if (list.includes(topic)) return true;
        return false;
    }

    /** Follows the union; the group ends when no tab wants a topic. */
    private leaderSync(): void {
        if (this.union().length === 0) {
            this.leave();
            this.onEnd();
            return;
        }
        this.direct?.sync();
        if (this.members.size > 0) this.startPruning();
        else this.stopPruning();
    }

    private leaderReceived(message: TabMessage): void {
        const direct = this.direct!;
        switch (message.type) {
            case 'topics': {
                const known = this.members.has(message.from);
                this.members.set(message.from, message.topics);
                if (!known) this.post({ type: 'leader' });
                // What the member needs to know now; acceptances of its new topics follow.
                this.post({ type: 'state', state: this.leaderState, clientId: this.clientId });
                if (direct.clientId) this.post({ type: 'accepted', clientId: direct.clientId, topics: direct.acceptedTopics() });
                const { from, seq } = message;
                direct.nextSettled().then(
                    () => this.post({ type: 'settled', to: from, seq, status: null, message: '' }),
                    (error: unknown) => {
                        const failure = error instanceof ClientResponseError ? error : new ClientResponseError(error);
                        this.post({ type: 'settled', to: from, seq, status: failure.status, message: failure.message });
                    },
                );
                this.leaderSync();
                break;
            }
            case 'bye':
                if (this.members.delete(message.from)) this.leaderSync();
                break;
            case 'retry':
                direct.retryNow();
                break;
            default:
                // Other messages come from leaders; with Web Locks there is one, and it is this tab.
                break;
        }
    }

    private startPruning(): void {
        if (this.pruneTimer !== null) return;
        this.pruneTimer = this.config.timers.setTimeout(() => {
            this.pruneTimer = null;
            void this.prune();
        }, PRUNE_INTERVAL);
    }

    private stopPruning(): void {
        if (this.pruneTimer === null) return;
        this.config.timers.clearTimeout(this.pruneTimer);
        this.pruneTimer = null;
    }

    /** Forgets members whose tab is gone (its member lock is no longer held). */
    private async prune(): Promise<void> {
        let held: Set<string>;
        try {
            const snapshot = await this.locks.query();
            held = new Set((snapshot.held ?? []).map((lock) => lock.name ?? ''));
        } catch {
            return;
        }
        if (!this.direct || this.ended) return;
        const prefix = this.name + '\nmember ';
        let changed = false;
        for (const member of Array.from(this.members.keys())) {
            if (!held.has(prefix + member)) changed = this.members.delete(member) || changed;
        }
        if (changed) this.leaderSync();
        else if (this.members.size > 0) this.startPruning();
    }

    // ---- member ----

    private sendTopics(): number {
        this.seq++;
        this.post({ type: 'topics', topics: this.config.topics(), seq: this.seq });
        return this.seq;
    }

    private memberReceived(message: TabMessage): void {
        const local = this.config.handlers;
        if (message.type === 'leader') {
            if (message.from !== this.leaderId) void this.verifyLeader(message.from);
            return;
        }
        if (message.type === 'bye') {
            if (message.from === this.leaderId) this.newLeader(null);
            return;
        }
        if (message.from !== this.leaderId) return; // a former leader's last words, or a member's
        switch (message.type) {
            case 'state': {
                this.leaderState = message.state;
                // Nothing is subscribed on a connection that is not up (a new one starts empty).
                if (message.state !== 'connected') this.leaderTopics = [];
                let state = message.state;
                if (state === 'connected') this.connectedOnce = true;
                else if (state === 'connecting' && this.connectedOnce) state = 'reconnecting';
                this.leaderClientId = message.clientId;
                local.state(state);
                break;
            }
            case 'accepted':
                this.leaderClientId = message.clientId;
                this.leaderTopics = message.topics;
                local.accepted(message.topics);
                break;
            case 'rejected':
                local.rejected(new ClientResponseError({
                    url: this.config.client.buildUrl('/api/realtime'),
                    status: message.status,
                    data: { ...message.data, message: message.message },
                }), message.topics);
                break;
            case 'event':
                local.event(message.topic, message.data);
                break;
            case 'reconnected':
                local.reconnected();
                break;
            case 'report':
                local.report(message.kind, message.message + ' (in the tab holding the shared connection)', new Error(message.message));
                break;
            case 'settled':
                if (message.to !== this.tabId) break;
                this.settleWaiters(message.seq, message.status === null ? null : new ClientResponseError({
                    url: this.config.client.buildUrl('/api/realtime'),
                    status: message.status,
                    data: { message: message.message },
                }));
                break;
            default:
                break;
        }
    }

    /** Another tab leads now (or none, until the lock finds one): what the old leader held is gone. */
    private newLeader(id: string | null): void {
        const hadLeader = this.leaderId !== null;
        this.leaderId = id;
        this.leaderTopics = [];
        this.leaderClientId = '';
        this.settleWaiters(Infinity);
        if (!hadLeader) return;
        if (this.connectedOnce) {
            this.config.handlers.interrupted();
            this.config.handlers.state('reconnecting');
        }
    }

    /** Settles the waiters of lists up to `upTo` (rejecting them with `error`, when the server refused). */
    private settleWaiters(upTo: number, error: ClientResponseError | null = null): void {
        const done = this.waiters.filter((waiter) => waiter.seq <= upTo);
        this.waiters = this.waiters.filter((waiter) => waiter.seq > upTo);
        for (const waiter of done) {
            if (error) waiter.reject(error);
            else waiter.resolve();
        }
    }

    /** Follows the tab that says it leads, once the locks confirm it holds the leader's tag. */
    private async verifyLeader(id: string): Promise<void> {
        let held: boolean;
        try {
            const snapshot = await this.locks.query();
            held = (snapshot.held ?? []).some((lock) => lock.name === this.name + '\nleader ' + id);
        } catch {
            held = true; // no way to check: trust the message, as before
        }
        if (this.ended || this.direct || this.leaderId === id) return;
        if (!held) {
            this.config.handlers.report('channel', 'Ignored a "leader" message of a tab that does not hold the lock.', id);
            return;
        }
        this.newLeader(id);
        this.sendTopics();
    }
}

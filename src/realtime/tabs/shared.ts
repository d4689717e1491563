import { authIdentity } from '../../core/auth/identity';
import { randomId } from '../../core/randomId';
import { DirectUplink, type DirectConfig } from '../direct';
import { AuthWatcher } from '../identity';
import type { BroadcastChannelConstructor, LockManagerLike, TabRole } from '../types';
import type { Uplink } from '../uplink';
import { Group } from './group';

/** `DirectConfig` without the identity switch (the group follows the identity). */
export type SharedConfig = Omit<DirectConfig, 'watchIdentity'>;

/**
 * The uplink of a tab whose auth state is shared with the origin's other tabs (see
 * `BaseAuthStore.sharedKey`), where Web Locks and BroadcastChannel exist; null elsewhere, and the
 * engine uses a `DirectUplink`.
 */
export function sharedUplink(config: SharedConfig): Uplink | null {
    const { locks, BroadcastChannel } = config.environment;
    if (!locks || !BroadcastChannel) return null;
    return new SharedUplink(config, locks, BroadcastChannel);
}

/**
 * Joins the group of tabs with the same server, auth store key and identity while this tab has
 * topics; moves to another group when the identity changes (v0.7 binds a connection to one
 * identity). An auth store not shared between tabs gets a connection of its own.
 */
class SharedUplink implements Uplink {
    private group: Group | null = null;
    private solo: DirectUplink | null = null;
    private readonly auth: AuthWatcher;
    private readonly tabId = randomId();

    constructor(
        private readonly config: SharedConfig,
        private readonly locks: LockManagerLike,
        private readonly Channel: BroadcastChannelConstructor,
    ) {
        this.auth = new AuthWatcher(config.client, config.timers, () => this.sync());
    }

    private get current(): Uplink | null {
        return this.group ?? this.solo;
    }

    get role(): TabRole {
        return this.group?.role ?? 'alone';
    }

    get clientId(): string {
        return this.current?.clientId ?? '';
    }

    get resourceCount(): number {
        return (this.current?.resourceCount ?? 0) + this.auth.resourceCount;
    }

    acceptedTopics(): string[] {
        return this.current?.acceptedTopics() ?? [];
    }

    nextSettled(): Promise<void> {
        return this.current?.nextSettled() ?? Promise.resolve();
    }

    sync(): void {
        const key = this.groupKey();
        if (this.group && this.group.key !== key) {
            // Another identity (or store): leave the group even while serving others, who follow the same store.
            this.group.leave();
            this.group = null;
            this.config.handlers.interrupted();
        }
        if (key === null) {
            this.solo ??= new DirectUplink({ ...this.config, watchIdentity: false });
            this.solo.sync();
        } else {
            this.solo?.close();
            this.solo = null;
            const wanted = this.config.topics().length > 0;
            // A member with nothing left to watch leaves; a leader stays while others watch.
            if (this.group?.role === 'follower' && !wanted) {
                this.group.leave();
                this.group = null;
            }
            if (!this.group && wanted) {
                this.group = new Group(key, this.tabId, this.config, this.locks, this.Channel, () => this.left());
            }
            this.group?.sync();
        }
        if (this.current) this.auth.start();
        else this.auth.stop();
    }

    /** The group ended by itself (no tab wants a topic any more). */
    private left(): void {
        this.group = null;
        this.auth.stop();
    }

    /** The group this tab belongs to now, or null when its auth state is not shared. */
    private groupKey(): string | null {
        const { client } = this.config;
        const store = client.authStore;
        const shared = store.sharedKey;
        if (shared === null) return null;
        return [client.buildUrl('/api/realtime'), shared, authIdentity(store.token, store.model)].join('\n');
    }
}

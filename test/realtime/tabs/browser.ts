// A browser of several tabs in one Node process, for the tabs protocol: one origin's localStorage
// (with `storage` events to the other tabs), Web Locks with the spec's queueing (a tab that
// crashes loses its locks), and Node's own BroadcastChannel (which delivers between instances of
// one process). Each tab is a PocketBase client given this environment.
import { EventSource } from 'eventsource';
import PocketBase, { LocalAuthStore } from '../../../src/index';
import type { BroadcastChannelLike, LockManagerLike, RealtimeEnvironment, RealtimeOptions } from '../../../src/index';

type StorageListener = (event: { key: string | null; storageArea?: unknown }) => void;

interface Lock {
    name: string;
    tab: Tab;
    release: () => void;
}

interface Request {
    name: string;
    tab: Tab;
    grant: () => void;
}

/** The origin's shared state: storage, locks and the tabs. */
export class FakeBrowser {
    readonly storage = new Map<string, string>();
    private readonly held = new Map<string, Lock>();
    private readonly queue: Request[] = [];
    readonly tabs = new Set<Tab>();

    /** Opens a tab whose client uses `LocalAuthStore(storeKey)` over this origin's storage. */
    openTab(url: string, options: { storeKey?: string; realtime?: RealtimeOptions } = {}): Tab {
        const tab = new Tab(this, url, options.storeKey ?? 'pocketbase_auth', options.realtime ?? {});
        this.tabs.add(tab);
        return tab;
    }

    /** Web Locks for `tab`: exclusive, granted in request order, released when the callback's promise settles. */
    locksFor(tab: Tab): LockManagerLike {
        return {
            request: <T>(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<T> | T): Promise<T> => {
                return new Promise<T>((resolve, reject) => {
                    const request: Request = {
                        name,
                        tab,
                        grant: () => {
                            options.signal?.removeEventListener('abort', onAbort);
                            const lock: Lock = { name, tab, release: () => {} };
                            this.held.set(name, lock);
                            let released = false;
                            lock.release = () => {
                                if (released) return;
                                released = true;
                                if (this.held.get(name) === lock) this.held.delete(name);
                                this.pump();
                            };
                            Promise.resolve()
                                .then(() => callback(lock))
                                .then((value) => { lock.release(); resolve(value); }, (error: unknown) => { lock.release(); reject(error); });
                        },
                    };
                    const onAbort = (): void => {
                        const index = this.queue.indexOf(request);
                        if (index === -1) return;
                        this.queue.splice(index, 1);
                        reject(new DOMException('The request was aborted.', 'AbortError'));
                    };
                    if (options.signal?.aborted) {
                        reject(new DOMException('The request was aborted.', 'AbortError'));
                        return;
                    }
                    options.signal?.addEventListener('abort', onAbort);
                    this.queue.push(request);
                    this.pump();
                });
            },
            query: async () => ({
                held: Array.from(this.held.values(), (lock) => ({ name: lock.name })),
                pending: this.queue.map((request) => ({ name: request.name })),
            }),
        };
    }

    /** Lets every tab whose process died lose its locks (what the browser does for a closed or crashed tab). */
    releaseLocksOf(tab: Tab): void {
        for (const lock of Array.from(this.held.values())) if (lock.tab === tab) lock.release();
        for (const request of this.queue.filter((r) => r.tab === tab)) this.queue.splice(this.queue.indexOf(request), 1);
        this.pump();
    }

    /** Locks held now, by name. */
    heldLocks(): string[] {
        return Array.from(this.held.keys());
    }

    private pump(): void {
        for (const request of Array.from(this.queue)) {
            if (this.held.has(request.name)) continue;
            this.queue.splice(this.queue.indexOf(request), 1);
            request.grant();
        }
    }

    /** Writes to storage from `from` and tells the other tabs, as browsers do. */
    notifyStorage(from: Tab, key: string): void {
        for (const tab of this.tabs) if (tab !== from) tab.storageListeners.forEach((listener) => listener({ key }));
    }
}

/** One tab: its PocketBase client, its channels, its visibility and network. */
export class Tab {
    readonly pb: PocketBase;
    readonly storageListeners = new Set<StorageListener>();
    private readonly channels = new Set<BroadcastChannelLike>();
    private readonly sources = new Set<EventSource>();
    private hiddenValue = false;
    private onlineValue = true;
    private readonly visibilityListeners = new Set<(hidden: boolean) => void>();
    private readonly networkListeners = new Set<(online: boolean) => void>();
    crashed = false;

    constructor(readonly browser: FakeBrowser, url: string, storeKey: string, realtime: RealtimeOptions) {
        const tab = this;
        const storage = {
            getItem: (key: string) => browser.storage.get(key) ?? null,
            setItem: (key: string, value: string) => {
                browser.storage.set(key, value);
                browser.notifyStorage(tab, key);
            },
            removeItem: (key: string) => {
                browser.storage.delete(key);
                browser.notifyStorage(tab, key);
            },
        };
        const events = {
            addEventListener: (_type: 'storage', listener: StorageListener) => tab.storageListeners.add(listener),
            removeEventListener: (_type: 'storage', listener: StorageListener) => tab.storageListeners.delete(listener),
        };
        class TabChannel extends BroadcastChannel {
            constructor(name: string) {
                super(name);
                tab.channels.add(this as unknown as BroadcastChannelLike);
            }
        }
        const environment: Partial<RealtimeEnvironment> = {
            locks: browser.locksFor(this),
            BroadcastChannel: TabChannel as unknown as RealtimeEnvironment['BroadcastChannel'],
            online: () => this.onlineValue,
            onNetworkChange: (callback) => {
                this.networkListeners.add(callback);
                return () => this.networkListeners.delete(callback);
            },
            hidden: () => this.hiddenValue,
            onVisibilityChange: (callback) => {
                this.visibilityListeners.add(callback);
                return () => this.visibilityListeners.delete(callback);
            },
            ...realtime.environment,
        };
        class TabEventSource extends EventSource {
            constructor(url: string | URL, init?: EventSourceInit) {
                super(url, init);
                tab.sources.add(this);
            }
        }
        this.pb = new PocketBase(url, 'en-US', new LocalAuthStore(storeKey, { storage, events }), {
            EventSource: TabEventSource,
            realtime: { ...realtime, environment },
        });
    }

    /** Whether this tab has an open EventSource (it leads its group, or is alone). */
    get holdsConnection(): boolean {
        return Array.from(this.sources).some((source) => source.readyState !== EventSource.CLOSED);
    }

    setHidden(hidden: boolean): void {
        this.hiddenValue = hidden;
        this.visibilityListeners.forEach((listener) => listener(hidden));
    }

    setOnline(online: boolean): void {
        this.onlineValue = online;
        this.networkListeners.forEach((listener) => listener(online));
    }

    /**
     * What a crash does as seen from outside: the tab's channels and connections stop and its
     * locks are freed. (Its code, still running in this process, hears nothing any more.)
     */
    crash(): void {
        this.crashed = true;
        for (const channel of this.channels) {
            channel.onmessage = null;
            channel.close();
        }
        this.channels.clear();
        for (const source of this.sources) source.close();
        this.sources.clear();
        this.browser.releaseLocksOf(this);
        this.browser.tabs.delete(this);
    }
}

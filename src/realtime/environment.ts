import type { BroadcastChannelConstructor, LockManagerLike, RealtimeEnvironment } from './types';

interface EventTargetLike {
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
}

interface BrowserScope {
    window?: EventTargetLike;
    document?: EventTargetLike & { visibilityState?: string };
    navigator?: { onLine?: boolean; locks?: LockManagerLike };
    BroadcastChannel?: BroadcastChannelConstructor;
}

const scope = globalThis as BrowserScope;

function listen(target: EventTargetLike | undefined, types: string[], callback: () => void): () => void {
    if (!target || typeof target.addEventListener !== 'function') return () => {};
    for (const type of types) target.addEventListener(type, callback);
    return () => {
        for (const type of types) target.removeEventListener(type, callback);
    };
}

/**
 * The globals. Sharing needs a page (`document`): Node and workers have BroadcastChannel, and
 * newer Node has Web Locks, but their clients are not tabs and keep a connection each.
 */
function globalEnvironment(): RealtimeEnvironment {
    const isPage = typeof scope.document === 'object' && scope.document !== null;
    const locks = scope.navigator?.locks;
    const online = (): boolean => scope.navigator?.onLine !== false;
    const hidden = (): boolean => scope.document?.visibilityState === 'hidden';
    return {
        online,
        onNetworkChange: (callback) => listen(scope.window, ['online', 'offline'], () => callback(online())),
        hidden,
        onVisibilityChange: (callback) => listen(scope.document, ['visibilitychange'], () => callback(hidden())),
        locks: isPage && locks && typeof locks.request === 'function' ? locks : null,
        BroadcastChannel: isPage && typeof scope.BroadcastChannel === 'function' ? scope.BroadcastChannel : null,
    };
}

/** The environment: the injected parts over the globals. */
export function resolveEnvironment(injected: Partial<RealtimeEnvironment> = {}): RealtimeEnvironment {
    return { ...globalEnvironment(), ...injected };
}

import { PocketBase } from './PocketBase';

export { PocketBase, type PocketBaseOptions } from './PocketBase';
export * from './core/index';
export { bindFilter, type FilterParam, type FilterParams } from './core/bindFilter';
export { Realtime } from './realtime/index';
export type {
    MessageData, SubscriptionFunc, RealtimeAction, ConnectionState, RealtimeError, RealtimeErrorKind,
    ListenOptions, EventSourceLike, EventSourceConstructor, Timers, BackoffOptions, RealtimeOptions,
    RealtimeEnvironment, LockManagerLike, BroadcastChannelLike, BroadcastChannelConstructor, TabRole,
} from './realtime/index';

export default PocketBase;

export { Realtime } from './Realtime';
export type {
    MessageData, SubscriptionFunc, RealtimeAction, ConnectionState, RealtimeError, RealtimeErrorKind, ListenOptions,
    EventSourceLike, EventSourceConstructor, Timers, BackoffOptions, RealtimeOptions,
    RealtimeEnvironment, LockManagerLike, BroadcastChannelLike, BroadcastChannelConstructor, TabRole,
} from './types';

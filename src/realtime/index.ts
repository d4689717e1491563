export { Realtime } from './Realtime';
export { createBackoff, type Backoff } from './backoff';
export type {
    MessageData, SubscriptionFunc, RealtimeAction, ConnectionState, RealtimeError, RealtimeErrorKind, ListenOptions,
    EventSourceLike, EventSourceConstructor, Timers, BackoffOptions, RealtimeOptions,
} from './types';

// The subscriber record lives apart from the registry: the facade (main chunk) creates
// subscribers, the registry belongs to the lazily loaded engine, which settles them through
// `settle` (so it imports nothing from here but types).
import type { ClientResponseError } from '../core/errors';
import type { SubscriptionFunc } from './types';

/** How a registration ended up: accepted by the server, refused, or removed before either. */
export type SubscriberOutcome = { type: 'active' } | { type: 'error'; error: ClientResponseError } | { type: 'removed' };

/** One callback registered on one topic. */
export interface Subscriber {
    readonly topic: string;
    readonly callback: SubscriptionFunc;
    /** True once the server accepted the topic for this subscriber; it then survives reconnects. */
    active: boolean;
    /** True once removed (by its remover, an unsubscribe or a failure); it gets no more messages. */
    removed: boolean;
    /** Settles the registration: only the first outcome is told (an 'active' one also sets `active`). */
    settle(outcome: SubscriberOutcome): void;
}

/** A subscriber whose first outcome goes to `onOutcome` (later ones are ignored). */
export function createSubscriber(topic: string, callback: SubscriptionFunc, onOutcome: (outcome: SubscriberOutcome) => void): Subscriber {
    let pending: typeof onOutcome | null = onOutcome;
    const subscriber: Subscriber = {
        topic,
        callback,
        active: false,
        removed: false,
        settle(outcome) {
            if (outcome.type === 'active') subscriber.active = true;
            const tell = pending;
            pending = null;
            tell?.(outcome);
        },
    };
    return subscriber;
}

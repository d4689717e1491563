// The subscriber record lives apart from the registry: the facade (main chunk) creates and
// settles subscribers, the registry belongs to the lazily loaded engine.
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
    /** Told the outcome once (then dropped). */
    settle: ((outcome: SubscriberOutcome) => void) | null;
}

/** Settles a subscriber's registration once; later outcomes are ignored. */
export function settleSubscriber(subscriber: Subscriber, outcome: SubscriberOutcome): void {
    const settle = subscriber.settle;
    subscriber.settle = null;
    if (outcome.type === 'active') subscriber.active = true;
    if (settle) settle(outcome);
}

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

/**
 * Topic → subscribers. Several callbacks per topic are independent (the seed replaced the
 * first with the second); the topic list sent to the server is the registry's keys.
 */
export class TopicRegistry {
    private readonly byTopic = new Map<string, Set<Subscriber>>();
    private count = 0;

    /** Adds a subscriber; true when its topic is new (the server-side list must grow). */
    add(subscriber: Subscriber): boolean {
        let set = this.byTopic.get(subscriber.topic);
        const isNew = !set;
        if (!set) {
            set = new Set();
            this.byTopic.set(subscriber.topic, set);
        }
        if (!set.has(subscriber)) {
            set.add(subscriber);
            this.count++;
        }
        return isNew;
    }

    /** Removes a subscriber; true when its topic has no subscriber left (the list must shrink). */
    remove(subscriber: Subscriber): boolean {
        const set = this.byTopic.get(subscriber.topic);
        if (!set || !set.delete(subscriber)) return false;
        this.count--;
        if (set.size > 0) return false;
        this.byTopic.delete(subscriber.topic);
        return true;
    }

    /** Removes and returns every subscriber of a topic. */
    removeTopic(topic: string): Subscriber[] {
        const set = this.byTopic.get(topic);
        if (!set) return [];
        this.byTopic.delete(topic);
        this.count -= set.size;
        return Array.from(set);
    }

    /** The subscribers of a topic (a live view; copy before calling user code). */
    subscribers(topic: string): ReadonlySet<Subscriber> | undefined {
        return this.byTopic.get(topic);
    }

    /** Every subscriber of every topic. */
    all(): Subscriber[] {
        const result: Subscriber[] = [];
        for (const set of this.byTopic.values()) for (const subscriber of set) result.push(subscriber);
        return result;
    }

    /** The topic list, in subscription order. */
    topics(): string[] {
        return Array.from(this.byTopic.keys());
    }

    has(topic: string): boolean {
        return this.byTopic.has(topic);
    }

    /** How many topics have subscribers. */
    get topicCount(): number {
        return this.byTopic.size;
    }

    /** How many callbacks are registered over all topics. */
    get subscriberCount(): number {
        return this.count;
    }
}

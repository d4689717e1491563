import type { Subscriber } from './subscriber';

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

/**
 * The smallest thing both entry points can wrap: `subscribe` takes a listener and returns its
 * remover. A `Shared` is one; so is anything else a store module builds on top of it.
 */
export interface Subscribable<T> {
    subscribe(listener: (value: T) => void): () => void;
}

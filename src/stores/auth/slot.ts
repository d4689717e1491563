import type { Client } from '../../core/Client';
import type { BaseAuthStore } from '../../core/auth/index';

type SlotListener = (store: BaseAuthStore) => void;

interface Slot {
    listeners: SlotListener[];
    restore: () => void;
}

const slots = new WeakMap<Client, Slot>();

/**
 * Calls `listener` whenever `pb.authStore` is replaced by another store object. `authStore` is a
 * plain field of the client (the seed's API), so while someone watches, the field is turned into
 * an accessor on that instance; the last remover turns it back into a plain field holding the
 * current store. `src/core` knows nothing about it.
 */
export function watchAuthStoreSlot(pb: Client, listener: SlotListener): () => void {
    let slot = slots.get(pb);
    if (!slot) {
        const own = Object.getOwnPropertyDescriptor(pb, 'authStore');
        let current = pb.authStore;
        const listeners: SlotListener[] = [];
        Object.defineProperty(pb, 'authStore', {
            configurable: true,
            enumerable: own?.enumerable ?? true,
            get: () => current,
            set: (next: BaseAuthStore) => {
                if (next === current) return;
                current = next;
                for (const l of listeners.slice()) l(next);
            },
        });
        slot = {
            listeners,
            restore: () => {
                Object.defineProperty(pb, 'authStore', { configurable: true, enumerable: own?.enumerable ?? true, writable: true, value: current });
            },
        };
        slots.set(pb, slot);
    }
    const active = slot;
    active.listeners.push(listener);
    let removed = false;
    return () => {
        if (removed) return;
        removed = true;
        const index = active.listeners.indexOf(listener);
        if (index !== -1) active.listeners.splice(index, 1);
        if (active.listeners.length === 0) {
            slots.delete(pb);
            active.restore();
        }
    };
}

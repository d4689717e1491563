import { BaseAuthStore } from './BaseAuthStore';
import { toAuthModel, type AuthModel } from './model';
import { isRecord, parseJson, str } from '../normalize';
import type { User } from '../models/User';
import type { Admin } from '../models/Admin';

/** The part of the Web Storage API the store uses (`localStorage`, `sessionStorage` or your own). */
export interface StorageLike {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** Where `storage` events of other tabs arrive (the browser's `window`). */
export interface StorageEventSource {
    addEventListener(type: 'storage', listener: (event: { key: string | null; storageArea?: unknown }) => void): void;
    removeEventListener(type: 'storage', listener: (event: { key: string | null; storageArea?: unknown }) => void): void;
}

/** Options of `LocalAuthStore` (all optional: the browser's own are used). */
export interface LocalAuthStoreOptions {
    /** Defaults to `localStorage` when it is usable, else memory. */
    storage?: StorageLike | null;
    /** Defaults to `window`; pass null to ignore other tabs. */
    events?: StorageEventSource | null;
}

interface Snapshot {
    raw: string | null;
    token: string;
    model: AuthModel;
}

/**
 * The default auth store: `localStorage` in browsers (so a reload keeps you signed in), memory
 * elsewhere. A corrupted entry reads as signed out, never throws; another tab signing in or out
 * reaches `onChange` listeners here too.
 *
 * @example
 * const pb = new PocketBase(url, 'en-US', new LocalAuthStore('my_app_auth'));
 */
export class LocalAuthStore extends BaseAuthStore {
    private readonly storageKey: string;
    private readonly storage: StorageLike | null;
    private readonly events: StorageEventSource | null;
    private memory: string | null = null;
    private storageFailed = false;
    private snapshot: Snapshot = { raw: null, token: '', model: null };

    constructor(storageKey = 'pocketbase_auth', options: LocalAuthStoreOptions = {}) {
        super();
        this.storageKey = storageKey;
        this.storage = options.storage !== undefined ? options.storage : defaultStorage();
        this.events = options.events !== undefined ? options.events : defaultEvents();
    }

    override get token(): string {
        return this.read().token;
    }

    override get model(): AuthModel {
        return this.read().model;
    }

    /** The storage key, while the state is in `localStorage` (shared by the origin's tabs); else null. */
    override get sharedKey(): string | null {
        return this.storage && !this.storageFailed ? 'local:' + this.storageKey : null;
    }

    override save(token: string, model: User | Admin | { [key: string]: unknown } | null): void {
        const safeToken = str(token);
        const normalized = toAuthModel(safeToken, model);
        this.write(JSON.stringify({ token: safeToken, model: normalized }));
        super.save(safeToken, normalized);
    }

    override clear(): void {
        this.write(null);
        super.clear();
    }

    protected override onFirstListener(): void {
        this.events?.addEventListener('storage', this.onStorage);
    }

    protected override onLastListenerRemoved(): void {
        this.events?.removeEventListener('storage', this.onStorage);
    }

    private readonly onStorage = (event: { key: string | null; storageArea?: unknown }): void => {
        // key null: another tab called localStorage.clear().
        if (event.key !== null && event.key !== this.storageKey) return;
        if (event.storageArea != null && event.storageArea !== this.storage) return; // another storage area
        const before = this.snapshot;
        const after = this.read(); // the same snapshot while the entry did not change
        if (after === before) return;
        this.baseToken = after.token;
        this.baseModel = after.model;
        this.triggerChange();
    };

    /** Parses the stored entry, once per distinct raw value. */
    private read(): Snapshot {
        const raw = this.readRaw();
        if (raw === this.snapshot.raw) return this.snapshot;
        // A missing or corrupted entry is a signed-out state, not an error.
        const data = raw === null ? null : parseJson(raw);
        const token = isRecord(data) ? str(data.token) : '';
        const model = token && isRecord(data) ? toAuthModel(token, data.model) : null;
        this.snapshot = { raw, token, model };
        return this.snapshot;
    }

    private readRaw(): string | null {
        if (!this.storage || this.storageFailed) return this.memory;
        try {
            return this.storage.getItem(this.storageKey);
        } catch {
            return this.memory;
        }
    }

    private write(raw: string | null): void {
        this.memory = raw;
        if (!this.storage) return;
        try {
            if (raw === null) this.storage.removeItem(this.storageKey);
            else this.storage.setItem(this.storageKey, raw);
        } catch {
            // Quota exceeded or storage disabled: the memory copy keeps this tab signed in.
            this.storageFailed = true;
        }
    }
}

function defaultStorage(): StorageLike | null {
    try {
        const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
        return storage && typeof storage.getItem === 'function' ? storage : null;
    } catch {
        // Accessing localStorage throws where it is disabled (Safari private mode, sandboxed iframes).
        return null;
    }
}

function defaultEvents(): StorageEventSource | null {
    const win = (globalThis as { window?: unknown }).window;
    return win && typeof (win as StorageEventSource).addEventListener === 'function' ? (win as StorageEventSource) : null;
}

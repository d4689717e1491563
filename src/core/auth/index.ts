export { BaseAuthStore, type OnStoreChangeFunc } from './BaseAuthStore';
export { LocalAuthStore, type LocalAuthStoreOptions, type StorageLike, type StorageEventSource } from './LocalAuthStore';
export type { AuthModel } from './model';

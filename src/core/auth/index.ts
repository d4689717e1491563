export { BaseAuthStore, type OnStoreChangeFunc } from './BaseAuthStore';
export { LocalAuthStore, type LocalAuthStoreOptions, type StorageLike, type StorageEventSource } from './LocalAuthStore';
export { authKind, toAuthModel, type AuthModel } from './model';

// Framework-free auth core; rx/auth.ts and nano/auth.ts wrap it.
export { authSource } from './source';
export { readAuthState, sameAuthState, type AuthState } from './state';
export { refreshAuth } from './refresh';
export { autoRefresh, type AutoRefreshOptions } from './autoRefresh';

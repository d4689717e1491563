// pocketbase-reactive/rx: the reactive layer as RxJS observables (rxjs is an optional peer).
export { toObservable } from './toObservable';
export type { Subscribable } from '../core/subscribable';
export * from './auth';
export * from './query';
export * from './live';
export * from '../cache/index';

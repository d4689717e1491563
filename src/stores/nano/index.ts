// pocketbase-reactive/nano: the reactive layer as nanostores atoms (nanostores is an optional peer).
export { toAtom, type ToAtomOptions } from './toAtom';
export type { Subscribable } from '../core/subscribable';
export * from './auth';
export * from './query';
export * from './live';
export * from '../cache/index';

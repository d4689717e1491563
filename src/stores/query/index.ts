// Framework-free query core; rx/query.ts and nano/query.ts wrap it.
export { listQuery, fullListQuery, oneQuery, type ListOptions, type FullListOptions, type OneOptions } from './queries';
export { runQuery, queryStats, type Query, type Outcome } from './requests';
export { querySource, initialQueryState, sameQueryState, type QueryState, type QuerySource } from './state';
export { stableKey } from './key';

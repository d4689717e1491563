import { PocketBase } from './PocketBase';

export { PocketBase, type PocketBaseOptions } from './PocketBase';
export * from './core/index';

export default PocketBase;

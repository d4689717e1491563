// The CommonJS and UMD entry: like the official SDK, `require('pocketbase-reactive/cjs')` and the
// `PocketBase` global are the client class itself; the named exports ride along as its statics.
import PocketBase from './index';
import * as named from './index';

const statics: { [name: string]: unknown } = {};
for (const [name, value] of Object.entries(named)) {
    if (name !== 'default' && name !== 'PocketBase') statics[name] = value;
}

export default Object.assign(PocketBase, statics, { default: PocketBase, PocketBase });

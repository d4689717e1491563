/** The system `profiles` collection created by the v0.7 init migration. */
import type { State } from './state.ts';
import type { CollectionRow } from './types.ts';
import { now } from './ids.ts';
import { normalizeOptions } from '../schema/fields.ts';

export function installSystemCollections(state: State): void {
  const stamp = now();
  const ownerRule = 'userId = @request.user.id';
  const profiles: CollectionRow = {
    id: 'systemprofiles0',
    created: stamp,
    updated: stamp,
    name: 'profiles',
    system: true,
    schema: [
      { system: true, id: 'pbfielduser', name: 'userId', type: 'user', required: true, unique: true, options: normalizeOptions('user', { maxSelect: 1, cascadeDelete: true }) },
      { system: false, id: 'pbfieldname', name: 'name', type: 'text', required: false, unique: false, options: normalizeOptions('text', {}) },
      {
        system: false, id: 'pbfieldavatar', name: 'avatar', type: 'file', required: false, unique: false,
        options: normalizeOptions('file', {
          maxSelect: 1, maxSize: 5242880, mimeTypes: ['image/jpg', 'image/jpeg', 'image/png', 'image/svg+xml', 'image/gif'],
        }),
      },
    ],
    listRule: ownerRule,
    viewRule: ownerRule,
    createRule: ownerRule,
    updateRule: ownerRule,
    deleteRule: null,
  };
  state.collections.push(profiles);
}

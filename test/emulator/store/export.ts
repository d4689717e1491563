/**
 * JSON shapes of models as the server marshals them. Records are Go maps, so their keys come
 * out sorted (`@collectionId`, `@collectionName`, `@expand`, then fields/id/created/updated).
 */
import type { State } from './state.ts';
import type { AdminRow, CollectionRow, RecordRow, UserRow } from './types.ts';

export type Expand = Record<string, unknown>;

/**
 * Record.PublicExport: the row's data keys (a stored row has every field; a record the server
 * just built in memory may have fewer), without `#`-prefixed ones, plus the system keys.
 */
export function exportRecord(collection: CollectionRow, row: RecordRow, expand?: Expand): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of collection.schema) {
    if (!field.name.startsWith('#') && field.name in row.data) out[field.name] = row.data[field.name] ?? null;
  }
  out.id = row.id;
  out.created = row.created;
  out.updated = row.updated;
  out['@collectionId'] = collection.id;
  out['@collectionName'] = collection.name;
  if (expand) out['@expand'] = expand;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(out).sort()) sorted[key] = out[key];
  return sorted;
}

export function exportAdmin(admin: AdminRow): Record<string, unknown> {
  return {
    id: admin.id,
    created: admin.created,
    updated: admin.updated,
    email: admin.email,
    lastResetSentAt: admin.lastResetSentAt,
    avatar: admin.avatar,
  };
}

/**
 * models.User with its profile record (null when the user has none). `fresh` is the profile
 * SaveUser created during this request, which the answer shows as created (see saveUser).
 */
export function exportUser(state: State, user: UserRow, fresh?: RecordRow | null): Record<string, unknown> {
  const profile = fresh ?? state.findProfile(user.id);
  return {
    id: user.id,
    created: user.created,
    updated: user.updated,
    email: user.email,
    lastResetSentAt: user.lastResetSentAt,
    verified: user.verified,
    lastVerificationSentAt: user.lastVerificationSentAt,
    profile: profile ? exportRecord(state.profilesCollection(), profile) : null,
  };
}

export function exportCollection(collection: CollectionRow): Record<string, unknown> {
  return {
    id: collection.id,
    created: collection.created,
    updated: collection.updated,
    name: collection.name,
    system: collection.system,
    schema: collection.schema,
    listRule: collection.listRule,
    viewRule: collection.viewRule,
    createRule: collection.createRule,
    updateRule: collection.updateRule,
    deleteRule: collection.deleteRule,
  };
}

/** search.Result */
export function listResult(page: number, perPage: number, totalItems: number, items: unknown[]): Record<string, unknown> {
  return { page, perPage, totalItems, totalPages: Math.ceil(totalItems / perPage), items };
}

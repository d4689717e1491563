/**
 * Default demo data. Collections:
 * - `categories` (name text required; list/view "" ; create/update/delete admin only)
 * - `posts`: title (text, required), body (text), published (bool), views (number),
 *   tags (select, maxSelect 3, values a/b/c), author (relation → profiles, maxSelect 1),
 *   category (relation → categories, maxSelect 1), attachments (file, maxSelect 5, 5 MB);
 *   rules: list/view `""`, create/update/delete `@request.user.id != ""`.
 * Expanding `author` is subject to the profiles view rule (`userId = @request.user.id`), so
 * only the author themself (or an admin) sees it expanded.
 */
import type { State } from './store/state.ts';
import type { CollectionRow, SchemaField } from './store/types.ts';
import { newModelId, now } from './store/ids.ts';
import { newAdmin, newUser, saveAdmin, saveUser } from './store/accounts.ts';
import { emptyValue, normalizeOptions, prepareValue } from './schema/fields.ts';
import { insertRecord } from './records/store-ops.ts';

export const SEED_ADMIN = { email: 'admin@example.com', password: 'password123' } as const;
export const SEED_USER = { email: 'user@example.com', password: 'password123', name: 'Test User' } as const;

export interface SeedSpec {
  admin?: { email: string; password: string };
  user?: { email: string; password: string; name?: string };
  /** Extra posts to create (field values as submitted); none by default. */
  posts?: Array<Record<string, unknown>>;
}

function field(name: string, type: SchemaField['type'], options: Record<string, unknown> = {}, required = false): SchemaField {
  return { system: false, id: newModelId().slice(0, 8), name, type, required, unique: false, options: normalizeOptions(type, options) };
}

function collection(name: string, schema: SchemaField[], rules: Partial<CollectionRow>): CollectionRow {
  const stamp = now();
  return {
    id: newModelId(), created: stamp, updated: stamp, name, system: false, schema,
    listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null, ...rules,
  };
}

function insert(state: State, target: CollectionRow, values: Record<string, unknown>): string {
  const data: Record<string, unknown> = {};
  for (const f of target.schema) data[f.name] = f.name in values ? prepareValue(f, values[f.name]) : emptyValue(f);
  return insertRecord(state, target, '', data).id;
}

export function seed(state: State, spec: SeedSpec = {}): void {
  const adminCreds = spec.admin ?? SEED_ADMIN;
  const userCreds = spec.user ?? SEED_USER;
  saveAdmin(state, newAdmin(adminCreds.email, adminCreds.password));
  const user = newUser(userCreds.email, userCreds.password);
  user.verified = true;
  saveUser(state, user);
  const profile = state.findProfile(user.id);
  if (profile) profile.data.name = userCreds.name ?? SEED_USER.name;

  const categories = collection('categories', [field('name', 'text', {}, true)], { listRule: '', viewRule: '' });
  state.collections.push(categories);
  const userRule = '@request.user.id != ""';
  const posts = collection('posts', [
    field('title', 'text', {}, true),
    field('body', 'text'),
    field('published', 'bool'),
    field('views', 'number'),
    field('tags', 'select', { maxSelect: 3, values: ['a', 'b', 'c'] }),
    field('author', 'relation', { maxSelect: 1, collectionId: 'systemprofiles0', cascadeDelete: false }),
    field('category', 'relation', { maxSelect: 1, collectionId: categories.id, cascadeDelete: false }),
    field('attachments', 'file', { maxSelect: 5, maxSize: 5242880 }),
  ], { listRule: '', viewRule: '', createRule: userRule, updateRule: userRule, deleteRule: userRule });
  state.collections.push(posts);
  insert(state, categories, { name: 'news' });
  insert(state, categories, { name: 'tech' });
  for (const values of spec.posts ?? []) insert(state, posts, values);
}

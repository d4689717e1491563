/** Admin and user persistence (daos/admin.go, daos/user.go), including the user's profile record. */
import type { State } from './state.ts';
import type { AdminRow, RecordRow, UserRow } from './types.ts';
import { newModelId, now, randomString } from './ids.ts';
import { hashPassword } from '../auth/password.ts';
import { emptyValue, prepareValue } from '../schema/fields.ts';

export function newAdmin(email: string, password: string, id = '', avatar = 0): AdminRow {
  const stamp = now();
  return {
    id: id || newModelId(),
    created: stamp,
    updated: stamp,
    email,
    passwordHash: hashPassword(password),
    tokenKey: randomString(50),
    lastResetSentAt: '',
    avatar,
  };
}

export function newUser(email: string, password: string, id = ''): UserRow {
  const stamp = now();
  return {
    id: id || newModelId(),
    created: stamp,
    updated: stamp,
    email,
    passwordHash: hashPassword(password),
    tokenKey: randomString(50),
    lastResetSentAt: '',
    verified: false,
    lastVerificationSentAt: '',
  };
}

/** BaseAccount.SetPassword: new hash, reset lastResetSentAt, new tokenKey (revokes tokens). */
export function setPassword(account: AdminRow | UserRow, password: string): void {
  account.passwordHash = hashPassword(password);
  account.lastResetSentAt = '';
  account.tokenKey = randomString(50);
}

export function saveAdmin(state: State, admin: AdminRow): void {
  if (state.admins.includes(admin)) {
    admin.updated = now();
    state.emitAccount('admin', 'update', admin.id);
  } else {
    state.admins.push(admin);
  }
}

/**
 * SaveUser: also creates an empty profile record when the user has none. Returns that new
 * profile as the server holds it in memory (models.NewRecord + only `userId` set), which is
 * what the request that created it answers and broadcasts: no `name`/`avatar` keys. The stored
 * row has every field (as read back from the table), so later reads show `name: ""`, `avatar: ""`.
 */
export function saveUser(state: State, user: UserRow): RecordRow | null {
  if (state.users.includes(user)) {
    user.updated = now();
    state.emitAccount('user', 'update', user.id);
  } else {
    state.users.push(user);
  }
  if (state.findProfile(user.id)) return null;
  const profiles = state.profilesCollection();
  const userId = prepareValue(profiles.schema.find((f) => f.name === 'userId')!, user.id);
  const data: Record<string, unknown> = {};
  for (const field of profiles.schema) data[field.name] = emptyValue(field);
  data.userId = userId;
  const stamp = now();
  const stored: RecordRow = { id: newModelId(), created: stamp, updated: stamp, data };
  const created: RecordRow = { ...stored, data: { userId } };
  state.recordsOf(profiles).push(stored);
  state.emitRecord('create', profiles, created);
  return created;
}

/** Token creation and lookup (tokens/*.go, daos FindAdminByToken/FindUserByToken). */
import type { State } from '../store/state.ts';
import type { AdminRow, AuthContext, UserRow } from '../store/types.ts';
import type { TokenConfig } from '../store/settings.ts';
import { parseUnverified, signToken, verifyToken } from './jwt.ts';

type TokenKind = 'adminAuthToken' | 'adminPasswordResetToken' | 'userAuthToken'
  | 'userPasswordResetToken' | 'userVerificationToken' | 'userEmailChangeToken';

function config(state: State, kind: TokenKind): TokenConfig {
  return state.settings[kind];
}

export function issueAdminToken(state: State, admin: AdminRow, kind: 'adminAuthToken' | 'adminPasswordResetToken'): string {
  const c = config(state, kind);
  const claims: Record<string, unknown> = { id: admin.id, type: 'admin' };
  if (kind === 'adminPasswordResetToken') claims.email = admin.email;
  return signToken(claims, admin.tokenKey + c.secret, c.duration);
}

export function issueUserToken(
  state: State,
  user: UserRow,
  kind: 'userAuthToken' | 'userPasswordResetToken' | 'userVerificationToken' | 'userEmailChangeToken',
  newEmail?: string,
): string {
  const c = config(state, kind);
  const claims: Record<string, unknown> = { id: user.id, type: 'user' };
  if (kind !== 'userAuthToken') claims.email = user.email;
  if (kind === 'userEmailChangeToken') claims.newEmail = newEmail;
  return signToken(claims, user.tokenKey + c.secret, c.duration);
}

function findByToken<T extends { tokenKey: string }>(
  token: string,
  secret: string,
  lookup: (id: string) => T | undefined,
): T | null {
  const claims = parseUnverified(token);
  const id = claims?.id;
  if (typeof id !== 'string' || id === '') return null;
  const account = lookup(id);
  if (!account) return null;
  return verifyToken(token, account.tokenKey + secret) ? account : null;
}

export function findAdminByToken(state: State, token: string, kind: 'adminAuthToken' | 'adminPasswordResetToken'): AdminRow | null {
  return findByToken(token, config(state, kind).secret, (id) => state.findAdmin(id));
}

export function findUserByToken(state: State, token: string, kind: Exclude<TokenKind, 'adminAuthToken' | 'adminPasswordResetToken'>): UserRow | null {
  return findByToken(token, config(state, kind).secret, (id) => state.findUser(id));
}

/**
 * LoadAuthContext: "User <token>" / "Admin <token>"; anything invalid leaves the request a
 * guest (the middleware never rejects by itself).
 */
export function loadAuthContext(state: State, header: string | undefined): AuthContext {
  const auth: AuthContext = { admin: null, user: null };
  if (!header) return auth;
  if (header.startsWith('User ')) auth.user = findUserByToken(state, header.slice(5), 'userAuthToken');
  else if (header.startsWith('Admin ')) auth.admin = findAdminByToken(state, header.slice(6), 'adminAuthToken');
  return auth;
}

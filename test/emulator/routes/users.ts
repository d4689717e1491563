/** /api/users — apis/user.go with forms/user_*.go validation */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, fieldError, notFound, throwIfInvalid, type FieldError } from '../http/errors.ts';
import { bindOr400, str } from '../http/bind.ts';
import { requireAdmin, requireAdminOrOwner, requireGuestOnly, requireUser } from './guards.ts';
import type { RecordRow, UserRow } from '../store/types.ts';
import { exportUser } from '../store/export.ts';
import { newUser, saveUser, setPassword } from '../store/accounts.ts';
import { now, randomString } from '../store/ids.ts';
import { checkPassword } from '../auth/password.ts';
import { findUserByToken, issueUserToken } from '../auth/tokens.ts';
import { parseUnverified } from '../auth/jwt.ts';
import { MailError, recentlySent, sendUserChangeEmail, sendUserPasswordReset, sendUserVerification } from '../mail/mailer.ts';
import { check, collect, emailFormat, ID_REGEX, length, match, required, sameAs } from '../schema/ozzo.ts';
import { simpleResolver } from '../query/search.ts';
import { searchOr400 } from './list.ts';
import { emailLogin } from './login.ts';
import { deleteUser } from '../store/user-delete.ts';

const LOAD = 'An error occurred while loading the submitted data.';
const LOAD_UPSERT = 'Failed to load the submitted data due to invalid formatting.';
const invalidToken = (): FieldError => fieldError('validation_invalid_token', 'Invalid or expired token.');

/** `fresh`: the profile SaveUser created in this request, if any (see saveUser). */
function authResponse(ctx: Ctx, user: UserRow, fresh: RecordRow | null = null): Reply {
  return { status: 200, body: { token: issueUserToken(ctx.state, user, 'userAuthToken'), user: exportUser(ctx.state, user, fresh) } };
}

function emailTaken(ctx: Ctx, email: string, excludeId: string): boolean {
  return email !== '' && ctx.state.users.some((u) => u.id !== excludeId && u.email.toLowerCase() === email.toLowerCase());
}

async function emailAuth(ctx: Ctx): Promise<Reply> {
  requireGuestOnly(ctx);
  if (!ctx.state.settings.emailAuth.enabled) throw badRequest('Email/Password authentication is not enabled.');
  const user = await emailLogin(ctx, (email) => ctx.state.findUserByEmail(email));
  return authResponse(ctx, user);
}

/**
 * request-verification / request-password-reset: validate, then Submit in a goroutine
 * (routine.FireAndForget) and answer 204 whatever it does — a failing mail only means no
 * mail and no new `last*SentAt`. The emulator runs it before answering, so the mailbox
 * already holds the mail when the 204 arrives.
 */
async function requestByEmail(ctx: Ctx, send: (user: UserRow) => void): Promise<Reply> {
  const form = await bindOr400(ctx, { email: 'string' }, LOAD);
  const email = str(form.email);
  const errors = collect({ email: check(email, required, length(1, 255), emailFormat) });
  if (Object.keys(errors).length) throw badRequest('An error occurred while validating the form.', errors);
  const user = ctx.state.findUserByEmail(email);
  try {
    if (user) send(user);
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
  }
  return { status: 204 };
}

async function confirmPasswordReset(ctx: Ctx): Promise<Reply> {
  const form = await bindOr400(ctx, { token: 'string', password: 'string', passwordConfirm: 'string' }, LOAD);
  const token = str(form.token);
  const password = str(form.password);
  const user = token ? findUserByToken(ctx.state, token, 'userPasswordResetToken') : null;
  const errors = collect({
    token: check(token, required, () => (user ? null : invalidToken())),
    password: check(password, required, length(ctx.state.settings.emailAuth.minPasswordLength, 100)),
    passwordConfirm: check(str(form.passwordConfirm), required, sameAs(password)),
  });
  if (Object.keys(errors).length || !user) throw badRequest('Failed to set new password.', errors);
  setPassword(user, password);
  return authResponse(ctx, user, saveUser(ctx.state, user));
}

async function confirmVerification(ctx: Ctx): Promise<Reply> {
  const form = await bindOr400(ctx, { token: 'string' }, LOAD);
  const token = str(form.token);
  const user = token ? findUserByToken(ctx.state, token, 'userVerificationToken') : null;
  const errors = collect({ token: check(token, required, () => (user ? null : invalidToken())) });
  if (Object.keys(errors).length || !user) throw badRequest('An error occurred while submitting the form.', errors);
  let fresh: RecordRow | null = null;
  if (!user.verified) {
    user.verified = true;
    fresh = saveUser(ctx.state, user);
  }
  return authResponse(ctx, user, fresh);
}

async function requestEmailChange(ctx: Ctx): Promise<Reply> {
  requireUser(ctx);
  const user = ctx.auth.user!;
  const form = await bindOr400(ctx, { newEmail: 'string' }, LOAD);
  const newEmail = str(form.newEmail);
  const errors = collect({
    newEmail: check(newEmail, required, length(1, 255), emailFormat, (v) =>
      emailTaken(ctx, String(v), '') ? fieldError('validation_user_email_exists', 'User email already exists.') : null),
  });
  if (Object.keys(errors).length) throw badRequest('Failed to request email change.', errors);
  try {
    sendUserChangeEmail(ctx.state, user, newEmail);
  } catch (err) {
    // sent in the request: the mailer error fails it (not a validation error: data {})
    if (err instanceof MailError) throw badRequest('Failed to request email change.');
    throw err;
  }
  return { status: 204 };
}

async function confirmEmailChange(ctx: Ctx): Promise<Reply> {
  const form = await bindOr400(ctx, { token: 'string', password: 'string' }, LOAD);
  const token = str(form.token);
  const password = str(form.password);
  const parse = (): { user: UserRow; newEmail: string } | FieldError => {
    const newEmail = parseUnverified(token)?.newEmail;
    if (typeof newEmail !== 'string' || newEmail === '') return fieldError('validation_invalid_token_payload', 'Invalid token payload - newEmail must be set.');
    if (emailTaken(ctx, newEmail, '')) return fieldError('validation_existing_token_email', `The new email address is already registered: ${newEmail}`);
    const user = findUserByToken(ctx.state, token, 'userEmailChangeToken');
    return user ? { user, newEmail } : invalidToken();
  };
  const parsed = token ? parse() : null;
  const ok = parsed && 'user' in parsed ? parsed : null;
  const errors = collect({
    token: check(token, required, () => (parsed && !('user' in parsed) ? parsed : null)),
    password: check(password, required, length(1, 100), () =>
      ok && checkPassword(password, ok.user.passwordHash) ? null : fieldError('validation_invalid_password', 'Missing or invalid user password.')),
  });
  if (Object.keys(errors).length || !ok) throw badRequest('Failed to confirm email change.', errors);
  ok.user.email = ok.newEmail;
  ok.user.verified = true;
  ok.user.tokenKey = randomString(50);
  return authResponse(ctx, ok.user, saveUser(ctx.state, ok.user));
}

function list(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const resolve = simpleResolver<UserRow>(['id', 'created', 'updated', 'email', 'verified'], (row, f) => row[f as 'id' | 'verified']);
  const result = searchOr400(ctx.state.users, ctx.rawQuery, resolve);
  return { status: 200, body: { ...result, items: result.items.map((u) => exportUser(ctx.state, u)) } };
}

function find(ctx: Ctx): UserRow {
  const user = ctx.state.findUser(ctx.params.id ?? '');
  if (!user) throw notFound();
  return user;
}

/** Returns the user as the answer shows it (with a profile SaveUser just created, if any). */
async function upsert(ctx: Ctx, existing: UserRow | null): Promise<Record<string, unknown>> {
  const form = await bindOr400(ctx, { id: 'string', email: 'string', password: 'string', passwordConfirm: 'string' }, LOAD_UPSERT);
  const id = typeof form.id === 'string' ? form.id : existing?.id ?? '';
  const email = typeof form.email === 'string' ? form.email : existing?.email ?? '';
  const password = str(form.password);
  const { onlyDomains, exceptDomains, minPasswordLength } = ctx.state.settings.emailAuth;
  const errors = collect({
    id: existing
      ? id !== '' && id !== existing.id ? fieldError('validation_in_invalid', 'must be a valid value') : null
      : check(id, length(15, 15), match(ID_REGEX)),
    email: check(email, required, length(1, 255), emailFormat, (v) => {
      const domain = String(v).slice(String(v).lastIndexOf('@') + 1);
      if ((onlyDomains?.length && !onlyDomains.includes(domain)) || exceptDomains?.includes(domain)) {
        return fieldError('validation_email_domain_not_allowed', 'Email domain is not allowed.');
      }
      return null;
    }, (v) => (emailTaken(ctx, String(v), existing?.id ?? '') ? fieldError('validation_user_email_exists', 'User email already exists.') : null)),
    password: check(password, !existing && required, length(minPasswordLength, 100)),
    passwordConfirm: check(str(form.passwordConfirm), (!existing || password !== '') && required, sameAs(password)),
  });
  throwIfInvalid(errors);
  const user = existing ?? newUser(email, password, id);
  if (existing && password) setPassword(user, password);
  if (existing && email !== existing.email) {
    user.verified = false;
    user.lastVerificationSentAt = '';
  }
  user.email = email;
  return exportUser(ctx.state, user, saveUser(ctx.state, user));
}

async function create(ctx: Ctx): Promise<Reply> {
  if (!ctx.state.settings.emailAuth.enabled) throw badRequest('Email/Password authentication is not enabled.');
  return { status: 200, body: await upsert(ctx, null) };
}

export function registerUserRoutes(router: Router): void {
  router.add('GET', '/api/users/auth-methods', (ctx) => ({
    status: 200,
    body: { emailPassword: ctx.state.settings.emailAuth.enabled, authProviders: [] },
  }));
  router.add('POST', '/api/users/auth-via-oauth2', (ctx) => {
    requireGuestOnly(ctx);
    throw badRequest('Failed to authenticate.');
  });
  router.add('POST', '/api/users/auth-via-email', emailAuth);
  router.add('POST', '/api/users/request-password-reset', (ctx) => requestByEmail(ctx, (user) => {
    if (recentlySent(user.lastResetSentAt)) return;
    sendUserPasswordReset(ctx.state, user);
    user.lastResetSentAt = now();
    saveUser(ctx.state, user);
  }));
  router.add('POST', '/api/users/confirm-password-reset', confirmPasswordReset);
  router.add('POST', '/api/users/request-verification', (ctx) => requestByEmail(ctx, (user) => {
    if (user.verified || recentlySent(user.lastVerificationSentAt)) return;
    sendUserVerification(ctx.state, user);
    user.lastVerificationSentAt = now();
    saveUser(ctx.state, user);
  }));
  router.add('POST', '/api/users/confirm-verification', confirmVerification);
  router.add('POST', '/api/users/request-email-change', requestEmailChange);
  router.add('POST', '/api/users/confirm-email-change', confirmEmailChange);
  router.add('POST', '/api/users/refresh', (ctx) => {
    requireUser(ctx);
    return authResponse(ctx, ctx.auth.user!);
  });
  router.add('GET', '/api/users', list);
  router.add('POST', '/api/users', create);
  router.add('GET', '/api/users/:id', (ctx) => {
    requireAdminOrOwner(ctx, ctx.params.id ?? '');
    return { status: 200, body: exportUser(ctx.state, find(ctx)) };
  });
  router.add('PATCH', '/api/users/:id', async (ctx) => {
    requireAdmin(ctx);
    const user = find(ctx);
    return { status: 200, body: await upsert(ctx, user) };
  });
  router.add('DELETE', '/api/users/:id', (ctx) => {
    requireAdminOrOwner(ctx, ctx.params.id ?? '');
    const user = find(ctx);
    if (!deleteUser(ctx.state, ctx.services.files, user)) {
      throw badRequest('Failed to delete user. Make sure that the user is not part of a required relation reference.');
    }
    return { status: 204 };
  });
  router.add('GET', '/api/users/:id/external-auths', (ctx) => {
    requireAdminOrOwner(ctx, ctx.params.id ?? '');
    find(ctx);
    return { status: 200, body: [] };
  });
  router.add('DELETE', '/api/users/:id/external-auths/:provider', (ctx) => {
    requireAdminOrOwner(ctx, ctx.params.id ?? '');
    find(ctx);
    throw notFound('Missing external auth provider relation.');
  });
}

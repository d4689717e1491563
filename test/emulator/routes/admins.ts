/** /api/admins — apis/admin.go with forms/admin_*.go validation */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, fieldError, notFound, throwIfInvalid, unauthorized, wrapBadRequest, ValidationFailure } from '../http/errors.ts';
import { bindOr400, str } from '../http/bind.ts';
import { requireAdmin, requireGuestOnly } from './guards.ts';
import type { AdminRow } from '../store/types.ts';
import { exportAdmin } from '../store/export.ts';
import { newAdmin, saveAdmin, setPassword } from '../store/accounts.ts';
import { now } from '../store/ids.ts';
import { findAdminByToken, issueAdminToken } from '../auth/tokens.ts';
import { MailError, sendAdminPasswordReset, recentlySent } from '../mail/mailer.ts';
import { check, collect, emailFormat, ID_REGEX, length, match, max, min, required, sameAs } from '../schema/ozzo.ts';
import { simpleResolver } from '../query/search.ts';
import { searchOr400 } from './list.ts';
import { emailLogin } from './login.ts';

const LOAD = 'An error occurred while loading the submitted data.';
const LOAD_UPSERT = 'Failed to load the submitted data due to invalid formatting.';

function authResponse(ctx: Ctx, admin: AdminRow): Reply {
  return { status: 200, body: { admin: exportAdmin(admin), token: issueAdminToken(ctx.state, admin, 'adminAuthToken') } };
}

async function emailAuth(ctx: Ctx): Promise<Reply> {
  requireGuestOnly(ctx);
  const admin = await emailLogin(ctx, (email) => ctx.state.findAdminByEmail(email));
  return authResponse(ctx, admin);
}

async function requestPasswordReset(ctx: Ctx): Promise<Reply> {
  const form = await bindOr400(ctx, { email: 'string' }, LOAD);
  const email = str(form.email);
  const errors = collect({ email: check(email, required, length(1, 255), emailFormat) });
  if (Object.keys(errors).length) throw badRequest('An error occurred while validating the form.', errors);
  const admin = ctx.state.findAdminByEmail(email);
  // Submit runs in a goroutine: the answer is 204 even when the mail fails (then nothing changes)
  if (admin && !recentlySent(admin.lastResetSentAt)) {
    try {
      sendAdminPasswordReset(ctx.state, admin);
      admin.lastResetSentAt = now();
      saveAdmin(ctx.state, admin);
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
    }
  }
  return { status: 204 };
}

async function confirmPasswordReset(ctx: Ctx): Promise<Reply> {
  const form = await bindOr400(ctx, { token: 'string', password: 'string', passwordConfirm: 'string' }, LOAD);
  const token = str(form.token);
  const password = str(form.password);
  const admin = token ? findAdminByToken(ctx.state, token, 'adminPasswordResetToken') : null;
  const errors = collect({
    token: check(token, required, () => (admin ? null : fieldError('validation_invalid_token', 'Invalid or expired token.'))),
    password: check(password, required, length(10, 100)),
    passwordConfirm: check(str(form.passwordConfirm), required, sameAs(password)),
  });
  if (Object.keys(errors).length || !admin) throw badRequest('Failed to set new password.', errors);
  setPassword(admin, password);
  saveAdmin(ctx.state, admin);
  return authResponse(ctx, admin);
}

function list(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const resolve = simpleResolver<AdminRow>(['id', 'created', 'updated', 'email'], (row, f) => String(row[f as 'id']));
  const result = searchOr400(ctx.state.admins, ctx.rawQuery, resolve);
  return { status: 200, body: { ...result, items: result.items.map(exportAdmin) } };
}

function find(ctx: Ctx): AdminRow {
  const admin = ctx.state.findAdmin(ctx.params.id ?? '');
  if (!admin) throw notFound();
  return admin;
}

async function upsert(ctx: Ctx, existing: AdminRow | null): Promise<AdminRow> {
  const form = await bindOr400(ctx, { id: 'string', avatar: 'int', email: 'string', password: 'string', passwordConfirm: 'string' }, LOAD_UPSERT);
  const id = typeof form.id === 'string' ? form.id : existing?.id ?? '';
  const avatar = typeof form.avatar === 'number' ? form.avatar : existing?.avatar ?? 0;
  const email = typeof form.email === 'string' ? form.email : existing?.email ?? '';
  const password = str(form.password);
  const errors = collect({
    id: existing
      ? id !== '' && id !== existing.id ? fieldError('validation_in_invalid', 'must be a valid value') : null
      : check(id, length(15, 15), match(ID_REGEX)),
    avatar: check(avatar, min(0), max(9)),
    email: check(email, required, length(1, 255), emailFormat, (v) =>
      ctx.state.admins.some((a) => a.email.toLowerCase() === String(v).toLowerCase() && a.id !== existing?.id)
        ? fieldError('validation_admin_email_exists', 'Admin email already exists.') : null),
    password: check(password, !existing && required, length(10, 100)),
    passwordConfirm: check(str(form.passwordConfirm), password !== '' && required, sameAs(password)),
  });
  throwIfInvalid(errors);
  const admin = existing ?? newAdmin(email, password, id, avatar);
  admin.avatar = avatar;
  admin.email = email;
  if (existing && password) setPassword(admin, password);
  saveAdmin(ctx.state, admin);
  return admin;
}

async function create(ctx: Ctx): Promise<Reply> {
  if (!ctx.auth.admin && ctx.state.admins.length > 0) throw unauthorized('The request requires admin authorization token to be set.');
  return { status: 200, body: exportAdmin(await upsert(ctx, null)) };
}

async function update(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  return { status: 200, body: exportAdmin(await upsert(ctx, find(ctx))) };
}

function remove(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const admin = find(ctx);
  if (ctx.state.admins.length === 1) throw wrapBadRequest('Failed to delete admin.', new ValidationFailure({}));
  ctx.state.admins = ctx.state.admins.filter((a) => a !== admin);
  ctx.state.emitAccount('admin', 'delete', admin.id);
  return { status: 204 };
}

export function registerAdminRoutes(router: Router): void {
  router.add('POST', '/api/admins/auth-via-email', emailAuth);
  router.add('POST', '/api/admins/request-password-reset', requestPasswordReset);
  router.add('POST', '/api/admins/confirm-password-reset', confirmPasswordReset);
  router.add('POST', '/api/admins/refresh', (ctx) => {
    requireAdmin(ctx);
    return authResponse(ctx, ctx.auth.admin!);
  });
  router.add('GET', '/api/admins', list);
  router.add('POST', '/api/admins', create);
  router.add('GET', '/api/admins/:id', (ctx) => (requireAdmin(ctx), { status: 200, body: exportAdmin(find(ctx)) }));
  router.add('PATCH', '/api/admins/:id', update);
  router.add('DELETE', '/api/admins/:id', remove);
}

/** /api/settings (admin only) — apis/settings.go, forms/settings_upsert.go, core/settings.go */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, ValidationFailure, type ValidationErrors, type FieldError } from '../http/errors.ts';
import { bindOr400, str } from '../http/bind.ts';
import { decodeJson, isPlainObject } from '../http/body.ts';
import { requireAdmin } from './guards.ts';
import { redactSettings, TOKEN_CONFIGS, type Settings } from '../store/settings.ts';
import { check, emailFormat, length, max, min, oneOf, required } from '../schema/ozzo.ts';
import { MailError, sendUserChangeEmail, sendUserPasswordReset, sendUserVerification } from '../mail/mailer.ts';
import { newUser } from '../store/accounts.ts';

const LOAD = 'An error occurred while loading the submitted data.';

/** json.Unmarshal into an existing struct: objects merge, everything else replaces. */
function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in target)) continue;
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) merge(current, value);
    else if (isPlainObject(current) && value !== null) throw new Error(`cannot unmarshal ${key}`);
    else target[key] = value;
  }
}

function validateSettings(s: Settings): ValidationErrors {
  const errors: ValidationErrors = {};
  const group = (name: string, fields: Record<string, FieldError | null>): void => {
    const found: ValidationErrors = {};
    for (const [k, v] of Object.entries(fields)) if (v) found[k] = v;
    if (Object.keys(found).length) errors[name] = found;
  };
  group('meta', {
    appName: check(s.meta.appName, required, length(1, 255)),
    appUrl: check(s.meta.appUrl, required),
    senderName: check(s.meta.senderName, required, length(1, 255)),
    senderAddress: check(s.meta.senderAddress, emailFormat, required),
  });
  group('logs', { maxDays: check(s.logs.maxDays, min(0)) });
  for (const name of TOKEN_CONFIGS) {
    group(name, {
      secret: check(s[name].secret, required, length(30, 300)),
      duration: check(s[name].duration, required, min(5), max(63072000)),
    });
  }
  group('emailAuth', { minPasswordLength: check(s.emailAuth.minPasswordLength, required, min(5), max(100)) });
  return errors;
}

async function patch(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const body = await ctx.body();
  const next = structuredClone(ctx.state.settings);
  if (body.length > 0) {
    await bindOr400(ctx, {}, LOAD); // content type / syntax check
    try {
      const parsed = decodeJson(body);
      if (parsed !== null) {
        if (!isPlainObject(parsed)) throw new Error('not an object');
        merge(next as unknown as Record<string, unknown>, parsed);
      }
    } catch {
      throw badRequest(LOAD);
    }
  }
  const errors = validateSettings(next);
  if (Object.keys(errors).length) throw new ValidationFailure(errors);
  ctx.state.settings = next;
  return { status: 200, body: redactSettings(next) };
}

async function testEmail(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const form = await bindOr400(ctx, { template: 'string', email: 'string' }, LOAD);
  const email = str(form.email);
  const template = str(form.template);
  const errors: ValidationErrors = {};
  const emailErr = check(email, required, length(1, 255), emailFormat);
  const templateErr = check(template, required, oneOf(['verification', 'email-change', 'password-reset']));
  if (emailErr) errors.email = emailErr;
  if (templateErr) errors.template = templateErr;
  if (Object.keys(errors).length) throw badRequest('Failed to send the test email.', errors);
  const user = newUser(email, 'unused-password', '__pb_test_id__');
  try {
    if (template === 'verification') sendUserVerification(ctx.state, user);
    else if (template === 'password-reset') sendUserPasswordReset(ctx.state, user);
    else sendUserChangeEmail(ctx.state, user, email);
  } catch (err) {
    if (err instanceof MailError) throw badRequest(`Failed to send the test email. Raw error: \n${err.message}`);
    throw err;
  }
  return { status: 204 };
}

export function registerSettingsRoutes(router: Router): void {
  router.add('GET', '/api/settings', (ctx) => (requireAdmin(ctx), { status: 200, body: redactSettings(ctx.state.settings) }));
  router.add('PATCH', '/api/settings', patch);
  router.add('POST', '/api/settings/test/s3', (ctx) => {
    requireAdmin(ctx);
    if (ctx.state.settings.s3.enabled !== true) throw badRequest('S3 storage is not enabled.');
    throw badRequest('Failed to initialize the S3 storage. Raw error: \nthe emulator has no S3 support');
  });
  router.add('POST', '/api/settings/test/email', testEmail);
}

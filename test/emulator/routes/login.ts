import type { Ctx } from '../http/context.ts';
import { badRequest } from '../http/errors.ts';
import { bindOr400, str } from '../http/bind.ts';
import { checkPassword } from '../auth/password.ts';
import { check, collect, emailFormat, length, required } from '../schema/ozzo.ts';

/** What forms/admin_login.go and forms/user_email_login.go share: the bound and validated form. */
export async function emailLogin<Row extends { passwordHash: string }>(ctx: Ctx, find: (email: string) => Row | undefined): Promise<Row> {
  const form = await bindOr400(ctx, { email: 'string', password: 'string' }, 'An error occurred while loading the submitted data.');
  const email = str(form.email);
  const password = str(form.password);
  const errors = collect({
    email: check(email, required, length(1, 255), emailFormat),
    password: check(password, required, length(1, 255)),
  });
  if (Object.keys(errors).length) throw badRequest('Failed to authenticate.', errors);
  const row = find(email);
  if (!row || !checkPassword(password, row.passwordHash)) throw badRequest('Failed to authenticate.');
  return row;
}

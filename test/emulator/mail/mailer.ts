/**
 * Email sending (mails/*.go) captured into the mailbox instead of SMTP. When the state's
 * `mailFailure` is set, every send throws MailError with that raw mailer error instead, as the
 * real server's mail client fails without a working SMTP server or `sendmail` binary.
 */
import type { State } from '../store/state.ts';
import type { AdminRow, MailMessage, UserRow } from '../store/types.ts';
import { issueAdminToken, issueUserToken } from '../auth/tokens.ts';

/** What the sendmail client (the mailer when SMTP is off) returns on a host without sendmail. */
export const NO_SENDMAIL = 'Failed to locate a sendmail executable path.';

/** A failed send; `message` is the mailer's raw error text. */
export class MailError extends Error {}

function deliver(state: State, message: MailMessage): void {
  if (state.mailFailure !== null) throw new MailError(state.mailFailure);
  state.mailbox.push(message);
}

function fill(state: State, text: string, token: string): string {
  const meta = state.settings.meta;
  return text
    .replaceAll('{APP_NAME}', String(meta.appName))
    .replaceAll('{APP_URL}', String(meta.appUrl))
    .replaceAll('{TOKEN}', token);
}

function sendTemplate(state: State, to: string, template: MailMessage['template'], token: string): void {
  const key = template === 'verification' ? 'verificationTemplate'
    : template === 'password-reset' ? 'resetPasswordTemplate' : 'confirmEmailChangeTemplate';
  const t = state.settings.meta[key] as Record<string, string>;
  const actionUrl = fill(state, t.actionUrl ?? '', token);
  const html = fill(state, (t.body ?? '').replaceAll('{ACTION_URL}', actionUrl), token);
  deliver(state, { to, subject: fill(state, t.subject ?? '', token), template, token, html });
}

export function sendUserVerification(state: State, user: UserRow): void {
  sendTemplate(state, user.email, 'verification', issueUserToken(state, user, 'userVerificationToken'));
}

export function sendUserPasswordReset(state: State, user: UserRow): void {
  sendTemplate(state, user.email, 'password-reset', issueUserToken(state, user, 'userPasswordResetToken'));
}

export function sendUserChangeEmail(state: State, user: UserRow, newEmail: string): void {
  sendTemplate(state, newEmail, 'email-change', issueUserToken(state, user, 'userEmailChangeToken', newEmail));
}

export function sendAdminPasswordReset(state: State, admin: AdminRow): void {
  const token = issueAdminToken(state, admin, 'adminPasswordResetToken');
  const url = `${String(state.settings.meta.appUrl)}/_/#/confirm-password-reset/${token}`;
  deliver(state, {
    to: admin.email,
    subject: 'Reset admin password',
    template: 'password-reset',
    token,
    html: `<p>Hello,</p><p>Follow this link to reset your admin password for ${String(state.settings.meta.appName)}.</p><p><a href="${url}">${url}</a></p>`,
  });
}

/** The forms' 120 s resend threshold. */
export function recentlySent(stamp: string, seconds = 120): boolean {
  if (!stamp) return false;
  return Date.now() - Date.parse(`${stamp.replace(' ', 'T')}Z`) < seconds * 1000;
}

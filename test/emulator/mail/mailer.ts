/** Email sending (mails/*.go) captured into the mailbox instead of SMTP. */
import type { State } from '../store/state.ts';
import type { AdminRow, MailMessage, UserRow } from '../store/types.ts';
import { issueAdminToken, issueUserToken } from '../auth/tokens.ts';

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
  state.mailbox.push({ to, subject: fill(state, t.subject ?? '', token), template, token, html });
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
  state.mailbox.push({
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

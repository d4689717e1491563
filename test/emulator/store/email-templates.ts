/** The default email templates of core/settings_templates.go (returned by GET /api/settings). */

export interface EmailTemplate {
  body: string;
  subject: string;
  actionUrl: string;
}

const wrap = (lines: string, button: string, note: string): string =>
  `<p>Hello,</p>\n${lines}\n<p>\n  <a class="btn" href="{ACTION_URL}" target="_blank" rel="noopener">${button}</a>\n</p>\n${note}<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>`;

export const defaultTemplates = (): Record<'verificationTemplate' | 'resetPasswordTemplate' | 'confirmEmailChangeTemplate', EmailTemplate> => ({
  verificationTemplate: {
    body: wrap('<p>Thank you for joining us at {APP_NAME}.</p>\n<p>Click on the button below to verify your email address.</p>', 'Verify', ''),
    subject: 'Verify your {APP_NAME} email',
    actionUrl: '{APP_URL}/_/#/users/confirm-verification/{TOKEN}',
  },
  resetPasswordTemplate: {
    body: wrap('<p>Click on the button below to reset your password.</p>', 'Reset password',
      "<p><i>If you didn't ask to reset your password, you can ignore this email.</i></p>\n"),
    subject: 'Reset your {APP_NAME} password',
    actionUrl: '{APP_URL}/_/#/users/confirm-password-reset/{TOKEN}',
  },
  confirmEmailChangeTemplate: {
    body: wrap('<p>Click on the button below to confirm your new email address.</p>', 'Confirm new email',
      "<p><i>If you didn't ask to change your email address, you can ignore this email.</i></p>\n"),
    subject: 'Confirm your {APP_NAME} new email address',
    actionUrl: '{APP_URL}/_/#/users/confirm-email-change/{TOKEN}',
  },
});

/** Application settings with the defaults of core/settings.go NewSettings(). */
import { randomString } from './ids.ts';
import { defaultTemplates } from './email-templates.ts';

export interface TokenConfig {
  secret: string;
  duration: number;
}

export interface Settings {
  meta: Record<string, unknown>;
  logs: { maxDays: number };
  smtp: Record<string, unknown>;
  s3: Record<string, unknown>;
  adminAuthToken: TokenConfig;
  adminPasswordResetToken: TokenConfig;
  userAuthToken: TokenConfig;
  userPasswordResetToken: TokenConfig;
  userEmailChangeToken: TokenConfig;
  userVerificationToken: TokenConfig;
  emailAuth: { enabled: boolean; exceptDomains: string[] | null; onlyDomains: string[] | null; minPasswordLength: number };
  googleAuth: Record<string, unknown>;
  facebookAuth: Record<string, unknown>;
  githubAuth: Record<string, unknown>;
  gitlabAuth: Record<string, unknown>;
  discordAuth: Record<string, unknown>;
  twitterAuth: Record<string, unknown>;
}

export const AUTH_PROVIDERS = ['googleAuth', 'facebookAuth', 'githubAuth', 'gitlabAuth', 'discordAuth', 'twitterAuth'] as const;
export const TOKEN_CONFIGS = [
  'adminAuthToken', 'adminPasswordResetToken', 'userAuthToken',
  'userPasswordResetToken', 'userEmailChangeToken', 'userVerificationToken',
] as const;

const token = (duration: number): TokenConfig => ({ secret: randomString(50), duration });
const provider = (): Record<string, unknown> => ({ enabled: false, allowRegistrations: true });

export function createSettings(): Settings {
  return {
    meta: {
      appName: 'Acme',
      appUrl: 'http://localhost:8090',
      hideControls: false,
      senderName: 'Support',
      senderAddress: 'support@example.com',
      ...defaultTemplates(),
    },
    logs: { maxDays: 7 },
    smtp: { enabled: false, host: 'smtp.example.com', port: 587, username: '', password: '', tls: false },
    s3: { enabled: false, bucket: '', region: '', endpoint: '', accessKey: '', secret: '', forcePathStyle: false },
    adminAuthToken: token(1209600),
    adminPasswordResetToken: token(1800),
    userAuthToken: token(1209600),
    userPasswordResetToken: token(1800),
    userEmailChangeToken: token(1800),
    userVerificationToken: token(604800),
    emailAuth: { enabled: true, exceptDomains: null, onlyDomains: null, minPasswordLength: 8 },
    googleAuth: provider(),
    facebookAuth: provider(),
    githubAuth: provider(),
    gitlabAuth: provider(),
    discordAuth: provider(),
    twitterAuth: provider(),
  };
}

/** Settings.RedactClone: every non-empty secret becomes "******". */
export function redactSettings(settings: Settings): Settings {
  const clone = structuredClone(settings);
  const mask = (obj: Record<string, unknown>, key: string): void => {
    if (typeof obj[key] === 'string' && obj[key] !== '') obj[key] = '******';
  };
  mask(clone.smtp, 'password');
  mask(clone.s3, 'secret');
  for (const name of TOKEN_CONFIGS) mask(clone[name] as unknown as Record<string, unknown>, 'secret');
  for (const name of AUTH_PROVIDERS) mask(clone[name], 'clientSecret');
  return clone;
}

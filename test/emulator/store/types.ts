/** Row types of the in-memory tables (mirroring models/*.go). */

export interface AccountRow {
  id: string;
  created: string;
  updated: string;
  email: string;
  passwordHash: string;
  /** Per-account secret mixed into every token's signing key; changing it revokes tokens. */
  tokenKey: string;
  lastResetSentAt: string;
}

export interface AdminRow extends AccountRow {
  avatar: number;
}

export interface UserRow extends AccountRow {
  verified: boolean;
  lastVerificationSentAt: string;
}

export type FieldType =
  | 'text' | 'number' | 'bool' | 'email' | 'url' | 'date'
  | 'select' | 'json' | 'file' | 'relation' | 'user';

export interface SchemaField {
  system: boolean;
  id: string;
  name: string;
  type: FieldType;
  required: boolean;
  unique: boolean;
  options: Record<string, unknown>;
}

export interface CollectionRow {
  id: string;
  created: string;
  updated: string;
  name: string;
  system: boolean;
  schema: SchemaField[];
  listRule: string | null;
  viewRule: string | null;
  createRule: string | null;
  updateRule: string | null;
  deleteRule: string | null;
}

export interface RecordRow {
  id: string;
  created: string;
  updated: string;
  /** Field values already normalised by prepareValue() for the field's type. */
  data: Record<string, unknown>;
}

export interface RequestLogRow {
  id: string;
  created: string;
  updated: string;
  url: string;
  method: string;
  status: number;
  auth: 'guest' | 'user' | 'admin';
  userIp: string;
  remoteIp: string;
  referer: string;
  userAgent: string;
  meta: Record<string, unknown>;
}

/** The authenticated identity of a request (LoadAuthContext). */
export interface AuthContext {
  admin: AdminRow | null;
  user: UserRow | null;
}

/** A sent email captured instead of being delivered. */
export interface MailMessage {
  to: string;
  subject: string;
  template: 'verification' | 'password-reset' | 'email-change';
  token: string;
  html?: string;
}

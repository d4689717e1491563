/**
 * The emulator's whole database: in-memory tables plus the hooks other modules listen to.
 * Lookups follow the daos/*.go queries (e.g. collection by exact name or id).
 */
import type {
  AdminRow, CollectionRow, MailMessage, RecordRow, RequestLogRow, UserRow,
} from './types.ts';
import { createSettings, type Settings } from './settings.ts';

export type RecordAction = 'create' | 'update' | 'delete';
export type RecordListener = (action: RecordAction, collection: CollectionRow, record: RecordRow) => void;
export type AccountListener = (kind: 'admin' | 'user', action: 'update' | 'delete', id: string) => void;

export class State {
  admins: AdminRow[] = [];
  users: UserRow[] = [];
  collections: CollectionRow[] = [];
  readonly records = new Map<string, RecordRow[]>();
  readonly requestLogs: RequestLogRow[] = [];
  readonly mailbox: MailMessage[] = [];
  /**
   * null: mail is captured into the mailbox (the default). A string: every send fails with this
   * raw mailer error, like a server without SMTP or sendmail (see mail/mailer.ts).
   */
  mailFailure: string | null = null;
  settings: Settings = createSettings();
  private readonly recordListeners: RecordListener[] = [];
  private readonly accountListeners: AccountListener[] = [];

  onRecord(listener: RecordListener): void {
    this.recordListeners.push(listener);
  }

  onAccount(listener: AccountListener): void {
    this.accountListeners.push(listener);
  }

  emitRecord(action: RecordAction, collection: CollectionRow, record: RecordRow): void {
    for (const listener of this.recordListeners) listener(action, collection, record);
  }

  emitAccount(kind: 'admin' | 'user', action: 'update' | 'delete', id: string): void {
    for (const listener of this.accountListeners) listener(kind, action, id);
  }

  findCollection(nameOrId: string): CollectionRow | undefined {
    return this.collections.find((c) => c.id === nameOrId || c.name === nameOrId);
  }

  recordsOf(collection: CollectionRow): RecordRow[] {
    let rows = this.records.get(collection.id);
    if (!rows) {
      rows = [];
      this.records.set(collection.id, rows);
    }
    return rows;
  }

  findRecord(collection: CollectionRow, id: string): RecordRow | undefined {
    return this.recordsOf(collection).find((r) => r.id === id);
  }

  findAdmin(id: string): AdminRow | undefined {
    return this.admins.find((a) => a.id === id);
  }

  findAdminByEmail(email: string): AdminRow | undefined {
    return this.admins.find((a) => a.email === email);
  }

  findUser(id: string): UserRow | undefined {
    return this.users.find((u) => u.id === id);
  }

  findUserByEmail(email: string): UserRow | undefined {
    return this.users.find((u) => u.email === email);
  }

  profilesCollection(): CollectionRow {
    const profiles = this.findCollection('profiles');
    if (!profiles) throw new Error('the system profiles collection is missing');
    return profiles;
  }

  findProfile(userId: string): RecordRow | undefined {
    return this.recordsOf(this.profilesCollection()).find((r) => r.data.userId === userId);
  }
}

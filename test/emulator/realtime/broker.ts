/**
 * Realtime clients and record broadcasting (apis/realtime.go + tools/subscriptions).
 * A client is registered while its SSE stream is open; the stream's auth is whatever the
 * last subscription POST carried. Record events are delivered per subscription topic
 * (`<collection>` → listRule, `<collection>/<id>` → viewRule, by name or id) to clients whose
 * auth passes the rule, with `@expand: {}` in the record.
 */
import type { ServerResponse } from 'node:http';
import type { State, RecordAction } from '../store/state.ts';
import type { AdminRow, CollectionRow, RecordRow, UserRow } from '../store/types.ts';
import { exportRecord } from '../store/export.ts';
import { randomString } from '../store/ids.ts';
import { goJson } from '../http/respond.ts';
import { requestData, ruleMatches } from '../query/rules.ts';

export interface RealtimeClient {
  readonly id: string;
  readonly res: ServerResponse;
  subscriptions: Set<string>;
  adminId: string;
  userId: string;
  idleTimer: NodeJS.Timeout | undefined;
}

export interface RealtimeClientInfo {
  clientId: string;
  subscriptions: string[];
  auth: { type: 'admin' | 'user'; id: string } | null;
}

export class RealtimeBroker {
  private readonly clients = new Map<string, RealtimeClient>();
  /** Open streams, including ones whose client was unregistered (their auth was deleted). */
  private readonly streams = new Set<RealtimeClient>();

  constructor(private readonly state: State) {
    state.onRecord((action, collection, row) => this.broadcast(action, collection, row));
    state.onAccount((kind, action, id) => {
      if (action !== 'delete') return;
      for (const client of [...this.clients.values()]) {
        if ((kind === 'user' && client.userId === id) || (kind === 'admin' && client.adminId === id)) this.clients.delete(client.id);
      }
    });
  }

  register(res: ServerResponse): RealtimeClient {
    const client: RealtimeClient = { id: randomString(40), res, subscriptions: new Set(), adminId: '', userId: '', idleTimer: undefined };
    this.clients.set(client.id, client);
    this.streams.add(client);
    return client;
  }

  unregister(client: RealtimeClient): void {
    if (client.idleTimer) clearTimeout(client.idleTimer);
    if (this.clients.get(client.id) === client) this.clients.delete(client.id);
    this.streams.delete(client);
  }

  find(id: string): RealtimeClient | undefined {
    return this.clients.get(id);
  }

  send(client: RealtimeClient, event: string, data: string): void {
    if (client.res.destroyed || client.res.writableEnded) return;
    client.res.write(`id:${client.id}\nevent:${event}\ndata:${data}\n\n`);
  }

  admin(client: RealtimeClient): AdminRow | null {
    return client.adminId ? this.state.findAdmin(client.adminId) ?? null : null;
  }

  user(client: RealtimeClient): UserRow | null {
    return client.userId ? this.state.findUser(client.userId) ?? null : null;
  }

  private canAccess(client: RealtimeClient, collection: CollectionRow, row: RecordRow, rule: string | null): boolean {
    if (this.admin(client)) return true;
    if (rule === null) return false;
    // FindRecordById with the rule: the stored row is checked, not the broadcast copy
    const stored = this.state.findRecord(collection, row.id);
    if (!stored) return false;
    if (rule === '') return true;
    const data = requestData(this.state, 'get', new URLSearchParams(), {}, this.user(client));
    return ruleMatches(this.state, collection, rule, stored, data);
  }

  broadcast(action: RecordAction, collection: CollectionRow, row: RecordRow): void {
    if (this.clients.size === 0) return;
    const payload = goJson({ action, record: exportRecord(collection, row, {}) }).trimEnd();
    const topics: Array<[string, string | null]> = [
      [`${collection.name}/${row.id}`, collection.viewRule],
      [`${collection.id}/${row.id}`, collection.viewRule],
      [collection.name, collection.listRule],
      [collection.id, collection.listRule],
    ];
    for (const client of [...this.clients.values()]) {
      for (const [topic, rule] of topics) {
        if (!client.subscriptions.has(topic)) continue;
        if (!this.canAccess(client, collection, row, rule)) continue;
        this.send(client, topic, payload);
        client.idleTimer?.refresh();
      }
    }
  }

  describe(): RealtimeClientInfo[] {
    return [...this.clients.values()].map((c) => ({
      clientId: c.id,
      subscriptions: [...c.subscriptions],
      auth: c.adminId ? { type: 'admin', id: c.adminId } : c.userId ? { type: 'user', id: c.userId } : null,
    }));
  }

  size(): number {
    return this.streams.size;
  }

  /** Test hook: kill every SSE socket without a proper end. */
  dropAll(): void {
    for (const client of [...this.streams]) client.res.socket?.destroy();
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const client of [...this.streams]) {
      this.unregister(client);
      client.res.end();
    }
  }

  isStreamPath(entry: { method: string; path: string }): boolean {
    return entry.method === 'GET' && entry.path === '/api/realtime';
  }
}

/**
 * In-memory emulator of the PocketBase v0.7.10 HTTP API for integration tests, benchmarks and
 * the demo app. See README.md for coverage and known differences.
 *
 * @example
 * const emu = await startEmulator()
 * const res = await fetch(`${emu.url}/api/collections/posts/records`)
 * await emu.close()
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { State } from './store/state.ts';
import { FileStore } from './store/files.ts';
import { installSystemCollections } from './store/bootstrap.ts';
import type { MailMessage } from './store/types.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http/body.ts';
import { Router } from './http/router.ts';
import { createPipeline, type RequestLogEntry } from './http/server.ts';
import type { Services } from './http/context.ts';
import { seed, type SeedSpec } from './seed.ts';
import { registerAllRoutes } from './routes/index.ts';
import { RealtimeBroker, type RealtimeClientInfo } from './realtime/broker.ts';
import { NO_SENDMAIL } from './mail/mailer.ts';

export { SEED_ADMIN, SEED_USER, type SeedSpec } from './seed.ts';
export type { MailMessage } from './store/types.ts';
export type { RequestLogEntry } from './http/server.ts';
export type { RealtimeClientInfo } from './realtime/broker.ts';

export interface EmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** true (default) seeds the demo data; false starts empty (no admin, no user). */
  seed?: boolean | SeedSpec;
  /** Idle time after which an SSE connection without messages is closed (default 5 min). */
  realtimeIdleTimeoutMs?: number;
  /**
   * Most bytes of a request body the emulator keeps (default 64 MiB; the real server has no
   * such limit). The rest of a longer body is read and dropped: a JSON body is decoded from
   * what was kept (so it usually fails with the route's 400), a multipart body gets 413.
   * Record routes always decode only the first 32 MiB of a JSON body, like the real server.
   */
  maxBodyBytes?: number;
  /**
   * 'deliver' (default): every email lands in `mailbox`. 'fail': every send fails like a server
   * without SMTP and sendmail (see Mailbox.failWith); switchable at runtime.
   */
  mail?: 'deliver' | 'fail';
}

/** Captured emails plus a lookup of the newest token sent to an address. */
export interface Mailbox extends ReadonlyArray<MailMessage> {
  lastToken(to: string, template?: MailMessage['template']): string | undefined;
  /**
   * From now on every send fails with `reason` as the mailer's raw error (default: the
   * sendmail client's "Failed to locate a sendmail executable path.", what a server with SMTP
   * off answers on a host without sendmail). Then, as on v0.7.10: `settings/test/email` → 400
   * "Failed to send the test email. Raw error: \n<reason>", `users/request-email-change` → 400
   * "Failed to request email change."; `request-verification` and `request-password-reset`
   * (users and admins) still answer 204 (they send in the background) but nothing is sent and
   * `lastVerificationSentAt`/`lastResetSentAt` stay unchanged.
   */
  failWith(reason?: string): void;
  /** Back to capturing every email (the default). */
  deliver(): void;
  /** The raw error sends fail with, or null while mail is delivered. */
  readonly failure: string | null;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  readonly mailbox: Mailbox;
  /** Every finished request (method, path without query, status, aborted flag), oldest first. */
  readonly requestLog: readonly RequestLogEntry[];
  /** How many requests the client abandoned before the response was written completely. */
  abortedRequests(): number;
  /** Destroys every realtime (SSE) socket abruptly. */
  dropRealtimeConnections(): void;
  realtimeClients(): RealtimeClientInfo[];
  /** Number of open SSE connections. */
  connections(): number;
  /** The raw in-memory state, for assertions on server-side data. */
  readonly state: State;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new State();
  installSystemCollections(state);
  if (options.seed !== false) seed(state, typeof options.seed === 'object' ? options.seed : {});
  const filesDir = mkdtempSync(join(tmpdir(), 'pb-emulator-'));
  const services: Services = {
    state,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    files: new FileStore(filesDir),
    realtimeIdleTimeoutMs: options.realtimeIdleTimeoutMs ?? 5 * 60 * 1000,
  };
  const broker = new RealtimeBroker(state);
  const router = new Router();
  registerAllRoutes(router, broker);
  const requestLog: RequestLogEntry[] = [];
  const server: Server = createServer(createPipeline(services, router, { onRequestDone: (e) => requestLog.push(e) }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (options.mail === 'fail') state.mailFailure = NO_SENDMAIL;
  const mailbox: Mailbox = Object.defineProperties(Object.assign(state.mailbox, {
    lastToken(to: string, template?: MailMessage['template']): string | undefined {
      for (let i = state.mailbox.length - 1; i >= 0; i--) {
        const m = state.mailbox[i]!;
        if (m.to === to && (!template || m.template === template)) return m.token;
      }
      return undefined;
    },
    failWith(reason: string = NO_SENDMAIL): void {
      state.mailFailure = reason;
    },
    deliver(): void {
      state.mailFailure = null;
    },
  }), { failure: { get: () => state.mailFailure, enumerable: false } }) as unknown as Mailbox;
  let closed = false;
  return {
    url: `http://${host}:${address.port}`,
    mailbox,
    requestLog,
    state,
    abortedRequests: () => requestLog.filter((e) => e.aborted && !broker.isStreamPath(e)).length,
    dropRealtimeConnections: () => broker.dropAll(),
    realtimeClients: () => broker.describe(),
    connections: () => broker.size(),
    async close() {
      if (closed) return;
      closed = true;
      broker.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** The per-request context handed to route handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { State } from '../store/state.ts';
import type { FileStore } from '../store/files.ts';
import type { AuthContext } from '../store/types.ts';
import { readBody } from './body.ts';

/** What a handler returns: a JSON/empty reply, or null when it wrote the response itself. */
export type Reply = { status: number; body?: unknown } | null;

export interface Services {
  state: State;
  maxBodyBytes: number;
  files: FileStore;
  realtimeIdleTimeoutMs: number;
}

export class Ctx {
  private bodyPromise: Promise<Buffer> | undefined;
  params: Record<string, string> = {};

  constructor(
    readonly services: Services,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly method: string,
    readonly path: string,
    readonly rawQuery: string,
    readonly auth: AuthContext,
  ) {}

  get state(): State {
    return this.services.state;
  }

  get query(): URLSearchParams {
    return new URLSearchParams(this.rawQuery);
  }

  body(): Promise<Buffer> {
    this.bodyPromise ??= readBody(this.req, this.services.maxBodyBytes);
    return this.bodyPromise;
  }

  header(name: string): string {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value ?? '';
  }
}

export type Handler = (ctx: Ctx) => Promise<Reply> | Reply;

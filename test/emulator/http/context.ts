/** The per-request context handed to route handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { State } from '../store/state.ts';
import type { FileStore } from '../store/files.ts';
import type { AuthContext } from '../store/types.ts';
import { ApiError } from './errors.ts';
import { JSON_COPY_LIMIT, parseMultipart, readBody, type BodyBytes, type MultipartData } from './body.ts';

/** What a handler returns: a JSON/empty reply, or null when it wrote the response itself. */
export type Reply = { status: number; body?: unknown } | null;

export interface Services {
  state: State;
  maxBodyBytes: number;
  files: FileStore;
  realtimeIdleTimeoutMs: number;
}

export class Ctx {
  private bodyPromise: Promise<BodyBytes> | undefined;
  private multipartPromise: Promise<MultipartData> | undefined;
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

  private read(): Promise<BodyBytes> {
    this.bodyPromise ??= readBody(this.req, this.services.maxBodyBytes);
    return this.bodyPromise;
  }

  /**
   * The body as echo's binder sees it. The emulator keeps at most `maxBodyBytes` of it: a
   * longer JSON body is cut there (and so fails to decode, as a truncated body would).
   */
  async body(): Promise<Buffer> {
    return (await this.read()).bytes;
  }

  /** rest.ReadJsonBodyCopy (record routes): only the first 32 MiB of the body are decoded. */
  async jsonBodyCopy(): Promise<Buffer> {
    const { bytes } = await this.read();
    return bytes.length > JSON_COPY_LIMIT ? bytes.subarray(0, JSON_COPY_LIMIT) : bytes;
  }

  /**
   * The multipart form (ParseMultipartForm). The real server spills big parts to disk; the
   * emulator holds bodies in memory and answers 413 beyond `maxBodyBytes` (its own limit).
   */
  multipart(): Promise<MultipartData> {
    this.multipartPromise ??= this.read().then(({ bytes, cut }) => {
      if (cut) throw new ApiError(413, 'Request Entity Too Large');
      return parseMultipart(bytes, this.header('content-type'));
    });
    return this.multipartPromise;
  }

  header(name: string): string {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value ?? '';
  }
}

export type Handler = (ctx: Ctx) => Promise<Reply> | Reply;

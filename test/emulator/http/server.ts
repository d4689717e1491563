/**
 * The request pipeline: Secure() headers → CORS → trailing-slash removal → LoadAuthContext →
 * route → echo-style error handler → ActivityLogger (into the request logs) → test bookkeeping.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Ctx, type Services } from './context.ts';
import { ApiError, badRequest, EchoHttpError, ValidationFailure } from './errors.ts';
import { applyCors, applySecureHeaders, sendJson } from './respond.ts';
import { escapePath, routingPath, type Router } from './router.ts';
import { loadAuthContext } from '../auth/tokens.ts';
import { newModelId, now } from '../store/ids.ts';
import type { AuthContext } from '../store/types.ts';

/** One handled request, for test assertions. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** True when the client closed the connection before a response was fully written. */
  aborted: boolean;
}

export interface PipelineHooks {
  onRequestDone(entry: RequestLogEntry): void;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ValidationFailure) return badRequest('', err.errors);
  return badRequest(err instanceof Error ? err.message : '');
}

function realUserIp(req: IncomingMessage, fallback: string): string {
  const header = (name: string): string => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] ?? '' : v ?? '';
  };
  if (header('cf-connecting-ip')) return header('cf-connecting-ip');
  if (header('x-real-ip')) return header('x-real-ip');
  const forwarded = header('x-forwarded-for').split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded.length ? forwarded[forwarded.length - 1]! : fallback;
}

/** Characters Go's validEncoded accepts in a URL.RawPath. */
const VALID_ENCODED = /^[A-Za-z0-9\-_.~!$&'()*+,;=:@[\]/%]*$/;

/**
 * URL.RequestURI() after RemoveTrailingSlash: EscapedPath() is the raw path while it still
 * decodes to URL.Path (and is validly encoded), else URL.Path escaped; then `?` + raw query.
 */
function requestUri(rawPath: string, routed: ReturnType<typeof routingPath>, rawQuery: string | null): string {
  const keepsRaw = routed.hasRawPath && !routed.trimmed && VALID_ENCODED.test(rawPath);
  const escaped = keepsRaw ? rawPath : escapePath(Buffer.from(routed.path, 'utf8'));
  return rawQuery === null ? escaped : `${escaped}?${rawQuery}`;
}

function logActivity(services: Services, req: IncomingMessage, url: string, status: number, auth: AuthContext, err: ApiError | null): void {
  if (services.state.settings.logs.maxDays === 0) return;
  const stamp = now();
  const ip = req.socket.remoteAddress ?? '';
  services.state.requestLogs.push({
    id: newModelId(),
    created: stamp,
    updated: stamp,
    url,
    method: (req.method ?? '').toLowerCase(),
    status,
    auth: auth.user ? 'user' : auth.admin ? 'admin' : 'guest',
    userIp: realUserIp(req, ip),
    remoteIp: ip,
    referer: typeof req.headers.referer === 'string' ? req.headers.referer : '',
    userAgent: req.headers['user-agent'] ?? '',
    meta: err ? { errorMessage: err instanceof EchoHttpError ? err.rawMessage : err.message, errorDetails: '<nil>' } : {},
  });
}

export function createPipeline(services: Services, router: Router, hooks: PipelineHooks) {
  const handle = createHandler(services, router, hooks);
  // a failure outside the handler's own error mapping must never crash the process
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) sendJson(res, 400, badRequest());
      else res.destroy();
    });
  };
}

function createHandler(services: Services, router: Router, hooks: PipelineHooks) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const routed = routingPath(rawPath);
    // for the test bookkeeping only: the raw path without echo's trimmed trailing slash
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    res.on('close', () => {
      hooks.onRequestDone({ method, path, status: res.statusCode, aborted: !res.writableFinished });
    });
    req.on('error', () => undefined);
    applySecureHeaders(res);
    if (applyCors(req, res)) return;

    const auth = loadAuthContext(services.state, typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    const match = router.match(method, routed.route);
    const logged = match ? match.options.logged : false;
    const ctx = new Ctx(services, req, res, method, path, rawQuery, auth);
    const pretty = new URLSearchParams(rawQuery).has('pretty');
    let status = 200;
    let failure: ApiError | null = null;
    try {
      if (!match) throw new EchoHttpError(404, 'Not Found');
      ctx.params = match.params;
      const reply = await match.handler(ctx);
      if (reply) {
        status = reply.status;
        if (res.destroyed) return;
        if (reply.body === undefined) res.writeHead(reply.status).end();
        else sendJson(res, reply.status, reply.body, method, pretty);
      } else {
        status = res.statusCode;
      }
    } catch (err) {
      failure = toApiError(err);
      status = failure.code;
      if (!res.headersSent && !res.destroyed) sendJson(res, failure.code, failure, method, pretty);
    }
    if (logged) logActivity(services, req, requestUri(rawPath, routed, q === -1 ? null : rawQuery), status, auth, failure);
  };
}

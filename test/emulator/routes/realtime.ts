/** GET/POST /api/realtime — apis/realtime.go */
import type { Ctx, Reply } from '../http/context.ts';
import type { Router } from '../http/router.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { bindOr400 } from '../http/bind.ts';
import { check, collect, length, required } from '../schema/ozzo.ts';
import type { RealtimeBroker } from '../realtime/broker.ts';

function connect(broker: RealtimeBroker) {
  return (ctx: Ctx): Reply => {
    const client = broker.register(ctx.res);
    ctx.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=UTF-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    broker.send(client, 'PB_CONNECT', `{"clientId":"${client.id}"}`);
    client.idleTimer = setTimeout(() => {
      broker.unregister(client);
      ctx.res.end();
    }, ctx.services.realtimeIdleTimeoutMs);
    ctx.res.on('close', () => broker.unregister(client));
    return null;
  };
}

function subscribe(broker: RealtimeBroker) {
  return async (ctx: Ctx): Promise<Reply> => {
    const form = await bindOr400(ctx, { clientId: 'string', subscriptions: 'strings' }, '');
    const clientId = typeof form.clientId === 'string' ? form.clientId : '';
    const errors = collect({ clientId: check(clientId, required, length(1, 255)) });
    if (Object.keys(errors).length > 0) throw badRequest('', errors);
    const client = broker.find(clientId);
    if (!client) throw notFound('Missing or invalid client id.');
    const oldAuthId = client.userId || client.adminId;
    const newAuthId = ctx.auth.user?.id ?? ctx.auth.admin?.id ?? '';
    if (oldAuthId !== '' && oldAuthId !== newAuthId) {
      throw forbidden("The current and the previous request authorization don't match.");
    }
    client.adminId = ctx.auth.admin?.id ?? '';
    client.userId = ctx.auth.user?.id ?? '';
    const subs = Array.isArray(form.subscriptions) ? (form.subscriptions as string[]) : [];
    client.subscriptions = new Set(subs.filter((s) => s !== ''));
    return { status: 204 };
  };
}

export function registerRealtimeRoutes(router: Router, broker: RealtimeBroker): void {
  router.add('GET', '/api/realtime', connect(broker));
  router.add('POST', '/api/realtime', subscribe(broker));
}

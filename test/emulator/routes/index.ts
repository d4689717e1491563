/** Registers every API route group, in the order apis/base.go binds them. */
import type { Router } from '../http/router.ts';
import { EchoHttpError } from '../http/errors.ts';
import type { RealtimeBroker } from '../realtime/broker.ts';
import { registerAdminRoutes } from './admins.ts';
import { registerCollectionRoutes } from './collections.ts';
import { registerUserRoutes } from './users.ts';
import { registerFileRoutes } from './files.ts';
import { registerLogRoutes } from './logs.ts';
import { registerSettingsRoutes } from './settings.ts';
import { registerRecordRoutes } from './records.ts';
import { registerRealtimeRoutes } from './realtime.ts';

export function registerAllRoutes(router: Router, broker: RealtimeBroker): void {
  registerSettingsRoutes(router);
  registerAdminRoutes(router);
  registerUserRoutes(router);
  registerCollectionRoutes(router);
  registerRecordRoutes(router);
  registerFileRoutes(router);
  registerRealtimeRoutes(router, broker);
  registerLogRoutes(router);
  // the `/api/*` catch-all (logged, answers echo.ErrNotFound) for every method echo's Any() covers
  for (const method of ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PUT', 'TRACE', 'REPORT']) {
    router.add(method, '/api/*', () => {
      throw new EchoHttpError(404, 'Not Found');
    });
  }
}

/** Registers every API route group, in the order apis/base.go binds them. */
import type { Router } from '../http/router.ts';
import type { RealtimeBroker } from '../realtime/broker.ts';
import { registerCollectionRoutes } from './collections.ts';
import { registerRecordRoutes } from './records.ts';
import { registerRealtimeRoutes } from './realtime.ts';

export function registerAllRoutes(router: Router, broker: RealtimeBroker): void {
  registerCollectionRoutes(router);
  registerRecordRoutes(router);
  registerRealtimeRoutes(router, broker);
}

/**
 * The hub's route table: every area's routes, concatenated. An area adds a module beside these
 * (counting-routes.ts, settlement-routes.ts, anomaly-routes.ts, policy-routes.ts, roster-routes.ts …)
 * exporting its `readonly HubRoute[]`, and one line here. The OpenAPI document is generated from
 * this table, so a new route is documented by being added.
 */
import type { HubRoute } from '../route.js';
import { accountRoutes } from './account-routes.js';
import { anomalyRoutes } from './anomaly-routes.js';
import { canteenRoutes } from './canteen-routes.js';
import { countingRoutes } from './counting-routes.js';
import { deviceRoutes } from './device-routes.js';
import { downlinkRoutes } from './downlink-routes.js';
import { openapiRoute } from './openapi-route.js';
import { overviewRoutes } from './overview-routes.js';
import { policyRoutes } from './policy-routes.js';
import { rosterRoutes } from './roster-routes.js';
import { sessionRoutes } from './session-routes.js';
import { tokenRoutes } from './token-routes.js';

/** Every route but the OpenAPI document's own. */
export function apiRoutes(): readonly HubRoute[] {
  return [...sessionRoutes, ...accountRoutes, ...tokenRoutes, ...canteenRoutes, ...deviceRoutes, ...policyRoutes, ...downlinkRoutes, ...countingRoutes, ...anomalyRoutes, ...rosterRoutes, ...overviewRoutes];
}

export function hubRoutes(extra: readonly HubRoute[] = []): readonly HubRoute[] {
  const routes: HubRoute[] = [...apiRoutes(), ...extra];
  // The document describes the whole table, its own route included.
  routes.push(openapiRoute(() => routes));
  return routes;
}

/** The district overview: every canteen's last upload, today's meals and open anomalies in one answer. */
import { OVERVIEW_PATH, overviewSchema } from '../../../shared/hub-api/overview-views.js';
import { districtOverview } from '../../overview/index.js';
import { valueOr } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { signedIn } from './route-helpers.js';

export const overviewRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: OVERVIEW_PATH,
    tag: 'counting',
    summary:
      "The district's overview: every canteen with its kiosks (active / revoked), last upload, worst kiosk clock skew, today's meals (the district's calendar) and open anomalies, and the district's totals.",
    auth: 'session',
    scope: 'counts:read',
    response: overviewSchema,
    async handler({ db, actor, now }) {
      const account = signedIn(actor);
      return { body: valueOr(await districtOverview(db, account, { districtId: account.districtId, now })) };
    },
  }),
];

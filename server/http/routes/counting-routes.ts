/**
 * Counting over HTTP: daily meal counts, the month's settlement and its approval (admin), and the
 * average daily elders per canteen (grading). Each reads only the caller's own district: the
 * district comes from the account, never from the request. Every table is exportable.
 */
import { z } from 'zod';
import { localDateSchema } from '../../../shared/dates.js';
import { averageEldersViewSchema, dailyCountsViewSchema, settlementApprovalSchema, settlementViewSchema } from '../../../shared/hub-api/counting-views.js';
import { monthSchema } from '../../../shared/hub-api/policy-views.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { message } from '../../../shared/i18n/index.js';
import type { HubRefusal } from '../../accounts/index.js';
import { approveSettlement, averageDailyElders, dailyCounts, settlement } from '../../counting/index.js';
import { averageEldersTable, dailyCountsTable, settlementTable } from '../../export/index.js';
import { HttpError, refusalError } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { signedIn } from './route-helpers.js';

/** Refusal kinds of counting that the generic table would answer as 400 but are not the caller's input. */
const STATUS: Readonly<Record<string, number>> = { notEnded: 409, unchanged: 409, conflict: 409 };

function countingRefusal(refusal: HubRefusal<string>): HttpError {
  const status = STATUS[refusal.kind];
  return status === undefined ? refusalError(refusal) : new HttpError(status, refusal.kind, refusal.message);
}

function valueOrRefused<T>(result: { ok: true; value: T } | { ok: false; error: HubRefusal<string> }): T {
  if (!result.ok) throw countingRefusal(result.error);
  return result.value;
}

const monthParams = z.strictObject({ month: monthSchema });

export const countingRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.countsDaily,
    tag: 'counting',
    summary: 'Daily meal counts per canteen × date × period × age band (from–to inclusive; one canteen with canteenId). Exportable: ?format=csv|xlsx|json.',
    auth: 'session',
    scope: 'counts:read',
    query: z.strictObject({
      from: localDateSchema,
      to: localDateSchema,
      canteenId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    }),
    response: dailyCountsViewSchema,
    exportable: { table: (body) => dailyCountsTable(body) },
    async handler({ db, actor, query }) {
      const account = signedIn(actor);
      const counts = await dailyCounts(db, account, { districtId: account.districtId, from: query.from, to: query.to, canteenId: query.canteenId ?? null });
      // The account reads its own district, so 'forbidden' here means the canteen is another district's:
      // answered like a canteen that does not exist, so nobody learns what other districts have.
      if (!counts.ok && counts.error.kind === 'forbidden' && query.canteenId !== undefined) throw new HttpError(404, 'unknown', message('hub.canteen.unknown'));
      return { body: valueOrRefused(counts) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.settlement,
    tag: 'counting',
    summary: "The month's settlement per canteen and funding source, its state (draft, approved, changed since approval) and approvals. Exportable: one row per canteen.",
    auth: 'session',
    scope: 'counts:read',
    params: monthParams,
    response: settlementViewSchema,
    exportable: { table: (body) => settlementTable(body) },
    async handler({ db, actor, params }) {
      const account = signedIn(actor);
      return { body: valueOrRefused(await settlement(db, account, { districtId: account.districtId, month: params.month })) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.settlementApprove,
    tag: 'counting',
    summary: "Approves the month's settlement as it stands (admin), once the month has ended; a later amendment shows as 'changed' and may be approved again.",
    auth: 'admin',
    params: monthParams,
    response: settlementApprovalSchema,
    async handler({ db, actor, params, now }) {
      const admin = signedIn(actor);
      return { body: valueOrRefused(await approveSettlement(db, admin, { districtId: admin.districtId, month: params.month, now })) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.grading,
    tag: 'counting',
    summary: 'Average daily elders per canteen in the month (canteen grading: 20 or more a day). Exportable: ?format=csv|xlsx|json.',
    auth: 'session',
    scope: 'counts:read',
    params: monthParams,
    response: averageEldersViewSchema,
    exportable: { table: (body) => averageEldersTable(body) },
    async handler({ db, actor, params }) {
      const account = signedIn(actor);
      return { body: valueOrRefused(await averageDailyElders(db, account, { districtId: account.districtId, month: params.month })) };
    },
  }),
];

/**
 * Anomalies over HTTP: the district's list (filtered, paged by cursor), one with the ledger records
 * behind it, and resolving one with a note (admin). Another district's anomaly answers exactly like
 * one that does not exist (404).
 */
import { z } from 'zod';
import { localDateSchema } from '../../../shared/dates.js';
import { anomalyDetailSchema, anomalyKindSchema, anomalyPageSchema, anomalySchema, anomalyStatusSchema } from '../../../shared/hub-api/counting-views.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import type { HubRefusal } from '../../accounts/index.js';
import { getAnomaly, listAnomalies, MAX_PAGE, NOTE_MAX, resolveAnomaly } from '../../anomalies/index.js';
import { anomaliesTable } from '../../export/index.js';
import { HttpError, notFound, refusalError } from '../http-error.js';
import { defineRoute } from '../route.js';
import type { HubRoute } from '../route.js';
import { idParamsSchema, signedIn } from './route-helpers.js';

/** The account reads its own district, so 'forbidden' on one anomaly means it is another district's: 404 like none. */
function hidingOthers(refusal: HubRefusal<string>): HttpError {
  if (refusal.kind === 'forbidden' || refusal.kind === 'unknown') return notFound();
  // Resolving one already resolved: the state, not the input, is in the way.
  if (refusal.kind === 'resolved') return new HttpError(409, refusal.kind, refusal.message);
  return refusalError(refusal);
}

export const anomalyRoutes: readonly HubRoute[] = [
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.anomalies,
    tag: 'anomalies',
    summary: `The district's anomalies, newest first, filtered by status, kind, canteen and service dates; ?limit (at most ${MAX_PAGE}) and ?cursor page on. Exportable: ?format=csv|xlsx|json.`,
    auth: 'session',
    scope: 'counts:read',
    query: z.strictObject({
      status: anomalyStatusSchema.optional(),
      kind: anomalyKindSchema.optional(),
      canteenId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
      from: localDateSchema.optional(),
      to: localDateSchema.optional(),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
      cursor: z.string().min(1).max(200).optional(),
    }),
    response: anomalyPageSchema,
    exportable: { table: (body, locale) => anomaliesTable(body.anomalies, locale) },
    async handler({ db, actor, query }) {
      const account = signedIn(actor);
      const page = await listAnomalies(db, account, {
        districtId: account.districtId,
        status: query.status,
        kind: query.kind,
        canteenId: query.canteenId ?? null,
        from: query.from,
        to: query.to,
        limit: query.limit,
        cursor: query.cursor ?? null,
      });
      if (!page.ok) throw refusalError(page.error);
      return { body: page.value };
    },
  }),
  defineRoute({
    method: 'GET',
    path: HUB_PATHS.anomaly,
    tag: 'anomalies',
    summary: 'One anomaly with the ledger records behind it.',
    auth: 'session',
    scope: 'counts:read',
    params: idParamsSchema,
    response: anomalyDetailSchema,
    async handler({ db, actor, params }) {
      const found = await getAnomaly(db, signedIn(actor), params.id);
      if (!found.ok) throw hidingOthers(found.error);
      return { body: found.value };
    },
  }),
  defineRoute({
    method: 'POST',
    path: HUB_PATHS.anomalyResolve,
    tag: 'anomalies',
    summary: 'Resolves an anomaly with a note saying what was found and done (admin).',
    auth: 'admin',
    params: idParamsSchema,
    body: z.strictObject({ note: z.string().min(1).max(NOTE_MAX) }),
    response: anomalySchema,
    async handler({ db, actor, params, body, now }) {
      const resolved = await resolveAnomaly(db, signedIn(actor), { id: params.id, note: body.note, now });
      if (!resolved.ok) throw hidingOthers(resolved.error);
      return { body: resolved.value };
    },
  }),
];

/**
 * The district overview (GET /api/v1/overview): every canteen of one district with its kiosks, last
 * upload, worst kiosk clock, today's meals and open anomalies — in one statement, plus one count for
 * the district-wide anomalies, whatever the number of canteens. The web app used to ask once per
 * canteen; a city district has 2,000 of them.
 *
 * Each part is an aggregate over an index that starts with the district (or the canteen):
 * canteens_district_name_key, devices_canteen_idx, daily_counts_district_date_idx (today only) and
 * anomalies_district_status_idx (open only), so the work grows with the district, never the hub.
 */
import { z } from 'zod';
import { toLocal } from '../../shared/dates.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Overview, OverviewCanteen } from '../../shared/hub-api/overview-views.js';
import { requireMemberOf } from '../accounts/index.js';
import type { Actor, HubRefusal } from '../accounts/index.js';
import { SERVICE_TIME_ZONE } from '../counting/index.js';
import { dbCount, dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';

const canteenRow = z.object({
  id: dbInt,
  name: z.string(),
  region_code: z.string(),
  active_devices: dbCount,
  revoked_devices: dbCount,
  last_upload_at: dbInstant.nullable(),
  worst_clock_skew_ms: dbInt.nullable(),
  meals_today: dbCount,
  claimable_today: dbCount,
  open_anomalies: dbCount,
});

// $1 the district, $2 today's service date. The CTEs aggregate first and join after, so each
// canteen is one row however many kiosks, count cells and anomalies it has.
const CANTEENS_SQL = `
WITH kiosks AS (
  SELECT d.canteen_id,
         count(*) FILTER (WHERE d.revoked_at IS NULL) AS active_devices,
         count(*) FILTER (WHERE d.revoked_at IS NOT NULL) AS revoked_devices,
         -- Kiosks still in use only: a canteen whose new kiosk is silent must not look fine
         -- because the one it replaced uploaded yesterday.
         max(d.last_upload_at) FILTER (WHERE d.revoked_at IS NULL) AS last_upload_at,
         -- The skew furthest from zero, its sign kept (ahead or behind), of kiosks still in use.
         (array_agg(d.last_clock_skew_ms ORDER BY abs(d.last_clock_skew_ms) DESC)
            FILTER (WHERE d.revoked_at IS NULL AND d.last_clock_skew_ms IS NOT NULL))[1] AS worst_clock_skew_ms
    FROM devices d JOIN canteens c ON c.id = d.canteen_id
   WHERE c.district_id = $1
   GROUP BY d.canteen_id
), today AS (
  SELECT x.canteen_id, sum(x.meals) AS meals, coalesce(sum(x.meals) FILTER (WHERE x.claimable), 0) AS claimable
    FROM daily_counts x
   WHERE x.district_id = $1 AND x.service_date = $2::date
   GROUP BY x.canteen_id
), unresolved AS (
  SELECT a.canteen_id, count(*) AS n
    FROM anomalies a
   WHERE a.district_id = $1 AND a.status = 'open' AND a.canteen_id IS NOT NULL
   GROUP BY a.canteen_id
)
SELECT c.id, c.name, c.region_code,
       coalesce(k.active_devices, 0) AS active_devices,
       coalesce(k.revoked_devices, 0) AS revoked_devices,
       k.last_upload_at,
       k.worst_clock_skew_ms,
       coalesce(t.meals, 0) AS meals_today,
       coalesce(t.claimable, 0) AS claimable_today,
       coalesce(o.n, 0) AS open_anomalies
  FROM canteens c
  LEFT JOIN kiosks k ON k.canteen_id = c.id
  LEFT JOIN today t ON t.canteen_id = c.id
  LEFT JOIN unresolved o ON o.canteen_id = c.id
 WHERE c.district_id = $1
 ORDER BY c.name, c.id`;

/** Every open anomaly of the district, the ones tied to no canteen too (a batch from an unknown kiosk). */
const OPEN_SQL = `SELECT count(*) AS n FROM anomalies WHERE district_id = $1 AND status = 'open'`;

/** Today in the district's calendar: the canteens' time zone, never the hub machine's. */
export function districtToday(now: string): string {
  return toLocal(Date.parse(now), SERVICE_TIME_ZONE).date;
}

export async function districtOverview(
  db: HubQueries,
  actor: Actor,
  q: { readonly districtId: number; readonly now: string },
): Promise<Result<Overview, HubRefusal<'forbidden'>>> {
  const allowed = requireMemberOf(actor, q.districtId);
  if (!allowed.ok) return allowed;
  const today = districtToday(q.now);
  const rows = await db.query(CANTEENS_SQL, [q.districtId, today], canteenRow);
  const [open] = await db.query(OPEN_SQL, [q.districtId], z.object({ n: dbCount }));
  const canteens: OverviewCanteen[] = rows.map((r) => ({
    canteenId: r.id,
    name: r.name,
    regionCode: r.region_code,
    activeDevices: r.active_devices,
    revokedDevices: r.revoked_devices,
    lastUploadAt: r.last_upload_at,
    worstClockSkewMs: r.worst_clock_skew_ms,
    mealsToday: r.meals_today,
    claimableToday: r.claimable_today,
    openAnomalies: r.open_anomalies,
  }));
  const sum = (pick: (c: OverviewCanteen) => number): number => canteens.reduce((n, c) => n + pick(c), 0);
  return ok({
    districtId: q.districtId,
    today,
    asOf: q.now,
    canteens,
    totals: {
      canteens: canteens.length,
      activeDevices: sum((c) => c.activeDevices),
      revokedDevices: sum((c) => c.revokedDevices),
      mealsToday: sum((c) => c.mealsToday),
      claimableToday: sum((c) => c.claimableToday),
      openAnomalies: open?.n ?? 0,
    },
  });
}

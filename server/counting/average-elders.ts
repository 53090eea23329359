/**
 * Average daily elders per canteen, for grading canteens (a canteen serving 20+ elders a day on
 * average earns a higher class and a larger grant). True elders, not claimed meals: distinct elders
 * with a claimable, not voided meal, per canteen-day, averaged over the days the canteen served.
 * This one reads the meals (distinct elders cannot be rolled up by adding), through
 * meals_district_date_idx, once a month per district.
 */
import { z } from 'zod';
import { dbCount, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { AverageEldersView } from '../../shared/hub-api/counting-views.js';
import type { Actor } from '../accounts/accounts.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { requireReader } from './access.js';
import type { ReadRefusal } from './access.js';
import { checkMonth } from './range.js';

/** The grading line: elders a day on average. */
export const GRADE_ELDERS_PER_DAY = 20;

const row = z.object({
  canteen_id: dbInt,
  canteen_name: z.string(),
  days_served: dbCount,
  elder_days: dbCount,
  distinct_elders: dbCount,
});

export async function averageDailyElders(db: HubQueries, actor: Actor, q: { readonly districtId: number; readonly month: string }): Promise<Result<AverageEldersView, ReadRefusal | HubRefusal<'badMonth'>>> {
  const allowed = await requireReader(db, actor, q.districtId);
  if (!allowed.ok) return allowed;
  const range = checkMonth(q.month);
  if (!range.ok) return range;
  const rows = await db.query(
    // Nested GROUP BYs instead of count(DISTINCT …): hash aggregates, where DISTINCT would sort
    // the month's millions of meals.
    `WITH served AS (
       SELECT canteen_id, service_date, elder_id
         FROM meals
        WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
          AND claimable AND voided_seq IS NULL AND elder_id IS NOT NULL
        GROUP BY canteen_id, service_date, elder_id
     ),
     per_day AS (
       SELECT canteen_id, service_date, count(*) AS elders FROM served GROUP BY canteen_id, service_date
     ),
     per_canteen AS (
       SELECT canteen_id, count(*) AS days_served, sum(elders) AS elder_days FROM per_day GROUP BY canteen_id
     ),
     distinct_month AS (
       SELECT canteen_id, count(*) AS distinct_elders
         FROM (SELECT canteen_id, elder_id FROM served GROUP BY canteen_id, elder_id) e
        GROUP BY canteen_id
     )
     SELECT c.id AS canteen_id, c.name AS canteen_name,
            COALESCE(p.days_served, 0) AS days_served, COALESCE(p.elder_days, 0) AS elder_days,
            COALESCE(d.distinct_elders, 0) AS distinct_elders
       FROM canteens c
       LEFT JOIN per_canteen p ON p.canteen_id = c.id
       LEFT JOIN distinct_month d ON d.canteen_id = c.id
      WHERE c.district_id = $1
      ORDER BY c.name, c.id`,
    [q.districtId, range.value.from, range.value.to],
    row,
  );
  return ok({
    districtId: q.districtId,
    month: q.month,
    rows: rows.map((r) => ({
      canteenId: r.canteen_id,
      canteenName: r.canteen_name,
      daysServed: r.days_served,
      elderDays: r.elder_days,
      // Rounded for display only; the grading decision below is made on the exact integers.
      averageDailyElders: r.days_served === 0 ? 0 : Math.round((r.elder_days * 100) / r.days_served) / 100,
      distinctElders: r.distinct_elders,
      atLeast20: r.days_served > 0 && r.elder_days >= GRADE_ELDERS_PER_DAY * r.days_served,
    })),
  });
}

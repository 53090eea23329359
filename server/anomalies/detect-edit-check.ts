/**
 * The edit check: claimable meals in one canteen × date × period × age band above the canteen's
 * eligible elders in that band (eligible-population.ts says what "eligible" means today).
 */
import { z } from 'zod';
import { dbCount, dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import type { DateRange } from '../counting/range.js';
import { BOUNDED_BY_DAILY_DISTINCT, ELIGIBLE_BASIS, eligiblePopulationSql } from './eligible-population.js';
import { REPEATED_TABLE } from './repeated-elders.js';
import { writeCellAnomalies } from './write-cells.js';

const cellRow = z.object({
  canteen_id: dbInt,
  service_date: dbLocalDate,
  period_id: z.string(),
  age_band: z.string(),
  meals: dbCount,
  eligible: dbCount,
});

export async function detectEditCheck(db: HubQueries, districtId: number, range: DateRange, now: string): Promise<number> {
  // Candidate cells: every claimable cell of the range, or — when the population can never be below
  // a day's distinct elders — only the cells where some elder ate more than once in the period
  // (found from the month's repeated elders, so this reads a few meals, not the month's millions).
  const candidates = BOUNDED_BY_DAILY_DISTINCT
    ? `SELECT DISTINCT canteen_id, service_date, period_id, age_band FROM (
         SELECT m.canteen_id, m.service_date, m.period_id, m.age_band
           FROM ${REPEATED_TABLE} r
           JOIN meals m ON m.elder_id = r.elder_id AND m.service_date = r.service_date AND m.period_id = r.period_id
          WHERE m.district_id = $1 AND m.claimable AND m.voided_seq IS NULL AND r.service_date BETWEEN $2::date AND $3::date
          GROUP BY m.canteen_id, m.service_date, m.period_id, m.age_band, m.elder_id
         HAVING sum(m.quantity) > 1
       ) repeated`
    : `SELECT canteen_id, service_date, period_id, age_band
         FROM daily_counts
        WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date AND claimable`;
  const cells = await db.query(
    `WITH candidates AS (${candidates}),
          eligible AS (${eligiblePopulationSql('candidates')})
     SELECT dc.canteen_id, dc.service_date, dc.period_id, dc.age_band, dc.meals, e.eligible
       FROM candidates k
       JOIN daily_counts dc ON dc.canteen_id = k.canteen_id AND dc.service_date = k.service_date
                           AND dc.period_id = k.period_id AND dc.age_band = k.age_band AND dc.claimable
       JOIN eligible e ON e.canteen_id = dc.canteen_id AND e.age_band = dc.age_band
      WHERE dc.meals > e.eligible
      ORDER BY dc.canteen_id, dc.service_date, dc.period_id, dc.age_band`,
    [districtId, range.from, range.to],
    cellRow,
  );
  return writeCellAnomalies(
    db,
    districtId,
    'editCheck',
    cells.map((c) => ({
      canteenId: c.canteen_id,
      serviceDate: c.service_date,
      dedupeKey: `editCheck|${c.canteen_id}|${c.service_date}|${c.period_id}|${c.age_band}`,
      details: { periodId: c.period_id, ageBand: c.age_band, meals: c.meals, eligible: c.eligible, basis: ELIGIBLE_BASIS },
      periodId: c.period_id,
      ageBand: c.age_band,
    })),
    now,
  );
}

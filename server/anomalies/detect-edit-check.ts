/**
 * The edit check: claimable meals in one canteen × date × period × age band above the canteen's
 * eligible elders in that band (eligible-population.ts: the master roster, or a stand-in while the
 * district has none — the anomaly's details say which, as `basis`).
 */
import { z } from 'zod';
import { dbCount, dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries, HubTx } from '../db/index.js';
import type { DateRange } from '../counting/range.js';
import { boundedByDailyDistinct, CANTEEN_TOWN_SQL, ROSTER_SWITCHED_CTE, rosterEligibleSql, servedEldersSql } from './eligible-population.js';
import type { EligibleBasis } from './eligible-population.js';
import type { CandidateElder } from './month-elders.js';
import { collectRepeatedElders, REPEATED_TABLE } from './repeated-elders.js';
import { writeCellAnomalies } from './write-cells.js';

const cellRow = z.object({
  canteen_id: dbInt,
  service_date: dbLocalDate,
  period_id: z.string(),
  age_band: z.string(),
  meals: dbCount,
  eligible: dbCount,
});
type Cell = z.infer<typeof cellRow>;

/** `basis`: eligibleBasis of the district; `candidates`: the range's candidateElders (with repeats when bounded). */
export async function detectEditCheck(tx: HubTx, districtId: number, range: DateRange, now: string, basis: EligibleBasis, candidates: readonly CandidateElder[]): Promise<number> {
  const cells = boundedByDailyDistinct(basis) ? await servedEldersCells(tx, districtId, range, candidates) : await rosterCells(tx, districtId, range);
  return writeCellAnomalies(
    tx,
    districtId,
    'editCheck',
    cells.map((c) => ({
      canteenId: c.canteen_id,
      serviceDate: c.service_date,
      dedupeKey: `editCheck|${c.canteen_id}|${c.service_date}|${c.period_id}|${c.age_band}`,
      details: { periodId: c.period_id, ageBand: c.age_band, meals: c.meals, eligible: c.eligible, basis },
      periodId: c.period_id,
      ageBand: c.age_band,
    })),
    now,
  );
}

/** Every claimable cell of the range (the daily counts: a few rows per canteen-day) against the roster. */
async function rosterCells(db: HubQueries, districtId: number, range: DateRange): Promise<Cell[]> {
  return db.query(
    `WITH cells AS (
       SELECT d.canteen_id, ${CANTEEN_TOWN_SQL} AS town, d.service_date, d.period_id, d.age_band, d.meals
         FROM daily_counts d JOIN canteens c ON c.id = d.canteen_id
        WHERE d.district_id = $1 AND d.service_date BETWEEN $2::date AND $3::date AND d.claimable AND d.meals > 0
     ),
     ${ROSTER_SWITCHED_CTE},
     eligible AS (${rosterEligibleSql('cells')})
     SELECT k.canteen_id, k.service_date, k.period_id, k.age_band, k.meals, coalesce(e.eligible, 0) AS eligible
       FROM cells k
       LEFT JOIN eligible e ON e.town = k.town AND e.service_date = k.service_date AND e.age_band = k.age_band
      WHERE k.meals > coalesce(e.eligible, 0)
      ORDER BY k.canteen_id, k.service_date, k.period_id, k.age_band`,
    [districtId, range.from, range.to],
    cellRow,
  );
}

/**
 * The stand-in can only be exceeded where an elder ate more than once in a period, so only those
 * cells are candidates (found from the month's repeated elders: a few meals, not the month's millions).
 */
async function servedEldersCells(tx: HubTx, districtId: number, range: DateRange, candidates: readonly CandidateElder[]): Promise<Cell[]> {
  await collectRepeatedElders(tx, districtId, range, candidates);
  return tx.query(
    `WITH candidates AS (
       SELECT DISTINCT canteen_id, service_date, period_id, age_band FROM (
         SELECT m.canteen_id, m.service_date, m.period_id, m.age_band
           FROM ${REPEATED_TABLE} r
           JOIN meals m ON m.elder_id = r.elder_id AND m.service_date = r.service_date AND m.period_id = r.period_id
          WHERE m.district_id = $1 AND m.claimable AND m.voided_seq IS NULL AND r.service_date BETWEEN $2::date AND $3::date
          GROUP BY m.canteen_id, m.service_date, m.period_id, m.age_band, m.elder_id
         HAVING sum(m.quantity) > 1
       ) repeated
     ),
     eligible AS (${servedEldersSql('candidates')})
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
}

/**
 * For the edit check's stand-in population only (a district with no roster yet,
 * eligible-population.ts): every (elder, date, period) with more than one claimable meal, with the
 * lowest and highest canteen it was served in. The month's pass (month-elders.ts) names the few
 * elders who ate twice in some period; only their meals are read here, through meals_elder_idx,
 * never the month's millions. Kept in a temporary table that the transaction drops when it ends.
 */
import { jsonParam } from '../db/index.js';
import type { HubTx } from '../db/index.js';
import type { DateRange } from '../counting/range.js';
import type { CandidateElder } from './month-elders.js';

export const REPEATED_TABLE = 'repeated_elder_periods';

/** `candidates`: the range's candidateElders, asked with repeats. */
export async function collectRepeatedElders(tx: HubTx, districtId: number, range: DateRange, candidates: readonly CandidateElder[]): Promise<void> {
  await tx.execute(
    `CREATE TEMPORARY TABLE ${REPEATED_TABLE} (
       elder_id text NOT NULL, service_date date NOT NULL, period_id text NOT NULL,
       first_canteen bigint NOT NULL, last_canteen bigint NOT NULL, meals bigint NOT NULL
     ) ON COMMIT DROP`,
  );
  await tx.execute(
    `INSERT INTO ${REPEATED_TABLE} (elder_id, service_date, period_id, first_canteen, last_canteen, meals)
     SELECT m.elder_id, m.service_date, m.period_id, min(m.canteen_id), max(m.canteen_id), sum(m.quantity)
       FROM (SELECT DISTINCT jsonb_array_elements_text($4::jsonb) AS elder_id) c
       JOIN meals m ON m.elder_id = c.elder_id
      WHERE m.district_id = $1 AND m.service_date BETWEEN $2::date AND $3::date
        AND m.claimable AND m.voided_seq IS NULL
      GROUP BY m.elder_id, m.service_date, m.period_id
     HAVING sum(m.quantity) > 1`,
    [districtId, range.from, range.to, jsonParam(candidates.filter((c) => c.repeated).map((c) => c.elder_id))],
  );
  // Autovacuum never analyses a temporary table: without this the planner guesses its size and may
  // join it to the meals by a full scan instead of through meals_elder_idx.
  await tx.execute(`ANALYZE ${REPEATED_TABLE}`);
}

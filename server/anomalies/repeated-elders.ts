/**
 * For the edit check's stand-in population only (a district with no roster yet,
 * eligible-population.ts): every (elder, date, period) with more than one claimable meal, with the
 * lowest and highest canteen it was served in. Nearly every elder eats once a period, so this is a
 * few rows out of millions, but the GROUP BY has a group per meal: seconds at a city month. A
 * district with a roster never runs it (the duplicate check has its own two-step pass,
 * detect-duplicates.ts). Kept in a temporary table that the transaction drops when it ends.
 */
import type { HubTx } from '../db/index.js';
import type { DateRange } from '../counting/range.js';

export const REPEATED_TABLE = 'repeated_elder_periods';

export async function collectRepeatedElders(tx: HubTx, districtId: number, range: DateRange): Promise<void> {
  // Enough memory for the month's grouping to stay a hash aggregate instead of spilling to disk;
  // LOCAL: for this transaction only.
  await tx.execute(`SET LOCAL work_mem = '64MB'`);
  await tx.execute(
    `CREATE TEMPORARY TABLE ${REPEATED_TABLE} (
       elder_id text NOT NULL, service_date date NOT NULL, period_id text NOT NULL,
       first_canteen bigint NOT NULL, last_canteen bigint NOT NULL, meals bigint NOT NULL
     ) ON COMMIT DROP`,
  );
  await tx.execute(
    `INSERT INTO ${REPEATED_TABLE} (elder_id, service_date, period_id, first_canteen, last_canteen, meals)
     SELECT elder_id, service_date, period_id, min(canteen_id), max(canteen_id), sum(quantity)
       FROM meals
      WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
        AND claimable AND voided_seq IS NULL AND elder_id IS NOT NULL
      GROUP BY elder_id, service_date, period_id
     HAVING sum(quantity) > 1`,
    [districtId, range.from, range.to],
  );
  // Autovacuum never analyses a temporary table: without this the planner guesses its size and may
  // join it to the meals by a full scan instead of through meals_elder_idx.
  await tx.execute(`ANALYZE ${REPEATED_TABLE}`);
}

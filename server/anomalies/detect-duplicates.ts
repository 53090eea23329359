/**
 * The same elder subsidised in two or more canteens in one period of one day (a cloned card, or a
 * card lent out). A meal recorded under a kiosk's old local id counts as the district elder that id
 * was re-keyed to (roster_elder_aliases), so re-keying never hides a duplicate.
 *
 * Two steps, so the month is grouped once, per stored elder id only:
 *   1. the month's pass (month-elders.ts: one parallel GROUP BY elder) gives the stored ids served in
 *      two or more canteens in the range; with every elder that has an alias (aliases are few),
 *      they are the candidates;
 *   2. only the candidates' meals (through meals_elder_idx) are read into a temporary table, their
 *      ids resolved through the aliases, grouped by date and period, and the anomalies and their
 *      records written in one statement.
 * The results are those of grouping every meal by its district elder, because a duplicate's elder
 * is always a candidate: either its meals are stored under its own id (step 1 sees them in two
 * canteens) or some are under an alias (it has one). Most elders eat at one canteen, so step 2 reads
 * a small share of the month. Measured at a city month: docs/hub-counting.md.
 */
import { z } from 'zod';
import { dbCount, jsonParam } from '../db/index.js';
import type { HubTx } from '../db/index.js';
import type { DateRange } from '../counting/range.js';
import type { CandidateElder } from './month-elders.js';

/** The candidates' meals of the range, each with the district elder it counts for; dropped at commit. */
const MOVER_MEALS = 'anomaly_mover_meals';

/** `candidates`: the range's candidateElders (month-elders.ts). */
export async function detectDuplicateElders(tx: HubTx, districtId: number, range: DateRange, now: string, candidates: readonly CandidateElder[]): Promise<number> {
  const aliased = await tx.query(
    `SELECT DISTINCT a.elder_id FROM roster_elder_aliases a JOIN roster_elders e ON e.elder_id = a.elder_id WHERE e.district_id = $1`,
    [districtId],
    z.object({ elder_id: z.string() }),
  );
  const movers = [...new Set([...candidates.filter((c) => c.moved).map((c) => c.elder_id), ...aliased.map((a) => a.elder_id)])];
  if (movers.length === 0) return 0;
  await tx.execute(
    `CREATE TEMPORARY TABLE ${MOVER_MEALS} (
       device_id text NOT NULL, seq bigint NOT NULL, elder_id text NOT NULL, service_date date NOT NULL,
       period_id text NOT NULL, canteen_id bigint NOT NULL, quantity integer NOT NULL
     ) ON COMMIT DROP`,
  );
  await tx.execute(
    `WITH movers AS (SELECT jsonb_array_elements_text($4::jsonb) AS elder_id),
     -- Every id a mover's meals can be stored under: the district id itself (any device) and each
     -- local id a device re-keyed to it (that device only).
     ids AS (
       SELECT elder_id AS stored_id, NULL::text AS device_id, elder_id FROM movers
       UNION ALL
       SELECT a.local_elder_id, a.device_id, a.elder_id FROM movers v JOIN roster_elder_aliases a ON a.elder_id = v.elder_id
     )
     INSERT INTO ${MOVER_MEALS} (device_id, seq, elder_id, service_date, period_id, canteen_id, quantity)
     SELECT m.device_id, m.seq, ids.elder_id, m.service_date, m.period_id, m.canteen_id, m.quantity
       FROM ids
       JOIN meals m ON m.elder_id = ids.stored_id AND (ids.device_id IS NULL OR m.device_id = ids.device_id)
      WHERE m.district_id = $1 AND m.service_date BETWEEN $2::date AND $3::date
        AND m.claimable AND m.voided_seq IS NULL
        -- A meal stored under a local id that its device re-keyed belongs to the alias row only.
        AND (ids.device_id IS NOT NULL OR NOT EXISTS (
              SELECT 1 FROM roster_elder_aliases x WHERE x.device_id = m.device_id AND x.local_elder_id = m.elder_id))`,
    [districtId, range.from, range.to, jsonParam(movers)],
  );
  // Autovacuum never analyses a temporary table: without sizes the planner may join it by nested loops.
  await tx.execute(`ANALYZE ${MOVER_MEALS}`);
  const [row] = await tx.query(
    `WITH dup AS (
       SELECT elder_id, service_date, period_id, count(DISTINCT canteen_id) AS canteens, sum(quantity) AS meals,
              'duplicateElder|' || to_char(service_date, 'YYYY-MM-DD') || '|' || period_id || '|' || elder_id AS dedupe_key
         FROM ${MOVER_MEALS}
        GROUP BY elder_id, service_date, period_id
       HAVING min(canteen_id) <> max(canteen_id)
     ),
     -- The no-op DO UPDATE makes RETURNING give the already-known anomalies too, so a meal of a
     -- third canteen arriving later is added to the existing anomaly's records. xmax = 0: inserted now.
     ins AS (
       INSERT INTO anomalies (district_id, kind, service_date, dedupe_key, details, detected_at)
       SELECT $1, 'duplicateElder', service_date, dedupe_key,
              jsonb_build_object('elderId', elder_id, 'periodId', period_id, 'canteens', canteens, 'meals', meals), $2::timestamptz
         FROM dup
       ON CONFLICT (district_id, dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
       -- The group's key from the row itself, not by joining back to dup on dedupe_key: CTE sizes are
       -- guesses, and a guessed-small join of two CTEs becomes a nested loop of dups × dups.
       RETURNING id, service_date, details->>'elderId' AS elder_id, details->>'periodId' AS period_id, (xmax = 0) AS inserted
     ),
     recs AS (
       INSERT INTO anomaly_records (anomaly_id, device_id, seq)
       SELECT ins.id, mm.device_id, mm.seq
         FROM ins
         JOIN ${MOVER_MEALS} mm ON mm.elder_id = ins.elder_id AND mm.service_date = ins.service_date AND mm.period_id = ins.period_id
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT count(*) FILTER (WHERE inserted) AS added FROM ins`,
    [districtId, now],
    z.object({ added: dbCount }),
  );
  return row?.added ?? 0;
}

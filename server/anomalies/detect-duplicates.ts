/**
 * The same elder subsidised in two or more canteens in one period of one day (a cloned card, or a
 * card lent out). Reads the month's single grouped pass (repeated-elders.ts) — no per-row round
 * trips — and writes the anomalies and their records in one statement.
 */
import { z } from 'zod';
import { dbCount } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { REPEATED_TABLE } from './repeated-elders.js';

export async function detectDuplicateElders(db: HubQueries, districtId: number, now: string): Promise<number> {
  const [row] = await db.query(
    `WITH dup AS (
       SELECT r.elder_id, r.service_date, r.period_id, r.meals,
              (SELECT count(DISTINCT m.canteen_id) FROM meals m
                WHERE m.elder_id = r.elder_id AND m.service_date = r.service_date AND m.period_id = r.period_id
                  AND m.district_id = $1 AND m.claimable AND m.voided_seq IS NULL) AS canteens,
              'duplicateElder|' || to_char(r.service_date, 'YYYY-MM-DD') || '|' || r.period_id || '|' || r.elder_id AS dedupe_key
         FROM ${REPEATED_TABLE} r
        WHERE r.first_canteen <> r.last_canteen
     ),
     -- The no-op DO UPDATE makes RETURNING give the already-known anomalies too, so a meal of a
     -- third canteen arriving later is added to the existing anomaly's records. xmax = 0: inserted now.
     ins AS (
       INSERT INTO anomalies (district_id, kind, service_date, dedupe_key, details, detected_at)
       SELECT $1, 'duplicateElder', service_date, dedupe_key,
              jsonb_build_object('elderId', elder_id, 'periodId', period_id, 'canteens', canteens, 'meals', meals), $2::timestamptz
         FROM dup
       ON CONFLICT (district_id, dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
       RETURNING id, dedupe_key, (xmax = 0) AS inserted
     ),
     recs AS (
       INSERT INTO anomaly_records (anomaly_id, device_id, seq)
       SELECT ins.id, m.device_id, m.seq
         FROM ins JOIN dup ON dup.dedupe_key = ins.dedupe_key
         -- LATERAL: a lookup per duplicate through meals_elder_idx, never a scan of the month.
         CROSS JOIN LATERAL (
           SELECT device_id, seq FROM meals
            WHERE elder_id = dup.elder_id AND service_date = dup.service_date AND period_id = dup.period_id
              AND district_id = $1 AND claimable AND voided_seq IS NULL
         ) m
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT count(*) FILTER (WHERE inserted) AS added FROM ins`,
    [districtId, now],
    z.object({ added: dbCount }),
  );
  return row?.added ?? 0;
}

/**
 * Writes anomalies about canteen-day cells (out of line, edit check) in one statement: the cells go
 * in as one jsonb parameter, the anomalies are inserted idempotently by dedupe_key, and each gets
 * the claimable meals of its cell as its records (all of the day's, or one period × age band).
 */
import { z } from 'zod';
import { dbCount, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';

export interface AnomalyCell {
  readonly canteenId: number;
  readonly serviceDate: string;
  readonly dedupeKey: string;
  readonly details: Readonly<Record<string, string | number>>;
  /** Narrow the records to one period and age band; null: the whole day. Kept in the details too. */
  readonly periodId: string | null;
  readonly ageBand: string | null;
}

export async function writeCellAnomalies(db: HubQueries, districtId: number, kind: 'outOfLine' | 'editCheck', cells: readonly AnomalyCell[], now: string): Promise<number> {
  if (cells.length === 0) return 0;
  const payload = cells.map((c) => ({
    canteen_id: c.canteenId,
    service_date: c.serviceDate,
    dedupe_key: c.dedupeKey,
    // The narrowing travels in the details, where the records' query reads it back (below).
    details: { ...c.details, ...(c.periodId === null ? {} : { periodId: c.periodId }), ...(c.ageBand === null ? {} : { ageBand: c.ageBand }) },
  }));
  const [row] = await db.query(
    `WITH f AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb)
           AS f(canteen_id bigint, service_date date, dedupe_key text, details jsonb)
     ),
     ins AS (
       INSERT INTO anomalies (district_id, canteen_id, kind, service_date, dedupe_key, details, detected_at)
       SELECT $1, canteen_id, $3, service_date, dedupe_key, details, $4::timestamptz FROM f
       ON CONFLICT (district_id, dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
       -- The cell from the row itself, not by joining back to f on dedupe_key: CTE sizes are guesses,
       -- and a guessed-small join of two CTEs becomes a nested loop of cells × cells (minutes at a city).
       RETURNING id, canteen_id, service_date, details->>'periodId' AS period_id, details->>'ageBand' AS age_band, (xmax = 0) AS inserted
     ),
     recs AS (
       INSERT INTO anomaly_records (anomaly_id, device_id, seq)
       SELECT ins.id, m.device_id, m.seq
         FROM ins
         -- LATERAL: each cell's meals through meals_canteen_date_idx, never a scan of the month.
         CROSS JOIN LATERAL (
           SELECT device_id, seq FROM meals
            WHERE canteen_id = ins.canteen_id AND service_date = ins.service_date AND claimable AND voided_seq IS NULL
              AND (ins.period_id IS NULL OR period_id = ins.period_id)
              AND (ins.age_band IS NULL OR age_band = ins.age_band)
         ) m
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT count(*) FILTER (WHERE inserted) AS added FROM ins`,
    [districtId, jsonParam(payload), kind, now],
    z.object({ added: dbCount }),
  );
  return row?.added ?? 0;
}

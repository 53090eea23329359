/**
 * The one pass over a district's month of meals that the month-wide checks share: the elders who
 * could be in an anomaly, so that only their meals are read again.
 *   moved:    served a claimable meal in more than one canteen in the range (a duplicate needs two
 *             canteens; detect-duplicates.ts);
 *   repeated: served more than one claimable meal in some period of some day (the only way to exceed
 *             the edit check's stand-in; repeated-elders.ts) — asked for only when that check runs.
 *
 * Why per elder and not per elder × date × period: that grouping has one group per meal (nearly
 * every elder eats once a period), and at a city month of 6 million meals the per-group work alone
 * is seconds of CPU, as a hash table it needs gigabytes, and it cannot run in parallel to any gain
 * (partial groups do not shrink). Per elder there are a few hundred thousand groups: a parallel
 * hash aggregate in memory. A plain SELECT on purpose: PostgreSQL scans in parallel only for a query
 * that writes nothing.
 *
 * "Repeated" per elder: for each period, a bitmap of the days (a bigint: bit d for the range's day
 * d; ≤ 62 days fit) OR-ed over the elder's meals; the elder ate twice in one period of one day exactly
 * when their meals (sum of quantities) outnumber the bits set over all periods. bit_or aggregates in
 * parallel like min and max, and costs about a tenth of the pass (bit strings cost four times that).
 * A period the range's daily counts do not list sets no bit, which can only add a candidate, never
 * hide one.
 */
import { z } from 'zod';
import { daysBetween } from '../../shared/dates.js';
import type { HubTx } from '../db/index.js';
import type { DateRange } from '../counting/range.js';

/** Days a bigint bitmap holds (bit 63 is the sign): more than MAX_DETECT_DAYS (detect.ts). */
const MAX_BITMAP_DAYS = 63;

const elderRow = z.object({ elder_id: z.string(), moved: z.boolean(), repeated: z.boolean() });
export type CandidateElder = z.infer<typeof elderRow>;

export async function candidateElders(db: HubTx, districtId: number, range: DateRange, withRepeated: boolean): Promise<CandidateElder[]> {
  // Enough memory for the per-elder hash aggregate to stay in memory (a spill to disk costs
  // seconds); it is per worker, and a district's elders take tens of MB. LOCAL: this transaction only.
  await db.execute(`SET LOCAL work_mem = '128MB'`);
  const moved = 'min(canteen_id) <> max(canteen_id)';
  if (!withRepeated) {
    return db.query(
      `SELECT elder_id, true AS moved, false AS repeated
         FROM meals
        WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
          AND claimable AND voided_seq IS NULL AND elder_id IS NOT NULL
        GROUP BY elder_id
       HAVING ${moved}`,
      [districtId, range.from, range.to],
      elderRow,
    );
  }
  if (daysBetween(range.from, range.to) >= MAX_BITMAP_DAYS) throw new RangeError(`candidateElders: a range of at most ${MAX_BITMAP_DAYS} days, got ${range.from}..${range.to}`);
  const periods = (
    await db.query(
      `SELECT DISTINCT period_id FROM daily_counts WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date ORDER BY period_id`,
      [districtId, range.from, range.to],
      z.object({ period_id: z.string() }),
    )
  ).map((p) => p.period_id);
  // Per period ($4, $5 …): the bits of the days it was eaten, counted.
  const daysEaten = periods.map(
    (_, i) => `coalesce(bit_count(bit_or(CASE WHEN period_id = $${i + 4} THEN 1::bigint << (service_date - $2::date) END)::bit(64)), 0)`,
  );
  const repeated = `sum(quantity) > ${daysEaten.length === 0 ? '0' : daysEaten.join(' + ')}`;
  return db.query(
    `SELECT elder_id, ${moved} AS moved, ${repeated} AS repeated
       FROM meals
      WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
        AND claimable AND voided_seq IS NULL AND elder_id IS NOT NULL
      GROUP BY elder_id
     HAVING ${moved} OR ${repeated}`,
    [districtId, range.from, range.to, ...periods],
    elderRow,
  );
}

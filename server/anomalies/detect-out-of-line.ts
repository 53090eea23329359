/** Out-of-line days: the canteens' daily claimable meals from the roll-up, judged by out-of-line-rule.ts. */
import { z } from 'zod';
import { dbCount, dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { addDays } from '../../shared/dates.js';
import type { DateRange } from '../counting/range.js';
import { HISTORY_DAYS, MAD_FACTOR, MIN_DIFFERENCE, MIN_HISTORY, outOfLineDays } from './out-of-line-rule.js';
import type { DayMeals } from './out-of-line-rule.js';
import { writeCellAnomalies } from './write-cells.js';

/**
 * Calendar days read before `from` to find HISTORY_DAYS serving days: a canteen open on weekdays
 * needs ~40; 90 also covers the Spring Festival closure.
 */
export const LOOKBACK_DAYS = 90;

const dayRow = z.object({ canteen_id: dbInt, service_date: dbLocalDate, meals: dbCount });

export async function detectOutOfLine(db: HubQueries, districtId: number, range: DateRange, now: string): Promise<number> {
  const rows = await db.query(
    `SELECT canteen_id, service_date, sum(meals) AS meals
       FROM daily_counts
      WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date AND claimable
      GROUP BY canteen_id, service_date
     HAVING sum(meals) > 0
      ORDER BY canteen_id, service_date`,
    [districtId, addDays(range.from, -LOOKBACK_DAYS), range.to],
    dayRow,
  );
  const byCanteen = new Map<number, DayMeals[]>();
  for (const r of rows) {
    const list = byCanteen.get(r.canteen_id) ?? [];
    list.push({ date: r.service_date, meals: r.meals });
    byCanteen.set(r.canteen_id, list);
  }
  const cells = [...byCanteen.entries()].flatMap(([canteenId, series]) =>
    outOfLineDays(series, range.from, range.to).map((d) => ({
      canteenId,
      serviceDate: d.date,
      dedupeKey: `outOfLine|${canteenId}|${d.date}`,
      details: { meals: d.meals, median: d.median, mad: d.mad, historyDays: d.historyDays, factor: MAD_FACTOR, minDifference: MIN_DIFFERENCE, window: HISTORY_DAYS, minHistory: MIN_HISTORY },
      periodId: null,
      ageBand: null,
    })),
  );
  return writeCellAnomalies(db, districtId, 'outOfLine', cells, now);
}

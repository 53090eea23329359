/**
 * Daily counts: canteen × date × period × age band × claimable, straight from the daily_counts
 * roll-up the ingest keeps (never the meals table), with each canteen-day's close and amendments
 * beside it and a per-date series for the chart.
 */
import { z } from 'zod';
import { dbCount, dbInstant, dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { addDays } from '../../shared/dates.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { CanteenDay, DailyCountsView } from '../../shared/hub-api/counting-views.js';
import type { Actor } from '../accounts/accounts.js';
import { requireReader } from './access.js';
import type { ReadRefusal } from './access.js';
import { checkRange, rangeDays } from './range.js';
import type { RangeRefusal } from './range.js';

/**
 * One canteen's counts may span a year (its annual report); the whole district's are limited to a
 * month at a time, because a city district's month is already ~50 000 rows and the screen pages it.
 */
export const MAX_DAYS_ONE_CANTEEN = 366;
export const MAX_DAYS_DISTRICT = 31;

export interface DailyCountsQuery {
  readonly districtId: number;
  readonly from: string;
  readonly to: string;
  readonly canteenId?: number | null;
}

const countRow = z.object({
  canteen_id: dbInt,
  canteen_name: z.string(),
  service_date: dbLocalDate,
  period_id: z.string(),
  age_band: z.string(),
  claimable: z.boolean(),
  meals: dbCount,
  standard: dbInt,
  personal: dbInt,
  claimed_subsidy: dbInt,
  subsidy: dbInt,
  operator_subsidy: dbInt,
});

const closeRow = z.object({ canteen_id: dbInt, service_date: dbLocalDate, closes: dbCount, mismatches: dbCount });
const amendmentRow = z.object({
  canteen_id: dbInt,
  service_date: dbLocalDate,
  device_id: z.string(),
  seq: dbInt,
  kind: z.enum(['meal', 'void']),
  received_at: dbInstant,
});

export async function dailyCounts(db: HubQueries, actor: Actor, q: DailyCountsQuery): Promise<Result<DailyCountsView, ReadRefusal | RangeRefusal>> {
  const canteenId = q.canteenId ?? null;
  const allowed = await requireReader(db, actor, q.districtId, canteenId);
  if (!allowed.ok) return allowed;
  const range = checkRange(q.from, q.to, canteenId === null ? MAX_DAYS_DISTRICT : MAX_DAYS_ONE_CANTEEN);
  if (!range.ok) return range;
  const { from, to } = range.value;
  // $4 is null for the whole district: one statement either way, served by
  // daily_counts_district_date_idx (or the primary key when a canteen is named).
  const params = [q.districtId, from, to, canteenId];
  const canteenFilter = `($4::bigint IS NULL OR x.canteen_id = $4::bigint)`;

  const rows = await db.query(
    `SELECT x.canteen_id, c.name AS canteen_name, x.service_date, x.period_id, x.age_band, x.claimable,
            x.meals, x.standard, x.personal, x.claimed_subsidy, x.subsidy, x.operator_subsidy
       FROM daily_counts x JOIN canteens c ON c.id = x.canteen_id
      WHERE x.district_id = $1 AND x.service_date BETWEEN $2::date AND $3::date AND ${canteenFilter}
        AND x.meals <> 0  -- a cell whose every meal was voided stays in the roll-up at zero
      ORDER BY x.service_date, c.name, x.canteen_id, x.period_id, x.age_band, x.claimable DESC`,
    params,
    countRow,
  );
  const closes = await db.query(
    `SELECT x.canteen_id, x.service_date, count(*) AS closes, count(*) FILTER (WHERE NOT x.matches) AS mismatches
       FROM day_closes x JOIN canteens c ON c.id = x.canteen_id
      WHERE c.district_id = $1 AND x.service_date BETWEEN $2::date AND $3::date AND ${canteenFilter}
      GROUP BY x.canteen_id, x.service_date`,
    params,
    closeRow,
  );
  const amendments = await db.query(
    `SELECT x.canteen_id, x.service_date, x.device_id, x.seq, x.kind, x.received_at
       FROM count_amendments x JOIN canteens c ON c.id = x.canteen_id
      WHERE c.district_id = $1 AND x.service_date BETWEEN $2::date AND $3::date AND ${canteenFilter}
      ORDER BY x.received_at, x.device_id, x.seq`,
    params,
    amendmentRow,
  );

  const days = new Map<string, { -readonly [K in keyof CanteenDay]: CanteenDay[K] }>();
  const day = (canteen: number, date: string): { -readonly [K in keyof CanteenDay]: CanteenDay[K] } => {
    const key = `${canteen}|${date}`;
    let d = days.get(key);
    if (d === undefined) {
      d = { canteenId: canteen, serviceDate: date, closed: false, closeMismatches: 0, amended: false, amendments: [] };
      days.set(key, d);
    }
    return d;
  };
  for (const r of rows) day(r.canteen_id, r.service_date);
  for (const c of closes) {
    const d = day(c.canteen_id, c.service_date);
    d.closed = c.closes > 0;
    d.closeMismatches = c.mismatches;
  }
  for (const a of amendments) {
    const d = day(a.canteen_id, a.service_date);
    d.amended = true;
    d.amendments = [...d.amendments, { deviceId: a.device_id, seq: a.seq, kind: a.kind, receivedAt: a.received_at }];
  }

  const series = new Map<string, { meals: number; claimableMeals: number; subsidy: number }>();
  for (let d = from; d <= to; d = addDays(d, 1)) series.set(d, { meals: 0, claimableMeals: 0, subsidy: 0 });
  for (const r of rows) {
    const point = series.get(r.service_date);
    if (point === undefined) continue;
    point.meals += r.meals;
    if (r.claimable) point.claimableMeals += r.meals;
    point.subsidy += r.subsidy;
  }
  if (series.size !== rangeDays(range.value)) throw new Error('the series must have one point per day');

  return ok({
    districtId: q.districtId,
    from,
    to,
    canteenId,
    rows: rows.map((r) => ({
      canteenId: r.canteen_id,
      canteenName: r.canteen_name,
      serviceDate: r.service_date,
      periodId: r.period_id,
      ageBand: r.age_band,
      claimable: r.claimable,
      meals: r.meals,
      standard: r.standard,
      personal: r.personal,
      claimedSubsidy: r.claimed_subsidy,
      subsidy: r.subsidy,
      operatorSubsidy: r.operator_subsidy,
    })),
    days: [...days.values()].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.canteenId - b.canteenId),
    series: [...series.entries()].map(([serviceDate, p]) => ({ serviceDate, ...p })),
  });
}

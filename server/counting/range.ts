/**
 * The date ranges counting and detection accept: checked once here, so every query below may trust
 * them. A range is inclusive ('2026-11-01' … '2026-11-30'); a month is 'YYYY-MM'.
 */
import { addDays, daysBetween, daysInMonth, isLocalDate, localToInstant } from '../../shared/dates.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export type RangeRefusal = HubRefusal<'badRange'>;

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/** Whole days in [from, to], both ends counted. */
export function rangeDays(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** A checked inclusive range of at most `maxDays` days. */
export function checkRange(from: string, to: string, maxDays: number): Result<DateRange, RangeRefusal> {
  if (!isLocalDate(from) || !isLocalDate(to)) return refuse('badRange', 'hub.count.badDate');
  if (daysBetween(from, to) < 0) return refuse('badRange', 'hub.count.fromAfterTo', { from, to });
  if (daysBetween(from, to) + 1 > maxDays) return refuse('badRange', 'hub.count.rangeTooLong', { max: maxDays });
  return ok({ from, to });
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthRange extends DateRange {
  readonly month: string;
  /** The first day of the next month: the month has ended once the canteens' calendar reaches it. */
  readonly next: string;
}

export function checkMonth(month: string): Result<MonthRange, HubRefusal<'badMonth'>> {
  const m = MONTH.exec(month);
  if (m === null) return refuse('badMonth', 'hub.count.badMonth');
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const from = `${m[1]}-${m[2]}-01`;
  const to = `${m[1]}-${m[2]}-${String(daysInMonth(year, mon)).padStart(2, '0')}`;
  return ok({ month, from, to, next: addDays(to, 1) });
}

/**
 * The canteens' calendar. China keeps one clock (UTC+8) and service dates are local dates there;
 * a month "has ended" at local midnight of the next month's first day, not at UTC midnight.
 */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

/** The instant (ms) at which a local date begins in the canteens' time zone. */
export function startOfLocalDay(date: string): number {
  return localToInstant(date, '00:00', SERVICE_TIME_ZONE);
}

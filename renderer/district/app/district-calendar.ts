/**
 * The district's calendar. Service dates are local calendar dates (DESIGN.md §3); every district in
 * China keeps Beijing time, so "today" and "last month" are read in Asia/Shanghai whatever zone the
 * staff member's computer is set to (a laptop left on UTC would otherwise show yesterday until 08:00).
 */
import { addDays, monthStart, toLocal } from '../../../shared/dates.js';

export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

export function districtToday(nowMs: number = Date.now()): string {
  return toLocal(nowMs, DISTRICT_TIME_ZONE).date;
}

/** 'YYYY-MM' of the month before the one `date` is in. */
export function previousMonth(date: string): string {
  return addDays(monthStart(date), -1).slice(0, 7);
}

/** The first and last date of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const next = addDays(from, 32).slice(0, 7);
  return { from, to: addDays(`${next}-01`, -1) };
}

/** An instant (UTC ISO) as the district reads it: 'YYYY-MM-DD HH:MM'. */
export function localDateTime(iso: string): string {
  const local = toLocal(Date.parse(iso), DISTRICT_TIME_ZONE);
  return `${local.date} ${local.time.slice(0, 5)}`;
}

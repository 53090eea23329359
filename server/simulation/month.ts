/** Calendar months as the simulation reads them: 'YYYY-MM', its first and last service dates, and "last month". */
import { addDays, monthStart } from '../../shared/dates.js';
import type { LocalDate } from '../../shared/dates.js';

/** The first and last service dates of 'YYYY-MM'. */
export function monthRange(month: string): { from: LocalDate; to: LocalDate } {
  const from = `${month}-01`;
  // 31 days after the 1st is always in the next month; its month start minus a day is our last day.
  return { from, to: addDays(monthStart(addDays(from, 31)), -1) };
}

/** The month before the one holding `today`. */
export function previousMonth(today: LocalDate): string {
  return addDays(monthStart(today), -1).slice(0, 7);
}

/**
 * What an elder already ate, as pricing needs it (limits per period / day / week / month): their
 * check-ins that were not voided, over the week and month around the service date — under their id
 * and under any local id the kiosk re-keyed to it (docs/hub-roster.md): the ledger keeps the old id
 * on meals recorded before a re-key, and a weekly or monthly limit must see them.
 */
import { addDays, monthStart, weekStart } from '../../../shared/dates.js';
import type { EatenMeal } from '../../../shared/pricing/types.js';
import type { ReadHandle } from '../store/open.js';

/**
 * One statement on the check-in's hot path: the elder's old ids are one seek of
 * elder_aliases_by_elder (none for almost every elder), and each id, the elder's own first, one range
 * of ledger_by_elder_date (test/integration/kiosk/checkin-query-plans.test.ts checks both). Arguments:
 * the elder id twice, then the window's first and last date.
 */
export const EATEN_SQL = `
SELECT l.at AS at, l.service_date AS serviceDate, l.period_id AS periodId,
       json_extract(l.body, '$.subsidy') > 0 AS subsidised
FROM ledger l
WHERE l.elder_id IN (SELECT ? UNION ALL SELECT a.old_id FROM elder_aliases a WHERE a.elder_id = ?)
  AND l.service_date BETWEEN ? AND ? AND l.kind = 'checkin'
  AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq)`;

interface EatenRow {
  at: string;
  serviceDate: string;
  periodId: string | null;
  subsidised: number;
}

/** The window that holds every limit's scope: the ISO week and the calendar month of the date. */
export function limitWindow(serviceDate: string): { from: string; to: string } {
  const week0 = weekStart(serviceDate);
  const month0 = monthStart(serviceDate);
  const nextMonth = monthStart(addDays(month0, 31));
  const from = week0 < month0 ? week0 : month0;
  const weekEnd = addDays(week0, 6);
  const monthEnd = addDays(nextMonth, -1);
  return { from, to: weekEnd > monthEnd ? weekEnd : monthEnd };
}

export function mealsEaten(read: ReadHandle, elderId: string, serviceDate: string): EatenMeal[] {
  const { from, to } = limitWindow(serviceDate);
  // Pricing only filters and counts these meals, so their order across ids does not matter.
  return read
    .stmt<EatenRow>(EATEN_SQL)
    .all(elderId, elderId, from, to)
    .map((r) => ({ at: r.at, serviceDate: r.serviceDate, periodId: r.periodId ?? '', subsidised: r.subsidised === 1 }));
}

/**
 * The daily-counts table as the screen shows it: the hub's rows in reading order (date, canteen,
 * period, age band, claimable first), each with its canteen-day's state (closed, amended, close
 * mismatches) so an amended day is marked on every one of its rows, and the totals of the whole
 * filter. Pure, for the screen and the unit tests.
 */
import { AGE_BANDS } from '../../../../shared/pricing/types.js';
import type { CanteenDay, DailyCountRow, DailyCountsView, MealFigures } from '../../../../shared/hub-api/counting-views.js';

export interface CountRow extends DailyCountRow {
  readonly day: CanteenDay | null;
}

const BAND_ORDER: readonly string[] = [...AGE_BANDS, 'none'];
const PERIOD_ORDER: readonly string[] = ['breakfast', 'lunch', 'dinner'];

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

export function dayKey(canteenId: number, serviceDate: string): string {
  return `${canteenId}|${serviceDate}`;
}

export function countRows(view: DailyCountsView): CountRow[] {
  const days = new Map(view.days.map((d) => [dayKey(d.canteenId, d.serviceDate), d]));
  return [...view.rows]
    .sort(
      (a, b) =>
        a.serviceDate.localeCompare(b.serviceDate) ||
        a.canteenName.localeCompare(b.canteenName, 'zh-CN') ||
        a.canteenId - b.canteenId ||
        rank(PERIOD_ORDER, a.periodId) - rank(PERIOD_ORDER, b.periodId) ||
        a.periodId.localeCompare(b.periodId) ||
        rank(BAND_ORDER, a.ageBand) - rank(BAND_ORDER, b.ageBand) ||
        Number(b.claimable) - Number(a.claimable),
    )
    .map((r) => ({ ...r, day: days.get(dayKey(r.canteenId, r.serviceDate)) ?? null }));
}

export function totalsOf(rows: readonly MealFigures[]): MealFigures {
  const sum = (pick: (r: MealFigures) => number): number => rows.reduce((n, r) => n + pick(r), 0);
  return {
    meals: sum((r) => r.meals),
    standard: sum((r) => r.standard),
    personal: sum((r) => r.personal),
    claimedSubsidy: sum((r) => r.claimedSubsidy),
    subsidy: sum((r) => r.subsidy),
    operatorSubsidy: sum((r) => r.operatorSubsidy),
  };
}

/** The canteen-days that changed after they were first counted, with the canteen's name. */
export function amendedDays(view: DailyCountsView): (CanteenDay & { readonly canteenName: string })[] {
  const names = new Map(view.rows.map((r) => [r.canteenId, r.canteenName]));
  return view.days
    .filter((d) => d.amended)
    .map((d) => ({ ...d, canteenName: names.get(d.canteenId) ?? String(d.canteenId) }))
    .sort((a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.canteenId - b.canteenId);
}

/** One page of a long table. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): { rows: readonly T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(at * size, at * size + size), page: at, pages };
}

/**
 * "A day far out of line with the canteen's own history", as a pure rule so it is tested on its own.
 *
 * For each day, the history is the canteen's previous HISTORY_DAYS serving days (days with at least
 * one claimable meal; closed days are not zeros, or every Monday after a weekend would look odd).
 * With at least MIN_HISTORY of them, the day is out of line when its claimable meals differ from
 * the history's median by more than MAD_FACTOR median absolute deviations AND by at least
 * MIN_DIFFERENCE meals. The MAD is robust (one odd day in the history does not hide the next one);
 * it is floored at 1 meal so a perfectly steady canteen is not flagged for one extra meal; the
 * absolute minimum keeps small canteens (8 elders ± 4) out of the list.
 */
export const HISTORY_DAYS = 28;
export const MIN_HISTORY = 10;
export const MAD_FACTOR = 3;
export const MIN_DIFFERENCE = 10;

export interface DayMeals {
  readonly date: string;
  readonly meals: number;
}

export interface OutOfLineDay {
  readonly date: string;
  readonly meals: number;
  readonly median: number;
  readonly mad: number;
  readonly historyDays: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * The days of `series` within [from, to] that are out of line. `series` holds the canteen's serving
 * days in date order, including enough days before `from` to be their history.
 */
export function outOfLineDays(series: readonly DayMeals[], from: string, to: string): OutOfLineDay[] {
  const found: OutOfLineDay[] = [];
  series.forEach((day, i) => {
    if (day.date < from || day.date > to || day.meals <= 0) return;
    const history = series.slice(Math.max(0, i - HISTORY_DAYS), i).filter((d) => d.meals > 0).map((d) => d.meals);
    if (history.length < MIN_HISTORY) return;
    const m = median(history);
    const mad = median(history.map((x) => Math.abs(x - m)));
    const difference = Math.abs(day.meals - m);
    if (difference > MAD_FACTOR * Math.max(mad, 1) && difference >= MIN_DIFFERENCE) {
      found.push({ date: day.date, meals: day.meals, median: m, mad, historyDays: history.length });
    }
  });
  return found;
}

/** The out-of-line rule on its own: median, MAD, minimum history, minimum difference, closed days. */
import { describe, expect, it } from 'vitest';
import { MIN_DIFFERENCE, MIN_HISTORY, median, outOfLineDays } from '../../../server/anomalies/out-of-line-rule.js';
import type { DayMeals } from '../../../server/anomalies/out-of-line-rule.js';
import { addDays } from '../../../shared/dates.js';

function days(start: string, meals: readonly number[]): DayMeals[] {
  return meals.map((m, i) => ({ date: addDays(start, i), meals: m }));
}

describe('out-of-line rule', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('flags a spike and a drop beyond 3 MADs and the minimum difference, not a day within them', () => {
    // History alternating 40 / 44 / 48: median 44, MAD 4 → the band is 44 ± 12.
    const history = Array.from({ length: 15 }, (_, i) => [40, 44, 48][i % 3] as number);
    const series = days('2026-10-01', [...history, 57, 56, 31, 32]);
    const found = outOfLineDays(series, '2026-10-16', '2026-10-19');
    expect(found.map((d) => [d.date, d.meals, d.median, d.mad])).toEqual([
      ['2026-10-16', 57, 44, 4],
      ['2026-10-18', 31, 44, 4],
    ]);
  });

  it('needs the minimum history, and a steady small canteen is not flagged for a few extra meals', () => {
    const short = days('2026-10-01', [...Array.from({ length: MIN_HISTORY - 1 }, () => 20), 200]);
    expect(outOfLineDays(short, '2026-10-01', '2026-12-31')).toEqual([]);
    const small = days('2026-10-01', [...Array.from({ length: 20 }, () => 8), 8 + MIN_DIFFERENCE - 1, 8 + MIN_DIFFERENCE]);
    expect(outOfLineDays(small, '2026-10-21', '2026-10-22').map((d) => d.meals)).toEqual([8 + MIN_DIFFERENCE]);
  });

  it('only judges days in the range, and uses at most the previous 28 serving days', () => {
    // 30 days at 100, then 28 days at 20: the last day (20) is judged against 20s only.
    const series = days('2026-09-01', [...Array.from({ length: 30 }, () => 100), ...Array.from({ length: 28 }, () => 20), 20]);
    const last = series.at(-1)?.date ?? '';
    expect(outOfLineDays(series, last, last)).toEqual([]);
    // The first day at 20 is judged against the 100s: flagged, but only when in the range.
    const firstLow = series[30]?.date ?? '';
    expect(outOfLineDays(series, firstLow, firstLow).map((d) => d.meals)).toEqual([20]);
  });
});

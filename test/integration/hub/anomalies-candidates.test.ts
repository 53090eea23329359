/**
 * The month's one pass per elder (server/anomalies/month-elders.ts), on both engines: who was served
 * in two canteens, and who ate more than once in one period of one day — counted as bits of a bitmap
 * per period, so the edges of that bitmap (the range's first and last day, a 62-day range, three
 * periods, a meal of quantity 2, a voided or unclaimable meal) are each a case here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HubDb } from '../../../server/db/index.js';
import { candidateElders } from '../../../server/anomalies/month-elders.js';
import type { CandidateElder } from '../../../server/anomalies/month-elders.js';
import { addMeal, seedCanteen, voidMeal } from '../../helpers/hub-meal-rows.js';
import type { MealSpec, SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { insertDistrict, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
/** 62 days, the longest detection range: day 0 is 1 October, day 61 is 1 December. */
const RANGE = { from: '2026-10-01', to: '2026-12-01' };

describe.each(engines)('candidate elders of a range on $name', (engine) => {
  let db: HubDb;
  let districtId: number;
  let c1: SeededCanteen;
  let c2: SeededCanteen;

  async function meals(canteen: SeededCanteen, specs: readonly MealSpec[]): Promise<void> {
    for (const s of specs) await addMeal(db, canteen, s);
  }

  async function candidates(withRepeated: boolean): Promise<CandidateElder[]> {
    const found = await db.transaction((tx) => candidateElders(tx, districtId, RANGE, withRepeated));
    return [...found].sort((a, b) => a.elder_id.localeCompare(b.elder_id));
  }

  beforeAll(async () => {
    db = await engine.open();
    districtId = await insertDistrict(db, '越秀区', '440104');
    c1 = await seedCanteen(db, districtId, '东山长者饭堂');
    c2 = await seedCanteen(db, districtId, '农林长者饭堂');
    await meals(c1, [
      // Every period of the first and the last day, once each: not repeated.
      ...['breakfast', 'lunch', 'dinner'].flatMap((period) => ['2026-10-01', '2026-12-01'].map((date) => ({ date, period, elderId: 'steady' }))),
      // Twice at dinner on the range's last day (the bitmap's highest bit).
      { date: '2026-12-01', period: 'dinner', elderId: 'twice-last-day' },
      { date: '2026-12-01', period: 'dinner', elderId: 'twice-last-day', at: '2026-12-01T11:00:00.000Z' },
      // One row for two meals in one period.
      { date: '2026-10-15', elderId: 'quantity-two', quantity: 2 },
      // Lunch in c1 on the 1st and in c2 on the 2nd: two canteens, never twice in one period.
      { date: '2026-10-01', elderId: 'two-canteens' },
      // A second lunch not subsidised (claimable false): no repeat.
      { date: '2026-10-20', elderId: 'second-unpaid' },
      { date: '2026-10-20', elderId: 'second-unpaid', claimed: 0, at: '2026-10-20T04:30:00.000Z' },
      // The day before the range: outside it, so no repeat.
      { date: '2026-09-30', elderId: 'before-range' },
      { date: '2026-09-30', elderId: 'before-range', at: '2026-09-30T04:30:00.000Z' },
      { date: '2026-10-01', elderId: 'before-range' },
    ]);
    await meals(c2, [{ date: '2026-10-02', elderId: 'two-canteens' }]);
    // A second lunch that was voided: no repeat.
    await addMeal(db, c1, { date: '2026-11-11', elderId: 'second-voided' });
    await voidMeal(db, c1, await addMeal(db, c1, { date: '2026-11-11', elderId: 'second-voided', at: '2026-11-11T04:30:00.000Z' }));
  }, 120_000);

  it('names the elders served in two canteens, and with repeats those served twice in one period, nobody else', async () => {
    expect(await candidates(true)).toEqual([
      { elder_id: 'quantity-two', moved: false, repeated: true },
      { elder_id: 'twice-last-day', moved: false, repeated: true },
      { elder_id: 'two-canteens', moved: true, repeated: false },
    ]);
  });

  it('without repeats, names only the elders served in two canteens', async () => {
    expect(await candidates(false)).toEqual([{ elder_id: 'two-canteens', moved: true, repeated: false }]);
  });
});

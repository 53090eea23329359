/**
 * Daily counts, monthly settlement with approval, and average daily elders, on both engines, over
 * rows written as the ingest writes them (test/helpers/hub-meal-rows.ts): what each figure adds up,
 * voids and sales left out where they must be, amendments and closes shown, approval rules, and
 * another district's data refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../server/accounts/index.js';
import { approveSettlement, averageDailyElders, dailyCounts, settlement } from '../../../server/counting/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { averageEldersViewSchema, dailyCountsViewSchema, settlementViewSchema } from '../../../shared/hub-api/counting-views.js';
import { addMeal, closeDay, seedCanteen, voidMeal } from '../../helpers/hub-meal-rows.js';
import type { SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { must, useHubEngines } from './hub-engines.js';
import { seedHubActors } from '../../helpers/hub-actors.js';

const engines = useHubEngines();
const PASSWORD = 'correct horse battery';
const T0 = '2026-10-01T00:00:00.000Z';
/** Midnight of 1 November in Beijing: the moment October has ended for the canteens. */
const OCTOBER_ENDS = '2026-10-31T16:00:00.000Z';

describe.each(engines)('counting on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let districtB: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;
  let c1: SeededCanteen;
  let c2: SeededCanteen;
  let cB: SeededCanteen;

  beforeAll(async () => {
    db = await engine.open();
    ({ districtA, districtB, adminA, viewerA, adminB } = await seedHubActors(db, { password: PASSWORD, now: T0 }));
    c1 = await seedCanteen(db, districtA, '东山长者饭堂');
    c2 = await seedCanteen(db, districtA, `王'五饭堂`);
    cB = await seedCanteen(db, districtB, '海珠长者饭堂');

    // c1, 1 October: two elders' lunches (one priced lower by the hub than claimed), a full-price
    // sale, and a breakfast that was voided. Closed, matching.
    await addMeal(db, c1, { date: '2026-10-01', elderId: 'e1', ageBand: '80-89', claimed: 900, operatorSubsidy: 300, funding: { city: 600, district: 300 } });
    await addMeal(db, c1, { date: '2026-10-01', elderId: 'e2', ageBand: '60-69', claimed: 700, subsidy: 500, funding: { city: 500 } });
    await addMeal(db, c1, { date: '2026-10-01', elderId: null, standard: 1500, personal: 1500 });
    const voided = await addMeal(db, c1, { date: '2026-10-01', period: 'breakfast', elderId: 'e3', ageBand: '70-79', claimed: 400 });
    await voidMeal(db, c1, voided);
    await closeDay(db, c1, '2026-10-01');
    // c1, 3 October: e1 breakfast and lunch; the close did not match the records.
    await addMeal(db, c1, { date: '2026-10-03', period: 'breakfast', elderId: 'e1', ageBand: '80-89', claimed: 300, funding: { city: 300 } });
    await addMeal(db, c1, { date: '2026-10-03', elderId: 'e1', ageBand: '80-89', claimed: 900, operatorSubsidy: 300, funding: { city: 600, district: 300 } });
    await closeDay(db, c1, '2026-10-03', { matches: false });
    // c2, 2 October: one lunch, closed, then a late lunch arrived on the 5th (an amendment).
    await addMeal(db, c2, { date: '2026-10-02', elderId: 'e4', ageBand: '90-99', claimed: 1000, funding: { city: 700, town: 300 } });
    await closeDay(db, c2, '2026-10-02');
    await addMeal(db, c2, { date: '2026-10-02', elderId: 'e5', ageBand: '90-99', claimed: 1000, funding: { city: 700, town: 300 }, receivedAt: '2026-10-05T02:00:00.000Z', amended: true });
    // Another district's canteen: never in district A's figures.
    await addMeal(db, cB, { date: '2026-10-01', elderId: 'e1', standard: 6000, claimed: 5000, funding: { city: 5000 } });
  }, 90_000);

  it('daily counts: one row per cell from the roll-up, voided meals out, closes and amendments per day, a full series', async () => {
    const view = must(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-10-01', to: '2026-10-31' }));
    expect(dailyCountsViewSchema.parse(view)).toEqual(view);
    const cells = view.rows.map((r) => [r.serviceDate, r.canteenName, r.periodId, r.ageBand, r.claimable, r.meals, r.claimedSubsidy, r.subsidy]);
    expect(cells).toEqual([
      ['2026-10-01', '东山长者饭堂', 'lunch', '60-69', true, 1, 700, 500],
      ['2026-10-01', '东山长者饭堂', 'lunch', '80-89', true, 1, 900, 900],
      ['2026-10-01', '东山长者饭堂', 'lunch', 'none', false, 1, 0, 0],
      ['2026-10-02', `王'五饭堂`, 'lunch', '90-99', true, 2, 2000, 2000],
      ['2026-10-03', '东山长者饭堂', 'breakfast', '80-89', true, 1, 300, 300],
      ['2026-10-03', '东山长者饭堂', 'lunch', '80-89', true, 1, 900, 900],
    ]);
    const sale = view.rows.find((r) => r.ageBand === 'none');
    expect(sale).toMatchObject({ standard: 1500, personal: 1500, operatorSubsidy: 0 });
    expect(view.days).toEqual([
      { canteenId: c1.id, serviceDate: '2026-10-01', closed: true, closeMismatches: 0, amended: false, amendments: [] },
      {
        canteenId: c2.id,
        serviceDate: '2026-10-02',
        closed: true,
        closeMismatches: 0,
        amended: true,
        amendments: [{ deviceId: c2.deviceId, seq: 3, kind: 'meal', receivedAt: '2026-10-05T02:00:00.000Z' }],
      },
      { canteenId: c1.id, serviceDate: '2026-10-03', closed: true, closeMismatches: 1, amended: false, amendments: [] },
    ]);
    expect(view.series).toHaveLength(31);
    expect(view.series.slice(0, 4)).toEqual([
      { serviceDate: '2026-10-01', meals: 3, claimableMeals: 2, subsidy: 1400 },
      { serviceDate: '2026-10-02', meals: 2, claimableMeals: 2, subsidy: 2000 },
      { serviceDate: '2026-10-03', meals: 2, claimableMeals: 2, subsidy: 1200 },
      { serviceDate: '2026-10-04', meals: 0, claimableMeals: 0, subsidy: 0 },
    ]);
  });

  it('daily counts of one canteen, a year at most; the district a month at most; from ≤ to', async () => {
    const one = must(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-01-01', to: '2026-12-31', canteenId: c2.id }));
    expect(one.rows.map((r) => r.canteenId)).toEqual([c2.id]);
    expect(one.series).toHaveLength(365);
    expect(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-10-01', to: '2026-11-01' })).toMatchObject({ ok: false, error: { kind: 'badRange', message: { key: 'hub.count.rangeTooLong' } } });
    expect(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-10-02', to: '2026-10-01' })).toMatchObject({ ok: false, error: { kind: 'badRange', message: { key: 'hub.count.fromAfterTo' } } });
    expect(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ ok: false, error: { kind: 'badRange' } });
    expect(await dailyCounts(db, viewerA, { districtId: districtA, from: '2026-10-01', to: '2026-10-02', canteenId: 999_999 })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });

  it('another district is forbidden: its counts, its canteen, its settlement, its grading', async () => {
    const range = { from: '2026-10-01', to: '2026-10-31' };
    expect(await dailyCounts(db, viewerA, { ...range, districtId: districtB })).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    expect(await dailyCounts(db, viewerA, { ...range, districtId: districtA, canteenId: cB.id })).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    expect(await settlement(db, adminB, { districtId: districtA, month: '2026-10' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await averageDailyElders(db, viewerA, { districtId: districtB, month: '2026-10' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await approveSettlement(db, adminB, { districtId: districtA, month: '2026-10', now: OCTOBER_ENDS })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
  });

  it('settlement: per canteen × funding source, operator subsidy, claimed vs owed, totals that add up', async () => {
    const view = must(await settlement(db, viewerA, { districtId: districtA, month: '2026-10' }));
    expect(settlementViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ month: '2026-10', from: '2026-10-01', to: '2026-10-31', state: 'draft', approval: null, revisions: [] });
    const first = view.canteens.find((c) => c.canteenId === c1.id);
    const second = view.canteens.find((c) => c.canteenId === c2.id);
    expect(first).toEqual({
      canteenId: c1.id,
      canteenName: '东山长者饭堂',
      meals: 5,
      claimableMeals: 4,
      claimedSubsidy: 2800,
      subsidy: 2600,
      operatorSubsidy: 600,
      difference: 200,
      payable: 3200,
      bySource: [
        { source: 'city', amount: 2000 },
        { source: 'district', amount: 600 },
      ],
    });
    expect(second).toMatchObject({ canteenName: `王'五饭堂`, meals: 2, claimableMeals: 2, subsidy: 2000, bySource: [{ source: 'city', amount: 1400 }, { source: 'town', amount: 600 }] });
    expect(view.bySource).toEqual([
      { source: 'city', amount: 3400 },
      { source: 'district', amount: 600 },
      { source: 'town', amount: 600 },
    ]);
    expect(view.total).toEqual({ meals: 7, claimableMeals: 6, claimedSubsidy: 4800, subsidy: 4600, operatorSubsidy: 600, difference: 200, payable: 5200 });
    // Each canteen's sources sum exactly to its subsidy, and the sources to the total.
    for (const c of view.canteens) expect(c.bySource.reduce((n, s) => n + s.amount, 0)).toBe(c.subsidy);
    expect(view.bySource.reduce((n, s) => n + s.amount, 0)).toBe(view.total.subsidy);
    // A month with no meals lists every canteen at zero.
    const empty = must(await settlement(db, viewerA, { districtId: districtA, month: '2026-09' }));
    expect(empty.canteens.map((c) => [c.canteenName, c.payable]).sort()).toEqual([['东山长者饭堂', 0], [`王'五饭堂`, 0]].sort());
    expect(await settlement(db, viewerA, { districtId: districtA, month: '2026-13' })).toMatchObject({ ok: false, error: { kind: 'badMonth' } });
  });

  it('approval: admin only, not before the month ends, snapshots; a late meal shows as changed and a new revision is approved visibly', async () => {
    const month = { districtId: districtA, month: '2026-10' };
    expect(await approveSettlement(db, viewerA, { ...month, now: OCTOBER_ENDS })).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } } });
    expect(await approveSettlement(db, adminA, { ...month, now: '2026-10-31T15:59:59.999Z' })).toMatchObject({ ok: false, error: { kind: 'notEnded' } });

    const first = must(await approveSettlement(db, adminA, { ...month, now: OCTOBER_ENDS }));
    expect(first).toMatchObject({ revision: 1, approvedAt: OCTOBER_ENDS, approvedBy: adminA.id, approvedByLogin: 'admin.a', amendmentsAtApproval: 1, total: { subsidy: 4600 } });
    expect(must(await settlement(db, viewerA, month))).toMatchObject({ state: 'approved', approval: { revision: 1 }, approvedFigures: null, amendmentsSinceApproval: 0 });
    expect(await approveSettlement(db, adminA, { ...month, now: '2026-11-01T01:00:00.000Z' })).toMatchObject({ ok: false, error: { kind: 'unchanged' } });
    // A canteen opened afterwards (nothing in October) does not change an approved month.
    await seedCanteen(db, districtA, '新开饭堂');
    expect(must(await settlement(db, viewerA, month))).toMatchObject({ state: 'approved' });

    // A lunch of 30 October arrives on 3 November, after approval.
    await addMeal(db, c2, { date: '2026-10-30', elderId: 'e4', ageBand: '90-99', claimed: 1000, funding: { city: 1000 }, receivedAt: '2026-11-03T02:00:00.000Z', amended: true });
    const changed = must(await settlement(db, viewerA, month));
    expect(changed).toMatchObject({ state: 'changed', approval: { revision: 1, total: { subsidy: 4600 } }, amendmentsSinceApproval: 1, total: { subsidy: 5600 } });
    expect(changed.approvedFigures?.total.subsidy).toBe(4600);

    const second = must(await approveSettlement(db, adminA, { ...month, now: '2026-11-03T08:00:00.000Z' }));
    expect(second).toMatchObject({ revision: 2, amendmentsAtApproval: 2, total: { subsidy: 5600 } });
    const now = must(await settlement(db, viewerA, month));
    expect(now).toMatchObject({ state: 'approved', approval: { revision: 2 }, amendmentsSinceApproval: 0 });
    expect(now.revisions.map((r) => [r.revision, r.total.subsidy])).toEqual([[1, 4600], [2, 5600]]);
  });

  it('average daily elders: distinct elders with a claimable meal per served day, averaged; sales and voids do not count', async () => {
    const view = must(await averageDailyElders(db, viewerA, { districtId: districtA, month: '2026-10' }));
    expect(averageEldersViewSchema.parse(view)).toEqual(view);
    expect(view.rows.find((r) => r.canteenName === '新开饭堂')).toMatchObject({ daysServed: 0, elderDays: 0, averageDailyElders: 0, distinctElders: 0, atLeast20: false });
    expect(view.rows.filter((r) => r.canteenId === c1.id || r.canteenId === c2.id)).toEqual([
      // 1 Oct: e1, e2 (e3's breakfast voided, the sale has no elder); 3 Oct: e1 twice → 1.
      { canteenId: c1.id, canteenName: '东山长者饭堂', daysServed: 2, elderDays: 3, averageDailyElders: 1.5, distinctElders: 2, atLeast20: false },
      // 2 Oct: e4, e5; 30 Oct (the late lunch): e4.
      { canteenId: c2.id, canteenName: `王'五饭堂`, daysServed: 2, elderDays: 3, averageDailyElders: 1.5, distinctElders: 2, atLeast20: false },
    ]);
  });
});

/** Properties that must hold for every meal under every fixture policy (fast-check). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { elder, loadPolicy, priceCase } from '../../helpers/policies.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { addDays } from '../../../shared/dates.js';

const fixtures = ['guangzhou-2020', 'guangzhou-2026-v2', 'nanjing-jianye', 'zhuhai-gaoxin', 'tianjin'].map(loadPolicy);

/** A Guangzhou variant with a per-meal cap and a minimum personal part, to exercise both. */
const capped: Policy = { ...loadPolicy('guangzhou-2020'), id: 'gz-capped', maxSubsidy: 1000, minPersonal: 200 };
const all = [...fixtures, capped];

const regions = ['440106001', '440106002', '440104003', '441900', '320105004', '340102', '440402105', '440403100', '120104002', '110105'];
const statuses = ['tekun', 'dibao', 'dishouru', 'youfu', 'dibaobianyuan', 'shineng', 'kunnan', 'jisheng', 'zhongdushineng'];

const mealArb = fc.record({
  policy: fc.constantFrom(...all),
  birthOffset: fc.integer({ min: 40 * 365, max: 105 * 365 }),
  date: fc.integer({ min: 0, max: 2 * 365 }).map((d) => addDays('2025-06-01', d)),
  statuses: fc.subarray(statuses, { maxLength: 3 }),
  hukou: fc.constantFrom(...regions),
  canteen: fc.constantFrom(...regions),
  amount: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  periodIndex: fc.nat(3),
  careHome: fc.boolean(),
  active: fc.boolean(),
  eatenToday: fc.nat(2),
});

describe('pricing properties', () => {
  it('subsidy + personal = standard; nothing negative; funding sums to the subsidy; caps hold', () => {
    fc.assert(
      fc.property(mealArb, (m) => {
        const period = m.policy.periods[m.periodIndex % m.policy.periods.length]!;
        const r = priceCase({
          policy: m.policy,
          canteen: m.canteen,
          date: m.date,
          period: period.id,
          ...(m.amount === undefined ? {} : { amount: m.amount }),
          elder: elder(addDays(m.date, -m.birthOffset), { status: m.statuses, region: m.hukou, careHome: m.careHome, active: m.active }),
          eaten: Array.from({ length: m.eatenToday }, (_, i) => ({
            serviceDate: m.date,
            periodId: 'other',
            subsidised: true,
            at: `${m.date}T0${i}:00:00.000Z`,
          })),
        });
        expect(r.subsidy + r.personal).toBe(r.standard);
        expect(r.subsidy).toBeGreaterThanOrEqual(0);
        expect(r.personal).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(r.subsidy) && Number.isInteger(r.personal)).toBe(true);
        expect(r.funding.reduce((s, f) => s + f.amount, 0)).toBe(r.subsidy);
        expect(r.funding.every((f) => f.amount > 0)).toBe(true);
        expect(r.subsidised).toBe(r.subsidy > 0);
        if (!r.subsidised) expect(r.subsidy).toBe(0);
        if (r.refusal !== null) expect(r.subsidy).toBe(0);
        if (m.policy.maxSubsidy !== undefined) expect(r.subsidy).toBeLessThanOrEqual(m.policy.maxSubsidy);
        if (m.policy.minPersonal !== undefined && r.subsidy > 0) {
          expect(r.personal).toBeGreaterThanOrEqual(Math.min(m.policy.minPersonal, r.standard));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('under a monotone policy (Guangzhou), an older elder of the same status never pays more', () => {
    const gz = loadPolicy('guangzhou-2020');
    fc.assert(
      fc.property(
        fc.integer({ min: 50 * 365, max: 100 * 365 }),
        fc.integer({ min: 0, max: 30 * 365 }),
        fc.subarray(['tekun', 'dibao', 'dishouru', 'youfu']),
        fc.constantFrom('440106001', '440106002', '440104003'),
        (young, extra, st, hukou) => {
          const date = '2026-11-24';
          const r = (days: number) =>
            priceCase({ policy: gz, canteen: '440106001', date, period: 'lunch', elder: elder(addDays(date, -days), { status: st, region: hukou }) });
          expect(r(young + extra).personal).toBeLessThanOrEqual(r(young).personal);
        },
      ),
    );
  });

  it('is pure: the same input gives the same answer', () => {
    const gz = loadPolicy('guangzhou-2020');
    const input = { policy: gz, canteen: '440106001', date: '2026-11-24', period: 'lunch', elder: elder('1950-01-01', { region: '440106002' }) };
    expect(priceCase(input)).toEqual(priceCase(input));
  });
});

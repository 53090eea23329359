/** Pricing rules that hold whatever the policy says, and refusals for gaps in a policy. */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase } from '../../helpers/policies.js';

describe('pricing defaults', () => {
  it('a second meal in one period is refused as subsidised even when the policy states no limits', () => {
    const policy = { ...loadPolicy('nanjing-jianye'), limits: {} };
    const e = elder('1945-02-02', { region: '320105004' });
    const first = { serviceDate: '2026-11-24', periodId: 'lunch', subsidised: true, at: '2026-11-24T03:30:00.000Z' };
    const r = priceCase({ policy, canteen: '320105004', date: '2026-11-24', period: 'lunch', elder: e, eaten: [first] });
    expect(r.refusal?.code).toBe('limitPeriod');
    // A policy may allow more per period by saying so.
    const two = { ...policy, limits: { perPeriod: 2 } };
    expect(priceCase({ policy: two, canteen: '320105004', date: '2026-11-24', period: 'lunch', elder: e, eaten: [first] }).subsidy).toBe(100);
  });

  it('a benefit whose amounts leave out this period refuses with the periods it covers', () => {
    const base = loadPolicy('nanjing-jianye');
    const policy = {
      ...base,
      tiers: base.tiers.map((t) =>
        t.id === 'age75' ? { ...t, benefits: t.benefits.map((b) => ({ ...b, amount: { lunch: 100, dinner: 100 } })) } : t,
      ),
    } as typeof base;
    const r = priceCase({ policy, canteen: '320105004', date: '2026-11-24', period: 'breakfast', elder: elder('1945-02-02', { region: '320105004' }) });
    expect([r.subsidised, r.personal, r.refusal?.code]).toEqual([false, 600, 'periodNotCovered']);
    expect(r.refusal?.message.params).toMatchObject({ periods: '午餐、晚餐' });
  });
});

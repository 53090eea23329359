/**
 * Zhuhai high-tech zone, from the statement: 3 yuan from the city for a Zhuhai 户籍 elder 60+,
 * plus 3 yuan from the district for a district 户籍 elder, stacking; once a day; only for a meal of at
 * least 10 yuan. (The fixture's 12-yuan standard meal is its own assumption.)
 */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase, split } from '../../helpers/policies.js';

const policy = loadPolicy('zhuhai-gaoxin');
const canteen = '440402105';
const base = { policy, canteen, date: '2026-11-24', period: 'lunch' };

describe('Zhuhai high-tech zone', () => {
  it('district 户籍: city 3 + district 3 stack', () => {
    const r = priceCase({ ...base, elder: elder('1950-01-01', { region: '440402105' }) });
    expect([r.subsidy, r.personal]).toEqual([600, 600]);
    expect(split(r)).toEqual({ city: 300, district: 300 });
  });

  it('Zhuhai 户籍 from another district: the city part only, and the skipped part says why', () => {
    const r = priceCase({ ...base, elder: elder('1950-01-01', { region: '440403100' }) });
    expect([r.subsidy, r.personal]).toEqual([300, 900]);
    expect(split(r)).toEqual({ city: 300 });
    const skipped = r.rules.find((x) => x.code === 'benefitSkipped');
    expect(skipped?.label).toBe('区级补贴');
    expect(skipped?.message.key).toBe('pricing.refusal.residency.hukou.district');
  });

  it('a meal under 10 yuan gets nothing; exactly 10 does', () => {
    const e = elder('1950-01-01', { region: '440402105' });
    const below = priceCase({ ...base, amount: 950, elder: e });
    expect([below.subsidised, below.personal, below.refusal?.code]).toEqual([false, 950, 'belowMinSpend']);
    expect(priceCase({ ...base, amount: 1000, elder: e }).personal).toBe(400);
  });

  it('once a day: dinner after a subsidised lunch is refused', () => {
    const r = priceCase({
      ...base,
      period: 'dinner',
      elder: elder('1950-01-01', { region: '440402105' }),
      eaten: [{ serviceDate: '2026-11-24', periodId: 'lunch', subsidised: true, at: '2026-11-24T04:00:00.000Z' }],
    });
    expect(r.refusal?.code).toBe('limitDay');
    expect(r.refusal?.message.params).toMatchObject({ time: '12:00', count: 1 });
  });

  it('户籍 outside Zhuhai: refused', () => {
    expect(priceCase({ ...base, elder: elder('1950-01-01', { region: '440106001' }) }).refusal?.code).toBe('residency');
  });
});

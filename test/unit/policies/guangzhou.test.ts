/**
 * Guangzhou (2020), from the statement of the policy: a 12-yuan meal; the elder pays 1 yuan if
 * 特困/低保/低收入/优抚 (60+), 3 yuan if 80+, 5 yuan if 60–79; 户籍 of Guangzhou only; the subsidy is
 * paid city 3 + district 3 + town the rest; eating in another town loses the town part, in another
 * district also the district part. Every figure below is worked by hand from those words.
 */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase, split } from '../../helpers/policies.js';

const policy = loadPolicy('guangzhou-2020');
const canteen = '440106001'; // a street (街道) of 天河区, 广州
const sameTown = '440106001';
const otherTownSameDistrict = '440106002';
const otherDistrict = '440104003'; // 越秀区
const date = '2026-11-24';
const base = { policy, canteen, date, period: 'lunch' };

describe('Guangzhou 2020', () => {
  it('60–79 pays 5: subsidy 7 = city 3 + district 3 + town 1', () => {
    const r = priceCase({ ...base, elder: elder('1956-03-01', { region: sameTown }) });
    expect([r.standard, r.subsidy, r.personal]).toEqual([1200, 700, 500]);
    expect(split(r)).toEqual({ city: 300, district: 300, town: 100 });
    expect(r.tier?.id).toBe('age60');
  });

  it('80+ pays 3: subsidy 9 = 3 + 3 + 3; the 80th birthday counts that day', () => {
    const r = priceCase({ ...base, elder: elder('1946-11-24', { region: sameTown }) });
    expect(r.facts?.age).toBe(80);
    expect([r.subsidy, r.personal]).toEqual([900, 300]);
    expect(split(r)).toEqual({ city: 300, district: 300, town: 300 });
    const dayBefore = priceCase({ ...base, date: '2026-11-23', elder: elder('1946-11-24', { region: sameTown }) });
    expect(dayBefore.personal).toBe(500);
  });

  it('hardship pays 1 whatever the age: subsidy 11 = 3 + 3 + 5', () => {
    for (const status of ['tekun', 'dibao', 'dishouru', 'youfu']) {
      const r = priceCase({ ...base, elder: elder('1940-05-05', { region: sameTown, status: [status] }) });
      expect([r.subsidy, r.personal, r.tier?.id]).toEqual([1100, 100, 'hardship']);
      expect(split(r)).toEqual({ city: 300, district: 300, town: 500 });
    }
  });

  it('eating in another town of the same district loses the town part', () => {
    const r = priceCase({ ...base, elder: elder('1950-01-01', { region: otherTownSameDistrict, status: ['dibao'] }) });
    // 1 + the town's 5 = 6 yuan to pay; the city and district still pay 3 each.
    expect([r.subsidy, r.personal]).toEqual([600, 600]);
    expect(split(r)).toEqual({ city: 300, district: 300 });
    expect(r.rules.some((x) => x.code === 'fundingLost')).toBe(true);
  });

  it('eating in another district loses the district and town parts', () => {
    const r = priceCase({ ...base, elder: elder('1950-01-01', { region: otherDistrict, status: ['dibao'] }) });
    // 1 + district 3 + town 5 = 9 yuan; only the city's 3 remains.
    expect([r.subsidy, r.personal]).toEqual([300, 900]);
    expect(split(r)).toEqual({ city: 300 });
  });

  it('户籍 outside Guangzhou: full price, with the reason', () => {
    const r = priceCase({ ...base, elder: elder('1950-01-01', { region: '441900' }) });
    expect([r.subsidised, r.personal, r.refusal?.code]).toEqual([false, 1200, 'residency']);
  });

  it('under 60 without a status: full price', () => {
    const r = priceCase({ ...base, elder: elder('1970-01-01', { region: sameTown }) });
    expect(r.refusal?.code).toBe('noQualifyingTier');
    expect(r.refusal?.message.params).toMatchObject({ age: 56, minAge: 60 });
  });

  it('a second lunch is refused as subsidised, with the time of the first', () => {
    const r = priceCase({
      ...base,
      elder: elder('1950-01-01', { region: sameTown }),
      eaten: [{ serviceDate: date, periodId: 'lunch', subsidised: true, at: '2026-11-24T03:52:00.000Z' }],
    });
    expect(r.refusal?.code).toBe('limitPeriod');
    expect(r.refusal?.message.params).toMatchObject({ time: '11:52' });
    expect(r.refusal?.firstMealAt).toBe('2026-11-24T03:52:00.000Z');
    // …but dinner the same day is a new period.
    const dinner = priceCase({
      ...base,
      period: 'dinner',
      elder: elder('1950-01-01', { region: sameTown }),
      eaten: [{ serviceDate: date, periodId: 'lunch', subsidised: true, at: '2026-11-24T03:52:00.000Z' }],
    });
    expect(dinner.personal).toBe(500);
  });

  it('not registered, suspended, outside every period: full price with the reason', () => {
    expect(priceCase({ ...base, elder: null }).refusal?.code).toBe('notRegistered');
    expect(priceCase({ ...base, elder: elder('1950-01-01', { region: sameTown, active: false }) }).refusal?.code).toBe('suspended');
    expect(priceCase({ ...base, period: null, amount: 1200, elder: elder('1950-01-01') }).refusal?.code).toBe('outsidePeriods');
  });
});

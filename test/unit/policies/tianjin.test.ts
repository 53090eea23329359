/**
 * Tianjin, from the statement: 3 yuan off a lunch (standard set meal 13 yuan) for 户籍 80+,
 * and for 户籍 60+ 低保 or 低收入 with severe care needs; workdays only, at most 5 a week, once a day;
 * none while living in a care home. The calendar is the State Council's 2026 arrangement
 * (2026-10-01 National Day; 2026-10-10, a Saturday, a make-up workday). The 50/50 city/district split
 * is the fixture's own illustration.
 */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase, split } from '../../helpers/policies.js';
import type { EatenMeal } from '../../../shared/pricing/types.js';

const policy = loadPolicy('tianjin');
const canteen = '120101001'; // 和平区
const home = '120104002'; // 南开区: Tianjin is a municipality, so any Tianjin district is "the city"
const base = { policy, canteen, period: 'lunch' };
const e80 = elder('1944-03-03', { region: home });

const lunch = (date: string): EatenMeal => ({ serviceDate: date, periodId: 'lunch', subsidised: true, at: `${date}T04:00:00.000Z` });

describe('Tianjin', () => {
  it('80+: 3 yuan off a 13-yuan lunch on a workday, paid half each', () => {
    const r = priceCase({ ...base, date: '2026-11-24', elder: e80 });
    expect([r.standard, r.subsidy, r.personal]).toEqual([1300, 300, 1000]);
    expect(split(r)).toEqual({ city: 150, district: 150 });
  });

  it('workdays only: a Saturday and a public holiday get nothing, a make-up Saturday does', () => {
    expect(priceCase({ ...base, date: '2026-11-28', elder: e80 }).refusal?.code).toBe('holiday');
    expect(priceCase({ ...base, date: '2026-10-01', elder: e80 }).refusal?.code).toBe('holiday');
    expect(priceCase({ ...base, date: '2026-10-10', elder: e80 }).subsidy).toBe(300);
  });

  it('lunch only', () => {
    const r = priceCase({ ...base, date: '2026-11-24', period: 'breakfast', elder: e80 });
    expect(r.refusal?.code).toBe('periodNotCovered');
  });

  it('at most 5 a week (Monday to Sunday), once a day', () => {
    // The week of 2026-10-05 (Mon): 05–07 are holidays, 08 and 09 workdays, Sat 10 a make-up workday.
    // The week of 2026-11-23 (Mon): five lunches Mon–Fri use the week up.
    const week = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map(lunch);
    expect(priceCase({ ...base, date: '2026-11-27', elder: e80, eaten: week }).subsidy).toBe(300);
    const full = [...week, lunch('2026-11-27')];
    // Nothing more that week even if a make-up Saturday were in it; a fresh week starts on Monday.
    // Lunch is the only subsidised period, so a second lunch meets the once-a-period limit first.
    expect(priceCase({ ...base, date: '2026-11-27', elder: e80, eaten: full }).refusal?.code).toBe('limitPeriod');
    expect(priceCase({ ...base, date: '2026-11-30', elder: e80, eaten: full }).subsidy).toBe(300);
    const octWeek = ['2026-10-08', '2026-10-09'].map(lunch);
    expect(priceCase({ ...base, date: '2026-10-10', elder: e80, eaten: octWeek }).subsidy).toBe(300);
    const fiveBefore = ['2026-09-28', '2026-09-29', '2026-09-30'].map(lunch);
    expect(
      priceCase({ ...base, date: '2026-10-10', elder: e80, eaten: [...fiveBefore, ...octWeek] }).subsidy,
    ).toBe(300); // 28–30 Sep are the previous ISO week
    const sixth = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'].map(lunch);
    expect(priceCase({ ...base, date: '2026-10-10', elder: e80, eaten: sixth }).refusal?.code).toBe('limitWeek');
  });

  it('hardship tier needs 低保/低收入 AND severe care needs, from 60', () => {
    expect(priceCase({ ...base, date: '2026-11-24', elder: elder('1960-01-01', { region: home, status: ['dibao'] }) }).refusal?.code).toBe(
      'noQualifyingTier',
    );
    const r = priceCase({ ...base, date: '2026-11-24', elder: elder('1960-01-01', { region: home, status: ['dishouru', 'zhongdushineng'] }) });
    expect([r.tier?.id, r.subsidy]).toEqual(['hardship', 300]);
  });

  it('nothing while living in a care home, nothing for 户籍 outside Tianjin', () => {
    expect(priceCase({ ...base, date: '2026-11-24', elder: { ...e80, careHome: true } }).refusal?.code).toBe('excluded');
    expect(priceCase({ ...base, date: '2026-11-24', elder: elder('1944-03-03', { region: '110105' }) }).refusal?.code).toBe('residency');
  });

  it('the version ends on its effectiveTo date', () => {
    expect(priceCase({ ...base, date: '2027-01-04', elder: e80 }).refusal?.code).toBe('noPolicy');
  });

  it('a status outside its valid dates is named, not just "not eligible"', () => {
    const r = priceCase({
      ...base,
      date: '2026-11-24',
      elder: {
        ...elder('1960-01-01', { region: home }),
        statuses: [
          { code: 'dibao', validFrom: null, validTo: null },
          { code: 'zhongdushineng', validFrom: '2025-01-01', validTo: '2026-06-30' },
        ],
      },
    });
    expect(r.refusal?.code).toBe('statusExpired');
    expect(r.refusal?.message.params).toMatchObject({ status: '重度失能', to: '2026-06-30' });
  });
});

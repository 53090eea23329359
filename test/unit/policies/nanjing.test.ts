/**
 * Nanjing Jianye, from the statement: 扶助对象 (特困, 低保, 低保边缘, 失能 with hardship, 计生特殊
 * 家庭, 百岁) get 1 yuan off breakfast, 2 off lunch, 2 off dinner; other elders 75+ get 0.5 / 1 / 1.
 * The fixture's standard prices (6 / 15 / 15 yuan) are its own assumption; the subsidies are the policy's.
 */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase } from '../../helpers/policies.js';

const policy = loadPolicy('nanjing-jianye');
const canteen = '320105004';
const home = '320105004';
const base = { policy, canteen, date: '2026-11-24' };

describe('Nanjing Jianye', () => {
  it('75+ elders: 0.5 / 1 / 1 yuan off by meal period', () => {
    const e = elder('1945-02-02', { region: home });
    expect(priceCase({ ...base, period: 'breakfast', elder: e })).toMatchObject({ standard: 600, subsidy: 50, personal: 550 });
    expect(priceCase({ ...base, period: 'lunch', elder: e })).toMatchObject({ standard: 1500, subsidy: 100, personal: 1400 });
    expect(priceCase({ ...base, period: 'dinner', elder: e })).toMatchObject({ subsidy: 100, personal: 1400 });
  });

  it('扶助对象: 1 / 2 / 2 yuan off, from 60', () => {
    for (const status of ['tekun', 'dibao', 'dibaobianyuan', 'jisheng']) {
      const e = elder('1960-06-01', { region: home, status: [status] });
      expect(priceCase({ ...base, period: 'breakfast', elder: e }).subsidy).toBe(100);
      expect(priceCase({ ...base, period: 'lunch', elder: e }).subsidy).toBe(200);
      expect(priceCase({ ...base, period: 'dinner', elder: e }).tier?.id).toBe('fuzhu');
    }
  });

  it('失能 counts only with economic hardship', () => {
    const without = priceCase({ ...base, period: 'lunch', elder: elder('1955-01-01', { region: home, status: ['shineng'] }) });
    expect(without.refusal?.code).toBe('noQualifyingTier');
    expect(without.refusal?.message.params).toMatchObject({ age: 71, minAge: 75 });
    const withHardship = priceCase({ ...base, period: 'lunch', elder: elder('1955-01-01', { region: home, status: ['shineng', 'kunnan'] }) });
    expect(withHardship.subsidy).toBe(200);
  });

  it('百岁 (100+) is 扶助对象 with no status at all', () => {
    const r = priceCase({ ...base, period: 'lunch', elder: elder('1926-01-01', { region: home }) });
    expect([r.tier?.id, r.subsidy, r.facts?.ageBand]).toEqual(['fuzhu', 200, '100+']);
  });

  it('常住 in the district is enough; neither 户籍 nor 常住 there is refused', () => {
    const resident = elder('1945-01-01', { hukouRegion: '340102', residenceRegion: '320105002' });
    expect(priceCase({ ...base, period: 'lunch', elder: resident }).subsidy).toBe(100);
    const visitor = elder('1945-01-01', { hukouRegion: '340102', residenceRegion: '340102' });
    expect(priceCase({ ...base, period: 'lunch', elder: visitor }).refusal?.code).toBe('residency');
  });
});

/**
 * A policy replaced by a version 2 from 2026-07-01 (an illustrative revision of Guangzhou: a 13-yuan
 * meal and 4 yuan for 60–79). Meals on either side of the date are priced by their own version.
 */
import { describe, expect, it } from 'vitest';
import { elder, loadPolicy, priceCase } from '../../helpers/policies.js';
import { policyInForce } from '../../../shared/policy/select.js';

const v1 = loadPolicy('guangzhou-2020');
const v2 = loadPolicy('guangzhou-2026-v2');
const e = elder('1956-03-01', { region: '440106001' });

describe('policy versions', () => {
  it('picks the version in force on the service date', () => {
    expect(policyInForce([v2, v1], '2026-06-30')?.version).toBe(1);
    expect(policyInForce([v1, v2], '2026-07-01')?.version).toBe(2);
    expect(policyInForce([v1, v2], '2019-12-31')).toBeNull();
  });

  it('prices each meal by its own version', () => {
    const june = policyInForce([v1, v2], '2026-06-30');
    const july = policyInForce([v1, v2], '2026-07-01');
    const before = priceCase({ policy: june!, canteen: '440106001', date: '2026-06-30', period: 'lunch', elder: e });
    const after = priceCase({ policy: july!, canteen: '440106001', date: '2026-07-01', period: 'lunch', elder: e });
    expect([before.policy?.version, before.standard, before.personal, before.subsidy]).toEqual([1, 1200, 500, 700]);
    expect([after.policy?.version, after.standard, after.personal, after.subsidy]).toEqual([2, 1300, 400, 900]);
  });
});

/**
 * The policy form's structure edits against a real hub (Chromium): an admin drafts the next version,
 * gives it an operator subsidy paid by the district budget and a public holiday, adds a tier (低保
 * elders of 55–59) with conditions — workdays only, 户籍 in the canteen's district — and a fixed
 * subsidy; the check names everything the new tier still lacks beside its field; filled in, it is
 * checked clean, simulated on last month's real meals (the operator subsidy the seeded meals imply),
 * and published; the hub then holds the tier, its conditions, the operator subsidy and the holiday
 * exactly as the form made them. A tier removed is gone from the JSON too. axe: no serious or
 * critical violation on the form with its new sections, with its problems, and with the report.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getPolicy } from '../../server/policies/index.js';
import { ADMIN, after, LAST_MONTH, signIn, useDistrictInBrowser } from './district-harness.js';

const t = useDistrictInBrowser();

/** guangzhou-2026-v2 has three tiers (hardship, age80, age60): the added one is the fourth. */
const NEW = 3;

async function draftNextVersion(page: Page): Promise<void> {
  await signIn(page, ADMIN);
  await after(page, 'policies', () => page.getByRole('navigation').getByRole('link', { name: '补贴政策', exact: true }).click());
  await page.getByTestId('policy-new').click();
  await page.getByTestId('draft-effective-from').fill('2026-12-01');
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

function field(page: Page, path: string) {
  return page.locator(`[data-path="${path}"]`);
}

describe('district web app: the policy form adds a tier, an operator subsidy and a holiday', () => {
  it('adds a tier with conditions and an operator subsidy, checks, simulates, publishes; the hub holds them', async () => {
    const { page, hub } = t;
    await draftNextVersion(page);

    // The operator subsidy: chosen by its budget, then 3 yuan per elder a day.
    await expect(field(page, 'operatorSubsidy.perElderPerDay').count()).resolves.toBe(0);
    await field(page, 'operatorSubsidy.source').selectOption('district');
    await field(page, 'operatorSubsidy.perElderPerDay').fill('3');

    // New Year's Day 2027 as a public holiday.
    await page.getByTestId('f-calendar-holidays-new').fill('2027-01-01');
    await page.getByTestId('f-calendar-holidays-add').click();
    await expect(page.getByTestId('f-calendar-holidays').textContent()).resolves.toContain('2027-01-01');

    // A new tier, a fixed subsidy paid by the city.
    await page.getByTestId('new-tier-kind').selectOption('fixedSubsidy');
    await page.getByTestId('new-tier-source').selectOption('city');
    await page.getByTestId('new-tier-add').click();
    await expect(page.getByTestId(`tier-${NEW}`).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Checked as it is: what the new tier lacks is named beside each field.
    const problems = await after(page, 'policy-problems', () => page.getByTestId('policy-check').click());
    expect(problems['paths']).toEqual(expect.arrayContaining([`tiers[${NEW}].id`, `tiers[${NEW}].name`, `tiers[${NEW}].who[0]`, `tiers[${NEW}].benefits[0].amount`]));
    await expect(field(page, `tiers[${NEW}].id`).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByTestId('policy-publish').isDisabled()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Filled in: 低保 elders of 55 to 59, on workdays, 户籍 in the canteen's district, 3 yuan a meal.
    await field(page, `tiers[${NEW}].id`).fill('dibao-55');
    await field(page, `tiers[${NEW}].name`).fill('低保（55–59岁）');
    await field(page, `tiers[${NEW}].who[0].minAge`).fill('55');
    await field(page, `tiers[${NEW}].who[0].maxAge`).fill('59');
    await page.locator(`fieldset[data-path="tiers[${NEW}].who[0].statusesAny"] input[value="dibao"]`).check();
    await field(page, `tiers[${NEW}].benefits[0].amount`).fill('3');
    await field(page, `tiers[${NEW}].conditions.workdaysOnly`).check();
    await page.getByTestId(`f-tiers-${NEW}-conditions-residency-add`).click();
    await field(page, `tiers[${NEW}].conditions.residency[0].of`).selectOption('hukou');
    await field(page, `tiers[${NEW}].conditions.residency[0].within`).selectOption('district');

    // The JSON editor shows what the form made.
    const json = JSON.parse(await page.getByTestId('policy-json').inputValue()) as { tiers: unknown[]; operatorSubsidy: unknown };
    expect(json.operatorSubsidy).toEqual({ source: 'district', perElderPerDay: 300 });
    expect(json.tiers).toHaveLength(NEW + 1);

    await after(page, 'policy-clean', () => page.getByTestId('policy-check').click());

    // Last month every seeded check-in was a subsidised meal of its own elder that day: 3 yuan each
    // to the canteen. Nobody seeded is 55–59, so the elders' subsidy does not change.
    const simulated = await after(page, 'policy-simulated', () => page.getByTestId('policy-simulate').click());
    expect(simulated['month']).toBe(LAST_MONTH);
    expect(simulated['difference']).toBe(0);
    expect(simulated['operator']).toEqual({ current: 0, draft: 300 * hub.seeded.claimableLastMonth });
    await expect(page.getByTestId('sim-operator-difference').textContent()).resolves.toBe(`+${(3 * hub.seeded.claimableLastMonth).toFixed(2)}元`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('policy-publish').click();
    const published = await after(page, 'policy-published', () => page.getByTestId('publish-dialog-confirm').click());
    expect(published).toEqual({ policyId: 'guangzhou-zhucan', version: 3, effectiveFrom: '2026-12-01' });

    const stored = await getPolicy(hub.store.db, hub.seeded.district.admin, { districtId: hub.seeded.district.districtId, policyId: 'guangzhou-zhucan', version: 3 });
    const policy = stored.ok ? (stored.value?.policy ?? null) : null;
    expect(policy?.operatorSubsidy).toEqual({ source: 'district', perElderPerDay: 300 });
    expect(policy?.calendar.holidays).toEqual(['2027-01-01']);
    expect(policy?.tiers.map((x) => x.id)).toEqual(['hardship', 'age80', 'age60', 'dibao-55']);
    expect(policy?.tiers[NEW]).toEqual({
      id: 'dibao-55',
      name: '低保（55–59岁）',
      who: [{ minAge: 55, maxAge: 59, statusesAny: ['dibao'] }],
      benefits: [{ kind: 'fixedSubsidy', amount: 300, funding: [{ source: 'city', rest: true }] }],
      conditions: { workdaysOnly: true, residency: [{ of: 'hukou', within: 'district' }] },
    });
  });

  it('removes a tier from the form and from the JSON, and takes the operator subsidy out when no budget pays it', async () => {
    const { page } = t;
    await draftNextVersion(page);
    await page.getByTestId('tier-1-remove').click();
    await expect(page.locator('[data-testid^="tier-"][data-testid$="-remove"]').count()).resolves.toBe(2);
    await field(page, 'operatorSubsidy.source').selectOption('city');
    await field(page, 'operatorSubsidy.perMeal').fill('2');
    await field(page, 'operatorSubsidy.source').selectOption('');
    await expect(field(page, 'operatorSubsidy.perMeal').count()).resolves.toBe(0);
    const json = JSON.parse(await page.getByTestId('policy-json').inputValue()) as { tiers: { id: string }[]; operatorSubsidy?: unknown };
    expect(json.tiers.map((x) => x.id)).toEqual(['hardship', 'age60']);
    expect(json.operatorSubsidy).toBeUndefined();
    await after(page, 'policy-clean', () => page.getByTestId('policy-check').click());
  });
});

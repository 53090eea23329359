/**
 * The policy screen of the district web app against a real hub (Chromium): the version in force and
 * its rules in words; a new version drafted from it — a bad value in a tier's amount is named beside
 * that field, fixed, checked clean, simulated on last month's real meals (the budget difference is
 * the one the seeded meals imply), and published after a confirmation stating the effective date; the
 * hub then lists it. A viewer may draft and simulate but never publish. axe: no serious or critical
 * violation on the screen, the form with its problems, and the simulation report.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getPolicy } from '../../server/policies/index.js';
import { ADMIN, after, LAST_MONTH, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

// The hub's own policy routes (server/http/routes/policy-routes.ts): nothing shimmed.
const t = useDistrictInBrowser();

/** The hardship tier's "the elder pays" amount: the first tier of guangzhou-2026-v2, a fixed personal payment of 1.00 yuan. */
const HARDSHIP_PAYS = 'tiers[0].benefits[0].amount';

async function openPolicy(page: Page): Promise<void> {
  await after(page, 'policies', () => page.getByRole('navigation').getByRole('link', { name: '补贴政策', exact: true }).click());
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('district web app: policy', () => {
  it('edits a tier, shows a bad value beside its field, simulates last month, publishes and lists the new version', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    await openPolicy(page);
    const current = page.getByTestId('policy-guangzhou-zhucan-2');
    await expect(current.textContent()).resolves.toContain('现行');
    await expect(page.getByTestId('policy-words').textContent()).resolves.toContain('困难长者');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('policy-new').click();
    await expect(page.getByTestId('draft-version').textContent()).resolves.toBe('3');
    await page.getByTestId('draft-effective-from').fill('2026-12-01');
    const pays = page.locator(`input[data-path="${HARDSHIP_PAYS}"]`);
    await expect(pays.inputValue()).resolves.toBe('1.00');

    // A negative amount: named beside the field, which takes the focus.
    await pays.fill('-1');
    const problems = await after(page, 'policy-problems', () => page.getByTestId('policy-check').click());
    expect(problems['paths']).toContain(HARDSHIP_PAYS);
    await expect(pays.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = (await pays.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${described}"]`).textContent()).resolves.toMatch(/负/);
    await expect(page.getByTestId('policy-publish').isDisabled()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Fixed: the elder in hardship pays 0.50 instead of 1.00 — the check passes at the hub too.
    await pays.fill('0.5');
    await after(page, 'policy-clean', () => page.getByTestId('policy-check').click());
    await expect(pays.getAttribute('aria-invalid')).resolves.toBe('false');

    // Last month two check-ins were by elders in hardship (Chen: 低保, Zhao: 优抚): each is
    // subsidised 0.50 more, all of it from the budget that pays "the rest" (镇街).
    const simulated = await after(page, 'policy-simulated', () => page.getByTestId('policy-simulate').click());
    expect(simulated['month']).toBe(LAST_MONTH);
    expect(simulated['difference']).toBe(100);
    expect(Number(simulated['draft']) - Number(simulated['current'])).toBe(100);
    expect(simulated['budgets']).toEqual([
      { source: 'city', difference: 0 },
      { source: 'district', difference: 0 },
      { source: 'town', difference: 100 },
    ]);
    await expect(page.getByTestId('sim-total-difference').textContent()).resolves.toBe('+1.00元');
    await expect(page.getByTestId('sim-budget-town-difference').textContent()).resolves.toBe('+1.00元');
    await expect(page.getByTestId('sim-elders').textContent()).resolves.toContain('受益增加 2 人');
    expect(await seriousViolations(page)).toEqual([]);

    // Publish: the confirmation states the effective date.
    await page.getByTestId('policy-publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await expect(dialog.textContent()).resolves.toContain('2026-12-01');
    const published = await after(page, 'policy-published', () => page.getByTestId('publish-dialog-confirm').click());
    expect(published).toEqual({ policyId: 'guangzhou-zhucan', version: 3, effectiveFrom: '2026-12-01' });
    await expect(page.getByTestId('policy-guangzhou-zhucan-3').textContent()).resolves.toContain('待生效');
    await expect(current.textContent()).resolves.toContain('现行');

    // At the hub: version 3 as the form made it.
    const stored = await getPolicy(hub.store.db, hub.seeded.district.admin, { districtId: hub.seeded.district.districtId, policyId: 'guangzhou-zhucan', version: 3 });
    const tier = stored.ok ? stored.value?.policy.tiers[0]?.benefits[0] : undefined;
    expect(tier !== undefined && tier.kind === 'fixedPersonal' ? tier.amount : null).toBe(50);
  });

  it('refuses an effective date that is not after today, beside the date', async () => {
    const { page } = t;
    await signIn(page, ADMIN);
    await openPolicy(page);
    await page.getByTestId('policy-new').click();
    await page.getByTestId('draft-effective-from').fill('2026-11-24');
    const problems = await after(page, 'policy-problems', () => page.getByTestId('policy-check').click());
    expect(problems['paths']).toEqual(['effectiveFrom']);
    await expect(page.getByTestId('draft-effective-from').getAttribute('aria-invalid')).resolves.toBe('true');
  });

  it('lets a viewer simulate but offers no publishing', async () => {
    const { page } = t;
    await signIn(page, VIEWER);
    await openPolicy(page);
    await page.getByTestId('policy-new').click();
    await page.getByTestId('draft-effective-from').fill('2026-12-01');
    const simulated = await after(page, 'policy-simulated', () => page.getByTestId('policy-simulate').click());
    expect(simulated['difference']).toBe(0);
    await expect(page.getByTestId('policy-publish').count()).resolves.toBe(0);
  });
});

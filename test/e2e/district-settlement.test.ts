/**
 * Monthly settlement in Chromium against a real hub: last month's figures as the kiosks priced them,
 * an admin's approval after a confirmation (cancel first: nothing changes), the approval recorded as
 * a revision; a viewer has no approve button and the hub refuses the viewer's approval made by hand.
 */
import { describe, expect, it } from 'vitest';
import { ingestBatch } from '../../server/ingest/index.js';
import { formatMoney } from '../../shared/money.js';
import { testElder } from '../helpers/hub-upload.js';
import { ADMIN, after, CANTEEN_A, CANTEEN_B, LAST_MONTH, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser();

describe('district web app: monthly settlement', () => {
  it('shows last month as a draft with the kiosks’ subsidy, and an admin approves it after confirming', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    const draft = await after(page, 'settlement', () => page.getByRole('link', { name: '月度结算' }).click());
    expect(draft).toEqual({ month: LAST_MONTH, state: 'draft', canteens: 2, subsidy: hub.seeded.subsidyLastMonth });
    await expect(page.getByTestId('settlement-state').textContent()).resolves.toBe('草稿：尚未审核');
    await expect(page.getByTestId('settlement-table-owed').textContent()).resolves.toBe(formatMoney(hub.seeded.subsidyLastMonth, 'zh-CN'));
    await expect(page.getByTestId('settlement-row').count()).resolves.toBe(2);
    // The budgets that pay: the city, the district and the town (the rest), as columns and as totals.
    await expect(page.getByTestId('settlement-sources').textContent()).resolves.toMatch(/市级财政.*区级财政.*街镇财政/);

    await page.getByTestId('settlement-approve').click();
    await page.getByTestId('approve-dialog').waitFor();
    await page.getByTestId('approve-dialog').getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('settlement-state').textContent()).resolves.toBe('草稿：尚未审核');

    await page.getByTestId('settlement-approve').click();
    const approved = await after(page, 'settlement-approved', () => page.getByTestId('approve-dialog-confirm').click());
    expect(approved).toEqual({ month: LAST_MONTH, revision: 1 });
    await page.getByTestId('settlement-state').filter({ hasText: '已审核' }).waitFor();
    await expect(page.getByTestId('settlement-revisions').textContent()).resolves.toContain(`第 1 版：${ADMIN.login}`);
    await expect(page.getByTestId('settlement-approve').isDisabled()).resolves.toBe(true);

    // A meal of last month arrives after the approval (kiosk A2 was offline): the month is visibly
    // changed, the approved figures stay beside today's, and approving again makes revision 2.
    const late = hub.seeded.kiosks.a2;
    late.checkin(testElder('e-wu', '1941-06-06', { region: '440104001' }), { at: '2026-10-12T04:30:00.000Z' });
    const at = new Date(hub.clock.now()).toISOString();
    const sent = await ingestBatch(hub.store.db, { body: late.batch({ sentAt: at }), receivedAt: at });
    expect(sent.ok).toBe(true);
    await page.reload();
    await page.getByTestId('settlement-state').filter({ hasText: '审核后有变化' }).waitFor();
    await expect(page.getByTestId('settlement-changed').textContent()).resolves.toContain('1 条更正');
    await expect(page.getByTestId('settlement-approved-table-owed').textContent()).resolves.toBe(formatMoney(hub.seeded.subsidyLastMonth, 'zh-CN'));
    await page.getByTestId('settlement-approve').click();
    const again = await after(page, 'settlement-approved', () => page.getByTestId('approve-dialog-confirm').click());
    expect(again).toEqual({ month: LAST_MONTH, revision: 2 });
    await page.getByTestId('settlement-state').filter({ hasText: '已审核' }).waitFor();
    await expect(page.getByTestId('settlement-revisions').locator('li').count()).resolves.toBe(2);
  });

  it('the current month cannot be approved yet, and says so', async () => {
    const { page } = t;
    await signIn(page, ADMIN);
    await after(page, 'settlement', () => page.getByRole('link', { name: '月度结算' }).click());
    await page.getByTestId('settlement-month').fill('2026-11');
    const shown = await after(page, 'settlement', () => page.getByTestId('settlement-show').click());
    expect(shown['month']).toBe('2026-11');
    await expect(page.getByTestId('settlement-approve').isDisabled()).resolves.toBe(true);
    await page.getByText('本月尚未结束').waitFor();
  });

  it('a viewer sees the figures but no approve button, and the hub refuses the viewer’s approval', async () => {
    const { page } = t;
    await signIn(page, VIEWER);
    await after(page, 'settlement', () => page.getByRole('link', { name: '月度结算' }).click());
    await expect(page.getByTestId('settlement-row').count()).resolves.toBe(2);
    await expect(page.getByTestId('settlement-approve').count()).resolves.toBe(0);
    // Grading: at A three elders on the one day served last month, at B two — far from 20 a day.
    const grading = page.getByTestId('grading-table');
    await grading.locator('tbody tr').first().waitFor();
    await expect(grading.locator('tbody tr').filter({ hasText: CANTEEN_A }).locator('td').allTextContents()).resolves.toEqual(['1', '3', '3.00', '3', '未达到']);
    await expect(grading.locator('tbody tr').filter({ hasText: CANTEEN_B }).locator('td').allTextContents()).resolves.toEqual(['1', '2', '2.00', '2', '未达到']);
    const status = await page.evaluate(async (month) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const r = await fetch(`/api/v1/settlements/${month}/approve`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Zhucan-CSRF': session.csrfToken }, body: '{}' });
      return r.status;
    }, LAST_MONTH);
    expect(status).toBe(403);
  });
});

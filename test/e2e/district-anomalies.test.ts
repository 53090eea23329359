/**
 * Anomalies in Chromium against a real hub: the elder the seed had subsidised in two canteens in one
 * lunch is listed, opens to both records behind it, and an admin resolves it with a note (a note is
 * required); a viewer reads it but has no resolve form.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, after, CANTEEN_A, CANTEEN_B, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser();

async function openDuplicate(): Promise<void> {
  const { page } = t;
  const listed = await after(page, 'anomalies', () => page.getByRole('link', { name: '异常', exact: true }).click());
  expect(listed).toMatchObject({ count: 1, status: 'open' });
  await after(page, 'anomaly', () => page.getByTestId('anomalies-table').getByRole('link', { name: '同一长者多点补贴' }).click());
}

describe('district web app: anomalies', () => {
  it('lists the elder subsidised twice, shows both records, and an admin resolves it with a note', async () => {
    const { page } = t;
    await signIn(page, ADMIN);
    await openDuplicate();
    const records = page.getByTestId('anomaly-records');
    await expect(records.locator('tbody tr').count()).resolves.toBe(2);
    const text = (await records.textContent()) ?? '';
    expect(text).toContain(CANTEEN_A);
    expect(text).toContain(CANTEEN_B);
    expect(text).toContain('e-chen');

    await page.getByTestId('resolve-submit').click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('请填写处理说明');
    await page.getByTestId('resolve-note').fill('已电话核实：陈某当天在东山饭堂就餐，北京街一笔为误刷，已通知饭堂撤销。');
    const resolved = await after(page, 'anomaly', () => page.getByTestId('resolve-submit').click());
    expect(resolved['status']).toBe('resolved');
    await expect(page.getByTestId('anomaly-status').textContent()).resolves.toBe('已处理');
    await expect(page.getByTestId('anomaly-note').textContent()).resolves.toContain('误刷');
    await expect(page.getByTestId('resolve-note').count()).resolves.toBe(0);

    // The open list no longer has it; the resolved one does.
    const open = await after(page, 'anomalies', () => page.getByRole('link', { name: '← 返回异常列表' }).click());
    expect(open['count']).toBe(0);
    await page.getByTestId('anomalies-status').selectOption('resolved');
    const done = await after(page, 'anomalies', () => page.getByTestId('anomalies-apply').click());
    expect(done).toMatchObject({ count: 1, status: 'resolved' });
  });

  it('a viewer reads the anomaly and its records but has no resolve form', async () => {
    const { page } = t;
    await signIn(page, VIEWER);
    await openDuplicate();
    await expect(page.getByTestId('anomaly-records').locator('tbody tr').count()).resolves.toBe(2);
    await expect(page.getByTestId('resolve-note').count()).resolves.toBe(0);
  });
});

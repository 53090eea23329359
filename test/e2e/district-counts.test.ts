/**
 * The overview and the daily counts in Chromium against a real hub fed by signed kiosk uploads: the
 * numbers on screen are the kiosks' own (counted here from the seeded ledgers, not from the hub), the
 * overview comes in one request however many canteens there are, an amended day is marked with its
 * amendment, the filter narrows the rows, and the CSV export holds the same rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_PATH } from '../../shared/hub-api/overview-views.js';
import { after, ADMIN, CANTEEN_A, CANTEEN_B, TODAY, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser({ hubPerFile: true });

describe('district web app: overview and daily counts', () => {
  it('the overview shows the seeded canteens, today’s meals and the open anomaly', async () => {
    const { page, hub } = t;
    await page.getByTestId('login-name').fill(VIEWER.login);
    await page.getByTestId('login-password').fill(VIEWER.password);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const shown = await after(page, 'overview', () => page.getByTestId('login-submit').click());
    expect(shown).toEqual({ canteens: 2, mealsToday: hub.seeded.mealsToday, claimableToday: hub.seeded.claimableToday, openAnomalies: 1 });
    // One request for the whole district, none per canteen.
    expect(asked.filter((path) => path === OVERVIEW_PATH)).toHaveLength(1);
    expect(asked.filter((path) => path.startsWith('/api/v1/canteens') || path.startsWith('/api/v1/counts') || path.startsWith('/api/v1/anomalies'))).toEqual([]);
    await expect(page.getByTestId('overview-meals').textContent()).resolves.toBe(String(hub.seeded.mealsToday));
    await expect(page.getByTestId('overview-anomalies').textContent()).resolves.toBe('1');
    const rowA = page.getByTestId(`overview-row-${hub.seeded.canteenA.id}`);
    await expect(rowA.getByRole('rowheader').textContent()).resolves.toBe(CANTEEN_A);
    // Two kiosks at A, both heard from today; the meals column is A's own.
    await expect(rowA.locator('td').nth(0).textContent()).resolves.toBe('2');
    await expect(rowA.locator('td').nth(1).textContent()).resolves.toBe('2026-11-24 13:00');
    await expect(rowA.locator('td').nth(2).textContent()).resolves.toBe('正常');
    await expect(rowA.locator('td').nth(3).textContent()).resolves.toBe(String(hub.seeded.mealsTodayA));
    await expect(page.getByTestId('live').textContent()).resolves.toContain(`今日就餐 ${hub.seeded.mealsToday} 份`);
  });

  it('daily counts: the filter narrows to a canteen and dates, the amended day is marked, the CSV holds the rows', async () => {
    const { page, hub } = t;
    await page.getByTestId('login-name').fill(ADMIN.login);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await after(page, 'overview', () => page.getByTestId('login-submit').click());
    const month = await after(page, 'counts', () => page.getByRole('link', { name: '每日就餐统计' }).click());
    expect(month).toMatchObject({ from: '2026-11-01', to: TODAY, canteenId: null, amendedDays: 1 });
    await expect(page.getByTestId('counts-table').getByRole('rowheader').filter({ hasText: CANTEEN_B }).count()).resolves.toBeGreaterThan(0);
    await page.getByTestId('counts-chart').waitFor();

    await page.getByTestId('counts-from').fill('2026-11-23');
    await page.getByTestId('counts-to').fill(TODAY);
    await page.getByTestId('counts-canteen').selectOption(String(hub.seeded.canteenA.id));
    const narrowed = await after(page, 'counts', () => page.getByTestId('counts-apply').click());
    expect(narrowed).toMatchObject({ from: '2026-11-23', to: TODAY, canteenId: hub.seeded.canteenA.id, amendedDays: 1 });
    const rows = page.getByTestId('counts-row');
    const n = await rows.count();
    expect(n).toBe(narrowed['rows']);
    for (const name of await page.getByTestId('counts-table').locator('tbody').getByRole('rowheader').allTextContents()) expect(name).toBe(CANTEEN_A);
    // Two days at A: yesterday's three lunches (one of them late) and today's three plus a sale.
    await expect(page.getByTestId('counts-total-meals').textContent()).resolves.toBe(String(3 + hub.seeded.mealsTodayA));

    // Yesterday at A changed after it was counted: each of its rows is marked, and the mark leads to the amendment.
    const marked = page.locator('tr.amended');
    expect(await marked.count()).toBeGreaterThan(0);
    for (const date of await marked.locator('td').first().allTextContents()) expect(date).toBe('2026-11-23');
    await marked.first().getByTestId('amended-mark').click();
    const amendments = page.getByTestId('amendments');
    await expect(amendments.textContent()).resolves.toContain('dongshan-2');
    await expect(amendments.textContent()).resolves.toContain('迟到的就餐');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('counts-export-csv').click()]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
    // A header and one line per row on screen, every one of them canteen A's.
    expect(lines.length).toBe(n + 1);
    expect(lines.slice(1).every((l) => l.includes(CANTEEN_A))).toBe(true);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it('refuses a range the hub would refuse, before asking it', async () => {
    const { page } = t;
    await page.getByTestId('login-name').fill(VIEWER.login);
    await page.getByTestId('login-password').fill(VIEWER.password);
    await after(page, 'overview', () => page.getByTestId('login-submit').click());
    await after(page, 'counts', () => page.getByRole('link', { name: '每日就餐统计' }).click());
    await page.getByTestId('counts-from').fill('2026-11-24');
    await page.getByTestId('counts-to').fill('2026-11-01');
    await page.getByTestId('counts-apply').click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('开始日期不能晚于结束日期');
  });
});

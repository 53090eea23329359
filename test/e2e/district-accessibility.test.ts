/**
 * axe-core (WCAG 2.0 A / AA, WCAG 2.1 AA) on every screen of the district web app in Chromium, at a
 * 1280×800 laptop: login (with a refusal), overview, daily counts (with an amended day), settlement
 * (with the approval dialog open), anomalies, one anomaly, canteens (with the new-canteen form), one
 * canteen with a fresh enrolment code, and English. No violation of impact serious or critical; a
 * failure lists screen, rule and CSS targets. Then the same app on a 1920 screen and at 1280 wide:
 * the page itself never scrolls sideways (wide tables scroll inside their own region).
 */
import { describe, expect, it } from 'vitest';
import { useAxeAudit } from './axe-audit.js';
import { ADMIN, after, signIn, useDistrictInBrowser } from './district-harness.js';

const t = useDistrictInBrowser({ hubPerFile: true });
const { audit, expectNone } = useAxeAudit(() => t.page);

/** Runs in the page: which element has the focus (its data-testid). */
function focusedTestId(): string | null {
  const doc = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document;
  return doc.activeElement?.getAttribute('data-testid') ?? null;
}

/** Runs in the page: the text of the element that has the focus. */
function focusedText(): string | null {
  const doc = (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document;
  return doc.activeElement?.textContent ?? null;
}

/** Runs in the page: how far the page scrolls sideways (0 when it fits). */
function sideways(): number {
  const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
  return root.scrollWidth - root.clientWidth;
}

async function go(name: string, event: string): Promise<void> {
  await after(t.page, event, () => t.page.getByRole('navigation').getByRole('link', { name, exact: true }).click());
}

describe('district web app: accessibility (axe, WCAG 2.1 AA) and layout', () => {
  it('has no serious or critical violation on any screen, and breaks no rule of the hub’s CSP', async () => {
    const { page } = t;
    // The hub's CSP forbids inline scripts and styles: Chromium reports each refusal on the console.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(`page error: ${e.message}`));
    await page.reload();
    await page.getByTestId('login-name').waitFor();
    await audit('login');
    await page.getByTestId('login-name').fill(ADMIN.login);
    await page.getByTestId('login-password').fill('wrong password');
    await after(page, 'login-refused', () => page.getByTestId('login-submit').click());
    await audit('login: refused');

    await page.getByTestId('login-password').fill(ADMIN.password);
    await after(page, 'overview', () => page.getByTestId('login-submit').click());
    await audit('overview');

    await go('每日就餐统计', 'counts');
    await page.getByTestId('amended-banner').waitFor();
    await audit('daily counts');

    await go('月度结算', 'settlement');
    await audit('settlement');
    await page.getByTestId('settlement-approve').click();
    await page.getByTestId('approve-dialog').waitFor();
    await audit('settlement: approval dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('approve-dialog').waitFor({ state: 'detached' });

    await go('异常', 'anomalies');
    await audit('anomalies');
    await after(page, 'anomaly', () => page.getByTestId('anomalies-table').getByRole('link').first().click());
    await audit('anomaly');

    await go('助餐点', 'canteens');
    await page.getByTestId('canteen-add').click();
    await audit('canteens: new canteen form');
    await page.getByRole('button', { name: '取消' }).click();
    await after(page, 'canteen', () => page.getByTestId('canteens-table').getByRole('link').first().click());
    await after(page, 'enrolment-code', () => page.getByTestId('code-make').click());
    await audit('canteen with its code');

    await page.getByRole('button', { name: 'English' }).click();
    await go('Overview', 'overview');
    await audit('overview in English');
    expectNone();
    expect(refused).toEqual([]);
  });

  it('the dialog takes the focus, Escape closes it and gives the focus back', async () => {
    const { page } = t;
    await signIn(page, ADMIN);
    await go('月度结算', 'settlement');
    await page.getByTestId('settlement-approve').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('approve-dialog').waitFor();
    await expect(page.evaluate(focusedTestId)).resolves.toBe('approve-dialog-cancel');
    await page.keyboard.press('Escape');
    await page.getByTestId('approve-dialog').waitFor({ state: 'detached' });
    await expect(page.evaluate(focusedTestId)).resolves.toBe('settlement-approve');
  });

  it('titles the page after the screen, and the skip link takes the keyboard to the screen’s heading', async () => {
    const { page } = t;
    await page.getByTestId('login-name').waitFor();
    await expect(page.title()).resolves.toBe('登录 · 助餐 · 区民政管理平台');
    await signIn(page, ADMIN);
    await go('月度结算', 'settlement');
    await expect(page.title()).resolves.toBe('月度结算 · 助餐 · 区民政管理平台');
    await page.getByRole('link', { name: '跳到主要内容' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(focusedText)).resolves.toBe('月度结算');
    // The route is the hash: the skip link must not have changed it.
    await expect(page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).resolves.toBe('#/settlement');
  });

  it('fits 1280×800 and a 1920 screen without sideways page scrolling', async () => {
    const { page, hub, browser } = t;
    await signIn(page, ADMIN);
    for (const [name, event] of [
      ['每日就餐统计', 'counts'],
      ['月度结算', 'settlement'],
      ['异常', 'anomalies'],
      ['助餐点', 'canteens'],
    ] as const) {
      await go(name, event);
      await expect(page.evaluate(sideways), name).resolves.toBe(0);
    }
    const wide = await hub.openPage(browser, { viewport: { width: 1920, height: 1080 } });
    try {
      await signIn(wide.page, ADMIN);
      await after(wide.page, 'counts', () => wide.page.getByRole('navigation').getByRole('link', { name: '每日就餐统计' }).click());
      await expect(wide.page.evaluate(sideways)).resolves.toBe(0);
    } finally {
      await wide.context.close();
    }
  });
});

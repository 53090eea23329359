/**
 * The shift in the browser: signing in (a wrong PIN says so and opens nothing), switching the
 * language, and the two idle locks — the back end's own count (moved by the test's clock) and the
 * screen's timer (moved by Playwright's clock) — each ending on the lock screen, unlocked by the PIN.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SessionView } from '../../shared/kiosk-api/views.js';
import { CASHIER, launchChromium, MANAGER, signIn, startKiosk } from './kiosk-harness.js';
import type { RunningKiosk } from './kiosk-harness.js';

let browser: Browser;
let kiosk: RunningKiosk;
let context: BrowserContext | null;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  kiosk = await startKiosk();
  context = null;
});
afterEach(async () => {
  await context?.close();
  await kiosk.close();
});

async function open(): Promise<void> {
  ({ context, page } = await kiosk.openPage(browser));
}

async function status(): Promise<SessionView> {
  const r = await kiosk.backend.call('session.status', {});
  if (!r.ok) throw new Error(`session.status: ${JSON.stringify(r.error)}`);
  return r.value as SessionView;
}

const lockScreen = () => page.getByRole('heading', { name: '屏幕已锁定' });

async function unlock(pin: string): Promise<void> {
  await expect(page.getByText(`${CASHIER.name}，请输入密码解锁`).count()).resolves.toBe(1);
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-input').press('Enter');
  await page.getByTestId('operator-name').waitFor();
}

describe('the shift in the browser', () => {
  it('refuses a wrong PIN with a message and opens the shift on the right one', async () => {
    await open();
    await page.getByRole('heading', { name: '开始当班' }).waitFor();
    await page.getByRole('button', { name: CASHIER.name }).click();
    await page.getByTestId('pin-input').fill('9999');
    await page.getByTestId('pin-input').press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('密码不对，请重新输入');
    await expect(page.getByTestId('operator-name').count()).resolves.toBe(0);
    await expect(status()).resolves.toMatchObject({ operator: null });
    // The field was cleared for the next try.
    await expect(page.getByTestId('pin-input').inputValue()).resolves.toBe('');
    await page.getByTestId('pin-input').fill(CASHIER.pin);
    await page.getByTestId('pin-input').press('Enter');
    await expect(page.getByTestId('operator-name').textContent()).resolves.toBe(CASHIER.name);
    await expect(status()).resolves.toMatchObject({ operator: { id: CASHIER.id }, locked: false });
  });

  it('switches the whole window to English and back to Chinese', async () => {
    await open();
    await signIn(page, CASHIER);
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: '收银', exact: true }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await nav.getByRole('button', { name: 'Check-in', exact: true }).waitFor();
    for (const word of ['Records', 'Day close', 'Paper roster']) await expect(nav.getByRole('button', { name: word, exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /Find by hand/ }).count()).resolves.toBe(1);
    await expect(nav.textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await expect(status()).resolves.toMatchObject({ settings: { locale: 'en' } });
    // The page's own language follows (WCAG 3.1.1), so a screen reader reads it as English.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    // The button that switches back names its language in that language.
    await expect(page.getByRole('button', { name: '中文' }).getAttribute('lang')).resolves.toBe('zh-CN');
    await page.getByRole('button', { name: '中文' }).click();
    await nav.getByRole('button', { name: '收银', exact: true }).waitFor();
    await expect(status()).resolves.toMatchObject({ settings: { locale: 'zh-CN' } });
  });

  it("locks when the back end's clock has moved past the lock time, and unlocks with the PIN", async () => {
    // A manager sets the lock time to 1 minute through the API, then the shift is handed over.
    await expect(kiosk.backend.call('session.start', { operatorId: MANAGER.id, pin: MANAGER.pin })).resolves.toMatchObject({ ok: true });
    const current = await status();
    await expect(kiosk.backend.call('settings.save', { ...current.settings, lockMinutes: 1 })).resolves.toMatchObject({ ok: true });
    await expect(kiosk.backend.call('session.end', {})).resolves.toMatchObject({ ok: true });

    await open();
    await signIn(page, CASHIER);
    kiosk.clock.advance(2 * 60_000);
    // A screen that loads data asks the back end, which refuses and tells every window the shift is
    // locked: the lock screen comes up at once (not at the screen's next poll), and no record is shown.
    await page.getByRole('navigation').getByRole('button', { name: '记录', exact: true }).click();
    await lockScreen().waitFor();
    await expect(page.getByTestId(/^record-/).count()).resolves.toBe(0);
    await expect(status()).resolves.toMatchObject({ locked: true, operator: { id: CASHIER.id } });
    await page.getByTestId('pin-input').fill('0000');
    await page.getByTestId('pin-input').press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('密码不对，请重新输入');
    await unlock(CASHIER.pin);
    await expect(status()).resolves.toMatchObject({ locked: false, operator: { id: CASHIER.id } });
  });

  it("locks by the screen's own idle timer (Playwright's clock moved past 10 minutes), and unlocks with the PIN", async () => {
    // openPage installs Playwright's clock (running in real time) before the app's scripts run.
    await open();
    await signIn(page, CASHIER);
    expect((await status()).settings.lockMinutes).toBe(10);

    await page.clock.fastForward('09:00');
    await expect(lockScreen().count()).resolves.toBe(0);
    await page.clock.fastForward('01:01');
    await lockScreen().waitFor();
    // The back end was told (session.lock), not just the screen: its own clock has not moved.
    await expect(status()).resolves.toMatchObject({ locked: true, manager: null });
    await unlock(CASHIER.pin);
  });
});

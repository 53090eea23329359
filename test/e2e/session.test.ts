/**
 * The shift in the browser: signing in (a wrong PIN says so and opens nothing), switching the
 * language, and the two idle locks — the back end's own count (moved by the test's clock) and the
 * screen's timer (moved by Playwright's clock) — each ending on the lock screen, unlocked by the PIN.
 */
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/kiosk-api/views.js';
import { after, CASHIER, dec10, demoRoster, MANAGER, scan, signIn, useKioskInBrowser } from './kiosk-harness.js';

const t = useKioskInBrowser({ openPage: false });

async function status(): Promise<SessionView> {
  const r = await t.kiosk.backend.call('session.status', {});
  if (!r.ok) throw new Error(`session.status: ${JSON.stringify(r.error)}`);
  return r.value as SessionView;
}

const lockScreen = () => t.page.getByRole('heading', { name: '屏幕已锁定' });

async function unlock(pin: string): Promise<void> {
  await expect(t.page.getByText(`${CASHIER.name}，请输入密码解锁`).count()).resolves.toBe(1);
  await t.page.getByTestId('pin-input').fill(pin);
  await t.page.getByTestId('pin-input').press('Enter');
  await t.page.getByTestId('operator-name').waitFor();
}

describe('the shift in the browser', () => {
  it('refuses a wrong PIN with a message and opens the shift on the right one', async () => {
    await t.open();
    await t.page.getByRole('heading', { name: '开始当班' }).waitFor();
    await t.page.getByRole('button', { name: CASHIER.name }).click();
    await t.page.getByTestId('pin-input').fill('9999');
    await t.page.getByTestId('pin-input').press('Enter');
    await expect(t.page.getByRole('alert').textContent()).resolves.toBe('密码不对，请重新输入');
    await expect(t.page.getByTestId('operator-name').count()).resolves.toBe(0);
    await expect(status()).resolves.toMatchObject({ operator: null });
    // The field was cleared for the next try.
    await expect(t.page.getByTestId('pin-input').inputValue()).resolves.toBe('');
    await t.page.getByTestId('pin-input').fill(CASHIER.pin);
    await t.page.getByTestId('pin-input').press('Enter');
    await expect(t.page.getByTestId('operator-name').textContent()).resolves.toBe(CASHIER.name);
    await expect(status()).resolves.toMatchObject({ operator: { id: CASHIER.id }, locked: false });
  });

  it('switches the whole window to English and back to Chinese', async () => {
    await t.open();
    await signIn(t.page, CASHIER);
    const nav = t.page.getByRole('navigation');
    await nav.getByRole('button', { name: '收银', exact: true }).waitFor();
    await t.page.getByRole('button', { name: 'English' }).click();
    await nav.getByRole('button', { name: 'Check-in', exact: true }).waitFor();
    for (const word of ['Records', 'Day close', 'Paper roster']) await expect(nav.getByRole('button', { name: word, exact: true }).count()).resolves.toBe(1);
    await expect(t.page.getByRole('button', { name: /Find by hand/ }).count()).resolves.toBe(1);
    await expect(nav.textContent()).resolves.not.toMatch(/[\u4e00-\u9fff]/);
    await expect(status()).resolves.toMatchObject({ settings: { locale: 'en' } });
    // The page's own language follows (WCAG 3.1.1), so a screen reader reads it as English.
    await expect(t.page.locator('html').getAttribute('lang')).resolves.toBe('en');
    // The button that switches back names its language in that language.
    await expect(t.page.getByRole('button', { name: '中文' }).getAttribute('lang')).resolves.toBe('zh-CN');
    await t.page.getByRole('button', { name: '中文' }).click();
    await nav.getByRole('button', { name: '收银', exact: true }).waitFor();
    await expect(status()).resolves.toMatchObject({ settings: { locale: 'zh-CN' } });
  });

  it("locks when the back end's clock has moved past the lock time, and unlocks with the PIN", async () => {
    // A manager sets the lock time to 1 minute through the API, then the shift is handed over.
    await expect(t.kiosk.backend.call('session.start', { operatorId: MANAGER.id, pin: MANAGER.pin })).resolves.toMatchObject({ ok: true });
    const current = await status();
    await expect(t.kiosk.backend.call('settings.save', { ...current.settings, lockMinutes: 1 })).resolves.toMatchObject({ ok: true });
    await expect(t.kiosk.backend.call('session.end', {})).resolves.toMatchObject({ ok: true });

    await t.open();
    await signIn(t.page, CASHIER);
    t.kiosk.clock.advance(2 * 60_000);
    // A screen that loads data asks the back end, which refuses and tells every window the shift is
    // locked: the lock screen comes up at once (not at the screen's next poll), and no record is shown.
    await t.page.getByRole('navigation').getByRole('button', { name: '记录', exact: true }).click();
    await lockScreen().waitFor();
    await expect(t.page.getByTestId(/^record-/).count()).resolves.toBe(0);
    await expect(status()).resolves.toMatchObject({ locked: true, operator: { id: CASHIER.id } });
    await t.page.getByTestId('pin-input').fill('0000');
    await t.page.getByTestId('pin-input').press('Enter');
    await expect(t.page.getByRole('alert').textContent()).resolves.toBe('密码不对，请重新输入');
    await unlock(CASHIER.pin);
    await expect(status()).resolves.toMatchObject({ locked: false, operator: { id: CASHIER.id } });
  });

  it("locks by the screen's own idle timer (Playwright's clock moved past 10 minutes), and unlocks with the PIN", async () => {
    // openPage installs Playwright's clock (running in real time) before the app's scripts run.
    await t.open();
    await signIn(t.page, CASHIER);
    expect((await status()).settings.lockMinutes).toBe(10);

    await t.page.clock.fastForward('09:00');
    await expect(lockScreen().count()).resolves.toBe(0);
    await t.page.clock.fastForward('01:01');
    await lockScreen().waitFor();
    // The back end was told (session.lock), not just the screen: its own clock has not moved.
    await expect(status()).resolves.toMatchObject({ locked: true, manager: null });
    await unlock(CASHIER.pin);
  });

  it('does not lock during a rush of swipes with nobody touching the screen', async () => {
    await t.open();
    await signIn(t.page, CASHIER);
    const cards = demoRoster()
      .elders.filter((e) => e.active && e.cards.some((c) => c.state === 'active'))
      .slice(0, 3)
      .map((e) => dec10(e.cards.find((c) => c.state === 'active')?.uid ?? ''));
    // Three swipes 6 minutes apart: 18 minutes with no touch or typed key, never 10 without a swipe.
    for (const card of cards) {
      await t.page.clock.fastForward('06:00');
      await after(t.page, 'checkin', () => scan(t.page, card));
    }
    await expect(lockScreen().count()).resolves.toBe(0);
    await expect(status()).resolves.toMatchObject({ locked: false });
  });
});

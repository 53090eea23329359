/**
 * The district web app in Chromium against a real hub: signing in (a wrong password, the lockout,
 * success), the shell, signing out, and a session that ends while the page is open.
 */
import { describe, expect, it } from 'vitest';
import { after, ADMIN, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser();

/** Runs in the page: which element has the focus (its data-testid). */
function focusedTestId(): string | null {
  const doc = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document;
  return doc.activeElement?.getAttribute('data-testid') ?? null;
}

describe('district web app: signing in and out', () => {
  it('refuses a wrong password in words, then signs in with the right one', async () => {
    const { page } = t;
    await page.getByRole('heading', { name: '助餐 · 区民政管理平台' }).waitFor();
    await page.getByTestId('login-name').fill(ADMIN.login);
    await page.getByTestId('login-password').fill('not the password');
    const refused = await after(page, 'login-refused', () => page.getByTestId('login-submit').click());
    expect(refused['kind']).toBe('badCredentials');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('登录名或密码不正确');
    // The password field is emptied and focused for the next try.
    await expect(page.getByTestId('login-password').inputValue()).resolves.toBe('');
    await expect(page.evaluate(focusedTestId)).resolves.toBe('login-password');

    await signIn(page, ADMIN);
    await expect(page.getByTestId('account-login').textContent()).resolves.toBe(ADMIN.login);
    await expect(page.getByTestId('account-role').textContent()).resolves.toBe('管理员');
    await expect(page.getByTestId('district-name').textContent()).resolves.toBe('越秀区');
  });

  it('says until when an account is locked after five wrong passwords', async () => {
    const { page } = t;
    await page.getByTestId('login-name').fill(VIEWER.login);
    for (let i = 0; i < 5; i += 1) {
      await page.getByTestId('login-password').fill(`wrong password ${i}`);
      await after(page, 'login-refused', () => page.getByTestId('login-submit').click());
    }
    await page.getByTestId('login-password').fill(VIEWER.password);
    const refused = await after(page, 'login-refused', () => page.getByTestId('login-submit').click());
    expect(refused['kind']).toBe('locked');
    await expect(page.getByTestId('login-problem').textContent()).resolves.toMatch(/已锁定至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('keeps the session over a reload, and signing out ends it', async () => {
    const { page } = t;
    await signIn(page, VIEWER);
    await page.reload();
    await page.getByTestId('account-login').waitFor();
    await after(page, 'signed-out', () => page.getByTestId('sign-out').click());
    await page.getByTestId('login-name').waitFor();
    await page.reload();
    await page.getByTestId('login-name').waitFor();
    await expect(page.getByTestId('account-login').count()).resolves.toBe(0);
  });

  it('goes back to the login screen, saying why, when the session has ended meanwhile', async () => {
    const { page, hub } = t;
    // The overview's requests must be answered before the clock moves, or they would end the session first.
    await after(page, 'overview', () => signIn(page, VIEWER));
    // Nine hours without use: past the hub's 8-hour idle limit.
    hub.clock.advance(9 * 60 * 60 * 1000);
    await after(page, 'session-ended', () => page.getByRole('link', { name: '助餐点', exact: true }).click());
    await expect(page.getByRole('status').filter({ hasText: '登录已过期' }).count()).resolves.toBe(1);
    await signIn(page, VIEWER);
  });

  it('speaks English when asked, the hub’s refusals included, and switches back', async () => {
    const { page } = t;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Zhucan · District office' }).waitFor();
    await page.getByLabel('Login').fill(VIEWER.login);
    await page.getByLabel('Password').fill('not the password');
    await after(page, 'login-refused', () => page.getByRole('button', { name: 'Sign in' }).click());
    // Worded by the hub, in the language the page asked for (Accept-Language).
    await expect(page.getByTestId('login-problem').textContent()).resolves.toBe('Wrong login or password');
    await signIn(page, VIEWER);
    await page.getByRole('link', { name: 'Canteens' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '助餐点', exact: true }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  });
});

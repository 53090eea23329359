/**
 * Canteens in the district web app against a real hub: an admin creates a canteen and gets its
 * one-time enrolment code (which then really enrols a kiosk), a taken name is refused in the hub's
 * words, an admin revokes a kiosk after confirming (its uploads are refused from then on); a viewer
 * sees none of the admin's buttons, and the hub refuses the viewer's POST made by hand.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redeemEnrolmentCode } from '../../server/enrolment/index.js';
import { ingestBatch } from '../../server/ingest/index.js';
import { testElder } from '../helpers/hub-upload.js';
import { ADMIN, after, CANTEEN_A, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser({ hubPerFile: true });

async function openCanteens(): Promise<void> {
  await after(t.page, 'canteens', () => t.page.getByRole('link', { name: '助餐点', exact: true }).click());
}

describe('district web app: canteens and kiosks', () => {
  it('an admin creates a canteen and gets a one-time code that enrols a kiosk', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    await openCanteens();
    await page.getByTestId('canteen-add').click();
    await page.getByTestId('canteen-name').fill('农林街长者饭堂');
    await page.getByTestId('canteen-region').fill('440104005');
    await page.getByTestId('canteen-address').fill('农林下路 1 号');
    await page.getByTestId('canteen-operator').fill('某某养老服务中心');
    const created = await after(page, 'canteen', () => page.getByTestId('canteen-create').click());
    expect(created['devices']).toBe(0);
    await page.getByRole('heading', { name: '农林街长者饭堂', level: 1 }).waitFor();
    await page.getByTestId('no-devices').waitFor();

    await page.getByTestId('code-ttl').selectOption('24');
    const made = await after(page, 'enrolment-code', () => page.getByTestId('code-make').click());
    const code = (await page.getByTestId('enrolment-code').textContent()) ?? '';
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    // 24 hours after the hub's clock at the time of the request.
    const expiresAt = Date.parse(String(made['expiresAt']));
    expect(Math.abs(expiresAt - (hub.clock.now() + 24 * 3600_000))).toBeLessThan(60_000);
    await expect(page.getByTestId('enrolment-code-box').textContent()).resolves.toContain('只显示这一次');

    // The code on the screen is the real thing: a kiosk enrols with it, once.
    const key = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const now = new Date(hub.clock.now()).toISOString();
    const enrolled = await redeemEnrolmentCode(hub.store.db, { code, devicePublicKey: key, deviceId: 'nonglin-1', now });
    expect(enrolled.ok).toBe(true);
    const again = await redeemEnrolmentCode(hub.store.db, { code, devicePublicKey: key, deviceId: 'nonglin-2', now });
    expect(again.ok ? 'ok' : again.error.kind).toBe('used');
    // A reload starts the page's event log afresh: wait for the row itself.
    await page.reload();
    await page.getByTestId('device-nonglin-1').waitFor();
  });

  it('shows the hub’s refusal of a name already used in the district', async () => {
    const { page } = t;
    await signIn(page, ADMIN);
    await openCanteens();
    await page.getByTestId('canteen-add').click();
    await page.getByTestId('canteen-name').fill(CANTEEN_A);
    await page.getByTestId('canteen-create').click();
    await expect(page.getByTestId('canteen-form').getByRole('alert').textContent()).resolves.toContain(`本区已有名为“${CANTEEN_A}”的助餐点`);
  });

  it('an admin revokes a kiosk after confirming, and the hub refuses its uploads from then on', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    await openCanteens();
    await after(page, 'canteen', () => page.getByRole('link', { name: CANTEEN_A }).click());
    const row = page.getByTestId('device-dongshan-2');
    await expect(row.textContent()).resolves.toContain('使用中');
    await page.getByTestId('revoke-dongshan-2').click();
    const dialog = page.getByTestId('revoke-dialog');
    await dialog.waitFor();
    // Cancel first: nothing changes.
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(row.textContent()).resolves.toContain('使用中');
    await page.getByTestId('revoke-dongshan-2').click();
    await after(page, 'device-revoked', () => page.getByTestId('revoke-dialog-confirm').click());
    await expect(row.textContent()).resolves.toContain('停用');
    await expect(page.getByTestId('revoke-dongshan-2').count()).resolves.toBe(0);

    const kiosk = hub.seeded.kiosks.a2;
    kiosk.checkin(testElder('e-late', '1945-01-01', { region: '440104001' }), { at: '2026-11-24T04:30:00.000Z' });
    const answer = await ingestBatch(hub.store.db, { body: kiosk.batch({ sentAt: '2026-11-24T06:40:00.000Z' }), receivedAt: '2026-11-24T06:40:00.000Z' });
    expect(answer.ok ? 'accepted' : answer.kind).toBe('revoked');
  });

  it('a viewer sees no admin button, and the hub refuses the viewer’s POST made by hand', async () => {
    const { page, hub } = t;
    await signIn(page, VIEWER);
    await openCanteens();
    await expect(page.getByTestId('canteen-add').count()).resolves.toBe(0);
    await after(page, 'canteen', () => page.getByRole('link', { name: CANTEEN_A }).click());
    await page.getByTestId('device-dongshan-1').waitFor();
    await expect(page.getByTestId('code-make').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid^="revoke-"]').count()).resolves.toBe(0);

    // What a curious viewer could type into the browser's console: the page's own CSRF token, a valid body.
    const answer = await page.evaluate(async (canteenId) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const headers = { 'Content-Type': 'application/json', 'X-Zhucan-CSRF': session.csrfToken };
      const create = await fetch('/api/v1/canteens', { method: 'POST', headers, body: JSON.stringify({ name: '偷建的饭堂', regionCode: '440104009' }) });
      const code = await fetch(`/api/v1/canteens/${canteenId}/codes`, { method: 'POST', headers, body: '{}' });
      return { create: { status: create.status, body: (await create.json()) }, code: code.status };
    }, hub.seeded.canteenA.id);
    expect(answer.create.status).toBe(403);
    expect(answer.create.body).toMatchObject({ error: { kind: 'forbidden' } });
    expect(answer.code).toBe(403);
  });
});

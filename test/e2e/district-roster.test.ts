/**
 * The roster screen of the district web app against a real hub (Chromium): an admin imports a CSV —
 * the dry run reports every row (new, refused with its reason) and writes nothing; accepting writes
 * the good rows only; the elders are found by name, pinyin initials and the last 4 of the ID number;
 * an admin suspends an elder with a reason (recorded at the hub with who and why) and a viewer sees
 * no admin button. axe: no serious or critical violation on the screen, the import report and the
 * elder page.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getRosterElder, importRoster, searchRoster } from '../../server/roster/index.js';
import { makeIdNumber } from '../helpers/kiosk-fixture.js';
import { ADMIN, after, signIn, useDistrictInBrowser, VIEWER } from './district-harness.js';

const t = useDistrictInBrowser();

const ID = {
  wang: makeIdNumber('440104', '1944-05-02', 'F', 1),
  li: makeIdNumber('440104', '1950-08-15', 'M', 2),
  zhou: makeIdNumber('440104', '1938-01-20', 'F', 3),
};
const HEADER = '姓名,身份证号,卡号,类别,类别起始,类别截止,户籍地,常住地,养老机构,独居';
const FILE = [
  HEADER,
  `王秀英,${ID.wang},A1B2C3D4,低保,2025-01-01,,440104001,440104001,否,是`,
  `李国强,${ID.li},B2C3D4E5,,,,440104001,440104001,否,否`,
  `周桂兰,${ID.zhou},,,,,440104002,440104002,否,否`,
  // An ID number that is not one: refused, with its reason, and never written.
  `赵建华,44010419400101123,,,,,440104002,440104002,否,否`,
].join('\r\n');

async function openRoster(page: Page): Promise<void> {
  await after(page, 'roster', () => page.getByRole('navigation').getByRole('link', { name: '长者名册', exact: true }).click());
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function importFile(page: Page): Promise<void> {
  await page.getByTestId('roster-import-open').click();
  const report = await after(page, 'roster-import-report', () => page.getByTestId('roster-file').setInputFiles({ name: '越秀区名册.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE, 'utf8') }));
  expect(report).toMatchObject({ new: 3, changed: 0, unchanged: 0, refused: 1, written: 0 });
}

describe('district web app: roster', () => {
  it('imports a file: a row report first, nothing written until the admin accepts the good rows', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    await openRoster(page);
    await page.getByText('没有符合条件的长者').waitFor();
    await importFile(page);
    await expect(page.getByTestId('import-line-2').getAttribute('data-outcome')).resolves.toBe('new');
    await expect(page.getByTestId('import-line-5').getAttribute('data-outcome')).resolves.toBe('refused');
    // The reason is in words, next to the row.
    const refused = (await page.getByTestId('import-line-5').textContent()) ?? '';
    expect(refused).toContain('拒绝');
    expect(refused).toContain('身份证号应为18位');
    // The ID number is masked on screen: never the whole number.
    await expect(page.getByTestId('roster-import-rows').textContent()).resolves.not.toContain(ID.wang);
    expect(await seriousViolations(page)).toEqual([]);

    // The dry run wrote nothing.
    const admin = hub.seeded.district.admin;
    const before = await searchRoster(hub.store.db, admin, { districtId: hub.seeded.district.districtId });
    expect(before.ok && before.value.elders.length).toBe(0);

    const accepted = await after(page, 'roster-import-accepted', () => page.getByTestId('roster-import-accept').click());
    expect(accepted).toMatchObject({ new: 3, refused: 1, written: 3 });
    await expect(page.getByTestId('roster-import-summary').textContent()).resolves.toContain('写入 3 位长者');
    const written = await searchRoster(hub.store.db, admin, { districtId: hub.seeded.district.districtId });
    expect(written.ok && written.value.elders.map((e) => e.name).sort()).toEqual(['周桂兰', '李国强', '王秀英'].sort());
    // The list behind the import shows them.
    await page.getByTestId('roster-import-close').click();
    await expect(page.getByTestId('roster-table').locator('tbody tr').count()).resolves.toBe(3);
  });

  it('finds elders by name, pinyin initials and the last 4 of the ID number; an admin suspends one with a reason', async () => {
    const { page, hub } = t;
    await signIn(page, ADMIN);
    await openRoster(page);
    await importFile(page);
    await after(page, 'roster-import-accepted', () => page.getByTestId('roster-import-accept').click());
    await page.getByTestId('roster-import-close').click();

    async function find(q: string): Promise<string[]> {
      await page.getByTestId('roster-query').fill(q);
      await after(page, 'roster', () => page.getByTestId('roster-search').click());
      return page.getByTestId('roster-table').locator('tbody th').allTextContents();
    }
    await expect(find('秀英')).resolves.toEqual(['王秀英']);
    await expect(find('lgq')).resolves.toEqual(['李国强']);
    await expect(find(ID.zhou.slice(-4))).resolves.toEqual(['周桂兰']);

    await page.getByRole('button', { name: '周桂兰' }).click();
    const panel = page.getByTestId('elder-panel');
    await expect(panel.getByTestId('elder-state').textContent()).resolves.toBe('正常');
    await expect(panel.getByTestId('elder-facts').textContent()).resolves.toContain('1938-01-20');
    expect(await seriousViolations(page)).toEqual([]);

    // No reason: refused on the page, nothing sent.
    await panel.getByTestId('elder-status-submit').click();
    await expect(panel.getByRole('alert').textContent()).resolves.toContain('请填写暂停原因');
    await panel.getByTestId('elder-reason').fill('住院');
    const changed = await after(page, 'elder-status', () => panel.getByTestId('elder-status-submit').click());
    expect(changed['active']).toBe(false);
    await expect(panel.getByTestId('elder-history').textContent()).resolves.toContain(`由 ${ADMIN.login} 暂停：住院`);
    await expect(panel.getByTestId('elder-state').textContent()).resolves.toContain('已暂停');

    // At the hub: suspended, with who and why.
    const elderId = String(changed['elderId']);
    const stored = await getRosterElder(hub.store.db, hub.seeded.district.admin, { districtId: hub.seeded.district.districtId, elderId });
    expect(stored.ok && { active: stored.value.active, reason: stored.value.suspendedReason, by: stored.value.statusChanges[0]?.by }).toEqual({ active: false, reason: '住院', by: ADMIN.login });

    // The suspended filter finds exactly her.
    await page.getByTestId('roster-query').fill('');
    await page.getByTestId('roster-status-filter').selectOption('suspended');
    await after(page, 'roster', () => page.getByTestId('roster-search').click());
    await expect(page.getByTestId('roster-table').locator('tbody th').allTextContents()).resolves.toEqual(['周桂兰']);
  });

  it('shows a viewer the roster without the import or the suspend buttons', async () => {
    const { page, hub } = t;
    const made = await importRoster(hub.store.db, hub.seeded.district.admin, {
      districtId: hub.seeded.district.districtId,
      bytes: new TextEncoder().encode(FILE),
      accept: true,
      now: '2026-11-24T06:00:00.000Z',
    });
    expect(made.ok).toBe(true);
    await signIn(page, VIEWER);
    await openRoster(page);
    await expect(page.getByTestId('roster-import-open').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '王秀英' }).click();
    await page.getByTestId('elder-facts').waitFor();
    await expect(page.getByTestId('elder-status-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('elder-statuses').textContent()).resolves.toContain('dibao');
  });
});

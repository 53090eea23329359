/**
 * The manager's screens end to end in Debian's Chromium: a roster file with bad rows is reported row
 * by row (line and reason) and only the good rows are imported once the manager accepts; a card swiped
 * at scanner speed on an elder's page is bound to that elder and then checks them in; the reports
 * screen draws its chart and exports a CSV that Excel opens as UTF-8 (BOM, Chinese header).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/idcard.js';
import { after, CASHIER, dec10, demoRoster, eventAfter, eventCount, MANAGER, scan, signIn, useKioskInBrowser } from './kiosk-harness.js';

const roster = demoRoster();
type Elder = (typeof roster.elders)[number];
const activeCard = (e: Elder) => e.cards.find((c) => c.state === 'active');
const uniqueName = (e: Elder) => roster.elders.filter((o) => o.name === e.name).length === 1;
const local = roster.elders.filter((e) => e.active && !e.careHome && e.hukouRegion === '440106001' && e.statuses.length === 0 && activeCard(e) !== undefined && uniqueName(e));

/** A card no one in the demo roster has. */
const NEW_CARD = '5A5A0C01';

const t = useKioskInBrowser();

async function nav(name: string): Promise<void> {
  await t.page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

const id18 = (first17: string): string => first17 + checkCharacter(first17);
/** The same 17 digits with a check character that is not theirs. */
const wrongCheck = (first17: string): string => first17 + (checkCharacter(first17) === '1' ? '2' : '1');

describe("the manager's screens in the browser", () => {
  it('has elders to test with and a card no one has', () => {
    expect(local.length).toBeGreaterThanOrEqual(2);
    expect(roster.elders.some((e) => e.cards.some((c) => c.uid.toUpperCase() === NEW_CARD))).toBe(false);
  });

  it('reports each bad row of a roster file with its line, and imports only the good rows once accepted', async () => {
    const file = join(t.kiosk.dir, '新名单.csv');
    const rows = [
      '姓名,身份证号,卡号,户籍地,常住地',
      `测试甲,${id18('44010619480305003')},,440106001,440106001`,
      `测试乙,${id18('44010619520711002')},,440106001,440106002`,
      `测试丙,${wrongCheck('44010619500101005')},,440106001,440106001`,
      `,${id18('44010619451212004')},,440106001,440106001`,
    ];
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);

    await signIn(t.page, MANAGER);
    await after(t.page, 'roster', () => nav('长者名单'));
    await t.page.getByTestId('roster-import-open').click();
    const previews = await eventCount(t.page, 'roster-preview');
    await t.page.getByTestId('import-file').setInputFiles(file);
    // The report, or the dialog's own error line (which announces nothing): fail with its words.
    await t.page.getByTestId('import-report').or(t.page.getByTestId('import-error')).waitFor();
    expect(await t.page.getByTestId('import-error').count(), (await t.page.getByTestId('import-error').allTextContents()).join('')).toBe(0);
    await expect(eventAfter(t.page, 'roster-preview', previews)).resolves.toEqual({ rows: 4, good: 2, problems: 2 });
    await expect(t.page.getByTestId('import-good').textContent()).resolves.toBe('2');
    await expect(t.page.getByTestId('import-bad').textContent()).resolves.toBe('2');
    const problems = t.page.getByTestId('import-problem');
    await expect(problems.count()).resolves.toBe(2);
    // Lines as a spreadsheet numbers them: the header is line 1.
    const lines = await problems.locator('td:first-child').allTextContents();
    expect(lines).toEqual(['4', '5']);
    await expect(problems.nth(0).textContent()).resolves.toMatch(/校验/);
    await expect(problems.nth(1).textContent()).resolves.toMatch(/姓名/);
    // Nothing is written before the accept.
    const before = await t.kiosk.backend.call('roster.list', { query: '测试', filter: {}, offset: 0, limit: 20 });
    expect(before).toMatchObject({ ok: true, value: { total: 0 } });

    const imported = await after(t.page, 'roster-imported', () => t.page.getByTestId('import-accept').click());
    expect(imported).toMatchObject({ good: 2, created: 2, updated: 0, problems: 2 });
    await t.page.getByTestId('import-done').waitFor();
    await t.page.getByRole('dialog').getByRole('button', { name: '关闭' }).first().click();

    await after(t.page, 'roster', () => t.page.getByTestId('roster-search').fill('测试'));
    const found = t.page.getByTestId('roster-row');
    await found.filter({ hasText: '测试乙' }).waitFor();
    const names = await found.locator('th').allTextContents();
    expect(names.sort()).toEqual(['测试乙', '测试甲']);
  });

  it("binds a card swiped on the elder's t.page, and that card then checks the elder in", async () => {
    const elder = local[0]!;
    await signIn(t.page, MANAGER);
    await after(t.page, 'roster', () => nav('长者名单'));
    await after(t.page, 'roster', () => t.page.getByTestId('roster-search').fill(elder.name));
    const row = t.page.getByTestId('roster-row').filter({ hasText: elder.name });
    await after(t.page, 'elder', () => row.getByRole('button', { name: elder.name }).click());
    const cardsBefore = await t.page.getByTestId('elder-card').count();
    await t.page.getByTestId('elder-bind').click();
    await t.page.getByTestId('bind-card').waitFor();

    const bound = await after(t.page, 'card-bound', () => scan(t.page, dec10(NEW_CARD)));
    expect(bound).toMatchObject({ how: 'swipe', cards: cardsBefore + 1 });
    const card = t.page.getByTestId('elder-card').and(t.page.locator(`[data-uid="${NEW_CARD}" i]`));
    await card.waitFor();
    // The swipe went to the binding, not to the typed field.
    await expect(t.page.getByTestId('bind-card').count()).resolves.toBe(0);
    await t.page.keyboard.press('Escape');
    await t.page.getByTestId('elder-page').waitFor({ state: 'detached' });

    await nav('收银');
    const served = await after(t.page, 'checkin', () => scan(t.page, dec10(NEW_CARD)));
    expect(served).toMatchObject({ kind: 'served' });
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain(elder.name);
  });

  it('draws the report chart and exports a CSV with a BOM and a Chinese header', async () => {
    await signIn(t.page, CASHIER);
    for (const e of local.slice(0, 2)) await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(e)!.uid)));
    await nav('报表');
    // A cashier is asked for a manager's PIN first.
    const dialog = t.page.getByRole('dialog', { name: '需要店长确认' });
    await dialog.getByTestId('pin-input').fill(MANAGER.pin);
    const report = await after(t.page, 'report', () => dialog.getByTestId('pin-input').press('Enter'));
    expect(report).toMatchObject({ days: 1, from: '2026-11-24', to: '2026-11-24' });
    const chart = t.page.locator('svg[data-testid="chart-meals"]');
    await chart.waitFor();
    await expect(chart.getAttribute('role')).resolves.toBe('img');
    await expect(chart.locator('rect').count()).resolves.toBeGreaterThan(0);

    const [download, exported] = await Promise.all([t.page.waitForEvent('download'), after(t.page, 'exported', () => t.page.getByTestId('export-range-csv').click())]);
    expect(exported).toMatchObject({ report: 'range', format: 'csv' });
    expect(download.suggestedFilename()).toBe(exported['fileName']);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = bytes.subarray(3).toString('utf8').split(/\r?\n/)[0] ?? '';
    expect(header).toMatch(/[\u4e00-\u9fff]/);
    expect(header).toContain('日期');
  });
});

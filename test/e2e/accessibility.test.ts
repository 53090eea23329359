/**
 * axe-core (WCAG 2.0 A and AA, WCAG 2.1 AA rules) on every screen of the kiosk in Debian's Chromium:
 * sign-in, lock, check-in with a served result and with a refusal, the manual search, the sale, the
 * records, the void and manager-PIN dialogs, the day close, the paper roster, the roster, an elder's
 * page, an import report, the reports, the settings and the elder-facing display. No violation of
 * impact 'serious' or 'critical' is allowed; a failure lists each one as screen, rule id and the CSS
 * targets, which is what needs fixing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAxeAudit } from './axe-audit.js';
import { checkCharacter } from '../../shared/idcard.js';
import { after, CASHIER, dec10, demoRoster, eventCount, eventAfter, MANAGER, scan, signIn, useKioskInBrowser } from './kiosk-harness.js';

const roster = demoRoster();
type Elder = (typeof roster.elders)[number];
const activeCard = (e: Elder) => e.cards.find((c) => c.state === 'active');
const uniqueName = (e: Elder) => roster.elders.filter((o) => o.name === e.name).length === 1;
const elder = roster.elders.find((e) => e.active && !e.careHome && e.hukouRegion === '440106001' && e.statuses.length === 0 && activeCard(e) !== undefined && uniqueName(e));

const t = useKioskInBrowser();
const { audit, expectNone } = useAxeAudit(() => t.page);

async function nav(name: string): Promise<void> {
  await t.page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

async function managerPin(): Promise<void> {
  const dialog = t.page.getByRole('dialog', { name: '需要店长确认' });
  await dialog.getByTestId('pin-input').fill(MANAGER.pin);
  await dialog.getByTestId('pin-input').press('Enter');
}

/** A small roster file: one good row and one with a wrong ID check character. */
function rosterCsv(dir: string): string {
  const first17 = '44010619480305004';
  const good = first17 + checkCharacter(first17);
  const bad = first17.replace(/5$/, '7') + (checkCharacter(first17.replace(/5$/, '7')) === '1' ? '2' : '1');
  const file = join(dir, 'roster.csv');
  writeFileSync(file, `\uFEFF姓名,身份证号,户籍地,常住地\n测试甲,${good},440106001,440106001\n测试乙,${bad},440106001,440106001\n`);
  return file;
}

describe('accessibility (axe, WCAG 2.1 AA): no serious or critical violations', () => {
  it('has an elder to check in', () => {
    expect(elder).toBeDefined();
  });

  it('sign-in (the operator list and the PIN entry) and the lock screen', async () => {
    await t.page.getByRole('heading', { name: '开始当班' }).waitFor();
    await audit('sign-in: operators');
    await t.page.getByRole('button', { name: CASHIER.name }).click();
    await t.page.getByTestId('pin-input').fill('9999');
    await t.page.getByTestId('pin-input').press('Enter');
    await t.page.getByRole('alert').waitFor();
    await audit('sign-in: PIN with a wrong-PIN message');
    await t.page.getByTestId('pin-input').fill(CASHIER.pin);
    await t.page.getByTestId('pin-input').press('Enter');
    await t.page.getByTestId('operator-name').waitFor();
    await t.page.getByRole('button', { name: '锁屏' }).click();
    await t.page.getByRole('heading', { name: '屏幕已锁定' }).waitFor();
    await audit('lock');
    expectNone();
  });

  it('check-in: a served result, a refusal, the manual search and the sale dialog', async () => {
    await signIn(t.page, CASHIER);
    await audit('check-in: waiting');
    const uid = dec10(activeCard(elder!)!.uid);
    await after(t.page, 'checkin', () => scan(t.page, uid));
    await t.page.getByTestId('checkin-result').and(t.page.locator('[data-kind="served"]')).waitFor();
    await audit('check-in: served');
    t.kiosk.clock.advance(60_000);
    await after(t.page, 'checkin', () => scan(t.page, uid));
    await t.page.getByTestId('checkin-result').and(t.page.locator('[data-kind="refused"]')).waitFor();
    await audit('check-in: refused');
    await t.page.keyboard.press('F3');
    await t.page.getByTestId('elder-search-input').fill(elder!.name);
    await t.page.getByRole('dialog').getByRole('button', { name: new RegExp(elder!.name) }).first().waitFor();
    await audit('manual search dialog');
    await t.page.keyboard.press('Escape');
    await t.page.keyboard.press('F4');
    await t.page.getByTestId('sale-price').waitFor();
    await audit('sale dialog');
    expectNone();
  });

  it('records, the void dialog and the manager PIN dialog', async () => {
    await signIn(t.page, CASHIER);
    const served = await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(elder!)!.uid)));
    await nav('记录');
    const row = t.page.getByTestId(`record-${served['seq'] as number}`);
    await row.waitFor();
    await audit('records');
    await row.getByRole('button', { name: '撤销' }).click();
    await t.page.getByTestId('void-reason').fill('刷错了卡');
    await audit('void dialog');
    await t.page.getByRole('button', { name: '确认撤销' }).click();
    await t.page.getByRole('dialog', { name: '需要店长确认' }).waitFor();
    await audit('manager PIN dialog');
    expectNone();
  });

  it('day close (review and confirm steps, and closed) and the paper roster', async () => {
    await signIn(t.page, MANAGER);
    await nav('日结');
    await t.page.getByTestId('close-cash').waitFor();
    await audit('day close: review');
    await t.page.getByRole('button', { name: '核对无误，下一步' }).click();
    await t.page.getByRole('heading', { name: '确认日结' }).waitFor();
    await audit('day close: confirm');
    await after(t.page, 'day-closed', () => t.page.getByRole('button', { name: '确认日结' }).click());
    await t.page.getByTestId('day-closed').waitFor();
    await audit('day close: closed');
    await nav('纸质名单');
    await t.page.locator('table.paper tbody tr').first().waitFor();
    await audit('paper roster');
    expectNone();
  });

  it("the roster, an elder's t.page and an import report", async () => {
    await signIn(t.page, CASHIER);
    await nav('长者名单');
    // The cashier is asked for a manager's PIN first.
    await t.page.getByRole('dialog', { name: '需要店长确认' }).waitFor();
    const shown = await eventCount(t.page, 'roster');
    await managerPin();
    await eventAfter(t.page, 'roster', shown);
    await t.page.getByTestId('roster-row').first().waitFor();
    await audit('roster');
    await after(t.page, 'elder', () => t.page.getByTestId('roster-row').first().getByRole('button').click());
    await t.page.getByTestId('elder-page').waitFor();
    await audit("elder's page");
    await t.page.getByTestId('elder-bind').click();
    await t.page.getByTestId('bind-card').waitFor();
    await audit("elder's page: bind a card");
    await t.page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
    await t.page.getByTestId('roster-import-open').click();
    await t.page.getByTestId('import-file').setInputFiles(rosterCsv(t.kiosk.dir));
    await t.page.getByTestId('import-report').or(t.page.getByTestId('import-error')).waitFor();
    expect(await t.page.getByTestId('import-error').count(), (await t.page.getByTestId('import-error').allTextContents()).join('')).toBe(0);
    await audit('import report');
    expectNone();
  });

  it('reports and settings', async () => {
    await signIn(t.page, MANAGER);
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(elder!)!.uid)));
    await after(t.page, 'report', () => nav('报表'));
    await t.page.getByTestId('report').waitFor();
    await audit('reports');
    await after(t.page, 'settings', () => nav('设置'));
    await audit('settings');
    expectNone();
  });

  it('the elder-facing display, idle and showing an amount', async () => {
    await signIn(t.page, CASHIER);
    const display = await t.context.newPage();
    await display.goto(`${t.kiosk.server.origin}/#display`);
    await display.getByTestId('display').waitFor();
    await audit('display: idle', display);
    const before = await eventCount(display, 'display');
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(elder!)!.uid)));
    await eventAfter(display, 'display', before);
    await display.getByTestId('display-amount').waitFor();
    await audit('display: amount', display);
    expectNone();
  });
});

/**
 * The records screen, the paper-roster back-fill, the day close and the full-price sale, end to end
 * in Debian's Chromium against browser mode: a cashier's void asks for a manager's PIN and adds a void
 * record; a manager enters a meal from the paper roster as back-filled; the day close wizard shows
 * what was checked in and the cash the drawer should hold, and after it a swipe is refused as not
 * recorded with nothing added to the ledger; a sale of several meals at a changed price.
 */
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../shared/kiosk-api/views.js';
import { ageOn } from '../../shared/dates.js';
import { after, CASHIER, dec10, demoRoster, MANAGER, scan, signIn, useKioskInBrowser } from './kiosk-harness.js';

const roster = demoRoster();
const TODAY = '2026-11-24';
const YESTERDAY = '2026-11-23';
type Elder = (typeof roster.elders)[number];
const activeCard = (e: Elder) => e.cards.find((c) => c.state === 'active');
const uniqueName = (e: Elder) => roster.elders.filter((o) => o.name === e.name).length === 1;
const local = roster.elders.filter((e) => e.active && !e.careHome && e.hukouRegion === '440106001' && activeCard(e) !== undefined && uniqueName(e));
/** 60–79, no status, own town: pays 5.00 of a 12.00 lunch. */
const ordinary = local.filter((e) => e.statuses.length === 0 && ageOn(e.birthDate, TODAY) >= 60 && ageOn(e.birthDate, TODAY) < 80);
/** 特困 / 低保 on the day: pays 1.00. */
const hardship = local.find((e) => e.statuses.some((s) => ['tekun', 'dibao'].includes(s.code) && s.validTo === null) && ageOn(e.birthDate, TODAY) >= 60);

const t = useKioskInBrowser();

/** The last records of the kiosk, read through the API as the signed-in operator. */
async function recent(): Promise<RecordView[]> {
  const r = await t.kiosk.backend.call('records.recent', { limit: 20 });
  if (!r.ok) throw new Error(`records.recent: ${JSON.stringify(r.error)}`);
  return r.value as RecordView[];
}

function ledgerCount(): number {
  const v = t.kiosk.kiosk.verify();
  if (!v.ok) throw new Error(`the ledger does not verify: ${JSON.stringify(v.problem)}`);
  return v.count;
}

/** Answers the manager prompt (the back end said 'forbidden') with the demo manager's PIN. */
async function managerPin(): Promise<void> {
  const dialog = t.page.getByRole('dialog', { name: '需要店长确认' });
  await dialog.waitFor();
  await expect(dialog.getByRole('combobox').inputValue()).resolves.toBe(MANAGER.id);
  await dialog.getByTestId('pin-input').fill(MANAGER.pin);
  await dialog.getByTestId('pin-input').press('Enter');
}

async function nav(name: string): Promise<void> {
  await t.page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

describe('records, back-fill, day close and sales in the browser', () => {
  it('has the elders it needs in the demo roster', () => {
    expect(ordinary.length).toBeGreaterThanOrEqual(3);
    expect(hardship).toBeDefined();
  });

  it("voids a cashier's check-in once a manager enters a PIN, and keeps the original as voided", async () => {
    await signIn(t.page, CASHIER);
    const served = await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(ordinary[0]!)!.uid)));
    expect(served).toMatchObject({ kind: 'served' });
    const seq = served['seq'] as number;

    await nav('记录');
    const row = t.page.getByTestId(`record-${seq}`);
    await expect(row.textContent()).resolves.toContain(ordinary[0]!.name);
    await row.getByRole('button', { name: '撤销' }).click();
    const dialog = t.page.getByRole('dialog', { name: `撤销第 ${seq} 条记录` });
    await dialog.getByTestId('void-reason').fill('刷错了卡');
    const voided = await after(t.page, 'void', async () => {
      await dialog.getByRole('button', { name: '确认撤销' }).click();
      // A cashier may not void: the back end answers 'forbidden' and the screen asks for a manager.
      await managerPin();
    });
    expect(voided).toMatchObject({ targetSeq: seq });
    await row.getByText('已撤销').waitFor();
    await expect(row.getAttribute('class')).resolves.toContain('voided');
    const voidRow = t.page.getByTestId(`record-${voided['seq'] as number}`);
    await expect(voidRow.textContent()).resolves.toContain(`撤销 → ${seq}`);
    // The manager's elevation shows in the header until the lock or the end of the shift.
    await expect(t.page.getByText(`店长：${MANAGER.name}`).count()).resolves.toBe(1);

    const records = await recent();
    const original = records.find((r) => r.seq === seq);
    const reversal = records.find((r) => r.kind === 'void' && r.targetSeq === seq);
    expect(original).toMatchObject({ kind: 'checkin', voided: true });
    expect(reversal).toMatchObject({ seq: voided['seq'], kind: 'void', personal: 0 });
    expect(reversal!.seq).toBeGreaterThan(seq);
    expect(t.kiosk.kiosk.verify().ok).toBe(true);
  });

  it("lets a manager enter yesterday's meal from the paper roster, marked back-filled", async () => {
    await signIn(t.page, MANAGER);
    const elder = ordinary[1]!;
    const before = ledgerCount();
    await nav('记录');
    await t.page.getByRole('button', { name: '补录纸质名单' }).click();
    const dialog = t.page.getByRole('dialog', { name: '补录停电期间的就餐' });
    await dialog.getByLabel('就餐日期').fill(YESTERDAY);
    await dialog.getByLabel('餐次').selectOption({ label: '午餐' });
    await dialog.getByRole('button', { name: '选择长者' }).click();
    await t.page.getByTestId('elder-search-input').fill(elder.name);
    await t.page.getByRole('button', { name: new RegExp(elder.name) }).click();
    await dialog.getByText(`已补录：${elder.name}，自付 5.00元`).waitFor();
    expect(ledgerCount()).toBe(before + 1);

    const records = await recent();
    const entered = records.find((r) => r.elderName === elder.name);
    expect(entered).toMatchObject({ kind: 'checkin', backfilled: true, serviceDate: YESTERDAY, personal: 500, standard: 1200 });
  });

  it('closes the day through the wizard with the totals checked in, then refuses a swipe and records nothing', async () => {
    await signIn(t.page, CASHIER);
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(ordinary[0]!)!.uid)));
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(hardship!)!.uid)));

    await nav('日结');
    await expect(t.page.getByRole('heading', { name: `日结 ${TODAY}` }).count()).resolves.toBe(1);
    await t.page.getByTestId('close-checkins').filter({ hasText: '2' }).waitFor();
    // Cash: 5.00 + 1.00, both paid in cash.
    await expect(t.page.getByTestId('close-cash').textContent()).resolves.toBe('6.00元');
    await t.page.getByRole('button', { name: '核对无误，下一步' }).click();
    const closed = await after(t.page, 'day-closed', async () => {
      await t.page.getByRole('button', { name: '确认日结' }).click();
      await managerPin();
    });
    expect(closed).toEqual({ serviceDate: TODAY });
    await expect(t.page.getByTestId('day-closed').textContent()).resolves.toBe(`${TODAY} 已日结`);
    // The closed day's report still shows what was checked in.
    await expect(t.page.getByTestId('close-checkins').textContent()).resolves.toBe('2');
    await expect(t.page.getByTestId('close-cash').textContent()).resolves.toBe('6.00元');
    const report = await t.kiosk.backend.call('day.report', { serviceDate: TODAY });
    expect(report).toMatchObject({ ok: true, value: { closed: true, checkins: 2, subsidised: 2, personalTotal: 600, cashExpected: 600 } });

    await nav('收银');
    await t.page.getByText('今天已日结，不能再登记就餐').waitFor();
    const before = ledgerCount();
    const refused = await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(ordinary[2]!)!.uid)));
    expect(refused).toMatchObject({ kind: 'failed' });
    const result = t.page.getByTestId('checkin-result');
    await expect(result.getAttribute('data-kind')).resolves.toBe('failed');
    await expect(result.textContent()).resolves.toContain(`${TODAY} 已经日结，不能再记录这一天的用餐或销售。`);
    expect(ledgerCount()).toBe(before);
  });

  it('sells three full-price meals at a changed price through the F4 panel', async () => {
    await signIn(t.page, CASHIER);
    await t.page.keyboard.press('F4');
    const dialog = t.page.getByRole('dialog', { name: '全价售餐（不限人群）' });
    await expect(dialog.getByTestId('sale-price').inputValue()).resolves.toBe('12.00');
    await dialog.getByRole('button', { name: '多一份' }).click();
    await dialog.getByRole('button', { name: '多一份' }).click();
    await expect(dialog.getByLabel('份数').inputValue()).resolves.toBe('3');
    await dialog.getByTestId('sale-price').fill('15.50');
    await dialog.getByText('合计 46.50元').waitFor();
    const sold = await after(t.page, 'sale', () => dialog.getByRole('button', { name: '确认收款' }).click());
    expect(sold).toMatchObject({ total: 4650 });
    const records = await recent();
    expect(records.find((r) => r.seq === sold['seq'])).toMatchObject({ kind: 'sale', personal: 4650, payment: 'cash', elderName: null });
    const report = await t.kiosk.backend.call('day.report', {});
    expect(report).toMatchObject({ ok: true, value: { sales: 3, cashExpected: 4650 } });
  });
});

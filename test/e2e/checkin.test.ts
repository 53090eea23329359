/**
 * The check-in screen end to end, in Debian's Chromium against browser mode: a card swiped at
 * scanner speed, the price shown, a second meal refused and sold at full price, a forgotten card
 * found by hand, a lost card, an ID card, and the elder-facing display that shows the amount only.
 */
import { describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/dates.js';
import { after, CASHIER, eventAfter, eventCount, dec10, demoRoster, scan, useKioskInBrowser } from './kiosk-harness.js';

const roster = demoRoster();
const TODAY = '2026-11-24';
const activeCard = (e: (typeof roster.elders)[number]) => e.cards.find((c) => c.state === 'active');
const local = roster.elders.filter((e) => e.active && !e.careHome && e.hukouRegion === '440106001' && activeCard(e) !== undefined);
/** 60–79, no status, own town: pays 5.00 of a 12.00 lunch (demo policy, Guangzhou 2020 rates). */
const ordinary = local.find((e) => e.statuses.length === 0 && ageOn(e.birthDate, TODAY) >= 60 && ageOn(e.birthDate, TODAY) < 80);
/** 特困 / 低保 on the day: pays 1.00. */
const hardship = local.find((e) => e.statuses.some((s) => ['tekun', 'dibao'].includes(s.code) && s.validTo === null) && ageOn(e.birthDate, TODAY) >= 60);
const lost = roster.elders.find((e) => e.active && e.cards.some((c) => c.state === 'lost'));

const t = useKioskInBrowser({ signInAs: CASHIER });

describe('check-in in the browser', () => {
  it('has elders of each kind in the demo roster to test with', () => {
    expect(ordinary).toBeDefined();
    expect(hardship).toBeDefined();
    expect(lost).toBeDefined();
  });

  it('checks in a card typed at scanner speed and shows 餐费 / 补贴 / 自付', async () => {
    const card = activeCard(ordinary!)!;
    const shown = await after(t.page, 'checkin', () => scan(t.page, dec10(card.uid)));
    expect(shown).toMatchObject({ kind: 'served', personal: 500 });
    const result = t.page.getByTestId('checkin-result');
    await expect(result.getAttribute('data-kind')).resolves.toBe('served');
    await expect(result.textContent()).resolves.toContain(ordinary!.name);
    await expect(t.page.getByTestId('price-standard').textContent()).resolves.toBe('12.00元');
    await expect(t.page.getByTestId('price-subsidy').textContent()).resolves.toBe('7.00元');
    await expect(t.page.getByTestId('price-personal').textContent()).resolves.toBe('5.00元');
    await expect(t.page.getByTestId('count-subsidised').textContent()).resolves.toBe('1');
  });

  it('refuses a second lunch as subsidised and then sells it at full price', async () => {
    const uid = dec10(activeCard(hardship!)!.uid);
    await after(t.page, 'checkin', () => scan(t.page, uid));
    // A second swipe within seconds is the same check-in, not a second meal.
    const again = await after(t.page, 'checkin', () => scan(t.page, uid));
    expect(again).toMatchObject({ kind: 'served' });
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain('未重复计');
    t.kiosk.clock.advance(60_000);
    const second = await after(t.page, 'checkin', () => scan(t.page, uid));
    expect(second).toMatchObject({ kind: 'refused' });
    const sold = await after(t.page, 'checkin', () => t.page.getByRole('button', { name: /按全价 12\.00元 售餐/ }).click());
    expect(sold).toMatchObject({ kind: 'served', personal: 1200 });
    await expect(t.page.getByTestId('price-subsidy').textContent()).resolves.toBe('0.00元');
  });

  it('finds an elder by hand after an unknown card, and records the meal as manual', async () => {
    const unknown = await after(t.page, 'checkin', () => scan(t.page, '0000000001'));
    expect(unknown).toMatchObject({ kind: 'unidentified' });
    await t.page.getByRole('button', { name: '手工查找' }).first().click();
    await t.page.getByTestId('elder-search-input').fill(ordinary!.name);
    const served = await after(t.page, 'checkin', () => t.page.getByRole('button', { name: new RegExp(ordinary!.name) }).first().click());
    expect(served).toMatchObject({ kind: 'served' });
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain('手工查找');
  });

  it('refuses a card reported lost', async () => {
    const card = lost!.cards.find((c) => c.state === 'lost')!;
    const shown = await after(t.page, 'checkin', () => scan(t.page, dec10(card.uid)));
    expect(shown).toMatchObject({ kind: 'unidentified' });
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain('挂失');
  });

  it('checks in an elder by the resident ID number an ID-card reader types', async () => {
    const shown = await after(t.page, 'checkin', () => scan(t.page, hardship!.idNumber));
    expect(shown).toMatchObject({ kind: 'served', personal: 100 });
    // The number itself is never on the screen: only the masked form is sent at all.
    await expect(t.page.content()).resolves.not.toContain(hardship!.idNumber);
  });

  it('shows the amount on the elder-facing display, never the status', async () => {
    const display = await t.context.newPage();
    await display.goto(`${t.kiosk.server.origin}/#display`);
    await display.getByTestId('display').waitFor();
    const before = await eventCount(display, 'display');
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(hardship!)!.uid)));
    await expect(eventAfter(display, 'display', before)).resolves.toMatchObject({ kind: 'pay' });
    await expect(display.getByTestId('display-amount').textContent()).resolves.toBe('1.00元');
    const text = (await display.textContent('body')) ?? '';
    for (const word of ['特困', '低保', '困难', hardship!.name]) expect(text).not.toContain(word);
  });
});

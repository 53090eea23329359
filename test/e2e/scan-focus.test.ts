/**
 * A scan never leaks into the focused text field, and a person's typing is never taken for a scan:
 * with the manual search open and its field focused, a card swiped at scanner speed checks in and
 * leaves the field empty; the same field typed into at a person's pace (60–200 ms a key) gets every
 * character, and no check-in happens — not even when the person types a real card's number and Enter.
 */
import { describe, expect, it } from 'vitest';
import { nameInitials } from '../../electron/kiosk/roster/name-initials.js';
import { ageOn } from '../../shared/dates.js';
import { after, CASHIER, dec10, demoRoster, eventCount, scan, useKioskInBrowser } from './kiosk-harness.js';

const roster = demoRoster();
const TODAY = '2026-11-24';
type Elder = (typeof roster.elders)[number];
const activeCard = (e: Elder) => e.cards.find((c) => c.state === 'active');
const served = roster.elders.filter((e) => e.active && !e.careHome && e.hukouRegion === '440106001' && activeCard(e) !== undefined && ageOn(e.birthDate, TODAY) >= 60);
const [first, second, third] = served;

const t = useKioskInBrowser({ signInAs: CASHIER });

/** A person at the keyboard: 60–200 ms between keys (pacing the input, not waiting for a result). */
const PERSON_GAPS = [60, 140, 95, 200, 75, 180, 110, 65, 160, 120, 85, 190];
async function typeLikeAPerson(text: string): Promise<void> {
  let i = 0;
  for (const ch of text) {
    await t.page.keyboard.press(ch);
    await new Promise((resolve) => setTimeout(resolve, PERSON_GAPS[i++ % PERSON_GAPS.length]));
  }
}

/** The data-testid of the element that has focus (this file is checked without DOM types). */
function focused(): Promise<string | null> {
  return t.page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document;
    return doc.activeElement?.getAttribute('data-testid') ?? null;
  });
}

function ledgerCount(): number {
  const v = t.kiosk.kiosk.verify();
  if (!v.ok) throw new Error(`the ledger does not verify: ${JSON.stringify(v.problem)}`);
  return v.count;
}

describe('scans and typing with a text field focused', () => {
  it('has three elders with cards to test with', () => {
    expect(third).toBeDefined();
  });

  it('checks in a card swiped while the search field has focus, and leaves the field empty', async () => {
    await t.page.keyboard.press('F3');
    const input = t.page.getByTestId('elder-search-input');
    await input.waitFor();
    await expect(focused()).resolves.toBe('elder-search-input');
    const before = ledgerCount();
    const shown = await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(first!)!.uid)));
    expect(shown).toMatchObject({ kind: 'served' });
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain(first!.name);
    await expect(input.inputValue()).resolves.toBe('');
    await expect(focused()).resolves.toBe('elder-search-input');
    expect(ledgerCount()).toBe(before + 1);
  });

  it("gives a person's typing to the field, even a card number and Enter, and checks no one in", async () => {
    await t.page.getByRole('button', { name: /手工查找/ }).click();
    const input = t.page.getByTestId('elder-search-input');
    await input.waitFor();
    const checkins = await eventCount(t.page, 'checkin');
    const ledger = ledgerCount();

    // Pinyin initials (wjg → 王建国): the field shows them and the search finds the elder.
    const initials = nameInitials(second!.name);
    await input.focus();
    await typeLikeAPerson(initials);
    await expect(input.inputValue()).resolves.toBe(initials);
    await t.page.getByRole('dialog').getByRole('button', { name: new RegExp(second!.name) }).first().waitFor();

    // A real card's number typed by hand, then Enter: text for the field, not a scan.
    await input.fill('');
    const digits = dec10(activeCard(second!)!.uid);
    await typeLikeAPerson(digits);
    await t.page.keyboard.press('Enter');
    await expect(input.inputValue()).resolves.toBe(digits);

    // A real scan after it is the first check-in since the typing began: the typing made none.
    await after(t.page, 'checkin', () => scan(t.page, dec10(activeCard(third!)!.uid)));
    await expect(t.page.getByTestId('checkin-result').textContent()).resolves.toContain(third!.name);
    await expect(eventCount(t.page, 'checkin')).resolves.toBe(checkins + 1);
    expect(ledgerCount()).toBe(ledger + 1);
    await expect(input.inputValue()).resolves.toBe(digits);
  });
});

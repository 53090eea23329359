/**
 * Card UIDs as the four reader settings print them: one card, one canonical form (or, for Wiegand-26,
 * a key that matches it), and that form is exactly what the roster's normaliseCardUid keeps.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalCardUid, isWiegandKey, sameCard, wiegandKey } from '../../../electron/kiosk/readers/card-uid-formats.js';
import { normaliseCardUid } from '../../../shared/roster/card-uid.js';
import { render } from '../../../shared/i18n/index.js';
import type { UidFormat } from '../../../electron/kiosk/readers/reader-types.js';

/** The card 0x00BC614E as each setting prints it (the "0012345678 / 188,24910" printed on such cards). */
const ONE_CARD: readonly (readonly [UidFormat, string])[] = [
  ['hex', '00BC614E'],
  ['hexReversed', '4E61BC00'],
  ['dec10', '0012345678'],
  ['wiegand26', '18824910'],
];

function canonical(text: string, format: UidFormat): string {
  const r = canonicalCardUid(text, format);
  if (!r.ok) throw new Error(`${format} ${text}: ${render(r.error, 'en')}`);
  return r.value;
}

/** How each setting prints the 32-bit number n. */
function printed(n: number, format: UidFormat): string {
  const hex = n.toString(16).toUpperCase().padStart(8, '0');
  switch (format) {
    case 'hex':
      return hex;
    case 'hexReversed':
      return (hex.match(/../g) ?? []).reverse().join('');
    case 'dec10':
      return String(n).padStart(10, '0');
    case 'wiegand26':
      return String((n >>> 16) & 0xff).padStart(3, '0') + String(n & 0xffff).padStart(5, '0');
  }
}

describe('canonicalCardUid', () => {
  it('gives 00BC614E for the 32-bit forms and the Wiegand key BC614E for Wiegand-26', () => {
    expect(ONE_CARD.map(([format, text]) => canonical(text, format))).toEqual(['00BC614E', '00BC614E', '00BC614E', 'BC614E']);
  });

  it('the same card in all four forms has one match key and is one card to sameCard', () => {
    const forms = ONE_CARD.map(([format, text]) => canonical(text, format));
    expect(new Set(forms.map(wiegandKey))).toEqual(new Set(['BC614E']));
    for (const a of forms) for (const b of forms) expect(sameCard(a, b), `${a} ~ ${b}`).toBe(true);
  });

  it('every canonical form passes normaliseCardUid unchanged', () => {
    for (const [format, text] of ONE_CARD) {
      const c = canonical(text, format);
      expect(normaliseCardUid(c)).toEqual({ ok: true, value: c });
    }
  });

  it('upper-cases hex, trims, and takes 7- and 10-byte UIDs', () => {
    expect(canonical(' 00bc614e ', 'hex')).toBe('00BC614E');
    expect(canonical('04A1B2C3D4E5F6', 'hex')).toBe('04A1B2C3D4E5F6');
    expect(canonical('F6E5D4C3B2A104', 'hexReversed')).toBe('04A1B2C3D4E5F6');
    expect(canonical('０１２３４５６７', 'hex')).toBe('01234567');
  });

  it('keeps leading zeros of 10-digit decimals and covers the whole 32-bit range', () => {
    expect(canonical('0000000000', 'dec10')).toBe('00000000');
    expect(canonical('4294967295', 'dec10')).toBe('FFFFFFFF');
    expect(canonical('00000000', 'wiegand26')).toBe('000000');
    expect(canonical('25565535', 'wiegand26')).toBe('FFFFFF');
  });

  it.each([
    ['hex', '', 'reader.uid.empty'],
    ['hex', '00BC614', 'reader.uid.hex'],
    ['hex', '00BC614G', 'reader.uid.hex'],
    ['hexReversed', '4E61BC0000', 'reader.uid.hex'],
    ['dec10', '12345678', 'reader.uid.dec10'],
    ['dec10', '00123456789', 'reader.uid.dec10'],
    ['dec10', '4294967296', 'reader.uid.dec10Range'],
    ['wiegand26', '1882491', 'reader.uid.wiegand26'],
    ['wiegand26', '25600000', 'reader.uid.wiegand26Range'],
    ['wiegand26', '00065536', 'reader.uid.wiegand26Range'],
  ] as const)('%s %j is refused with %s, without repeating the input', (format, text, key) => {
    const r = canonicalCardUid(text, format);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.key).toBe(key);
    for (const locale of ['zh-CN', 'en'] as const) {
      const shown = render(r.error, locale);
      expect(shown).not.toContain('{');
      if (text !== '') expect(shown).not.toContain(text);
    }
  });
});

describe('Wiegand matching', () => {
  it('a Wiegand key matches only the 4-byte UIDs whose low 24 bits it is', () => {
    expect(isWiegandKey('BC614E')).toBe(true);
    expect(isWiegandKey('00BC614E')).toBe(false);
    expect(sameCard('BC614E', '00BC614E')).toBe(true);
    expect(sameCard('BC614E', '7FBC614E')).toBe(true); // the lost top byte: both match, so the look-up must refuse two
    expect(sameCard('BC614E', '00BC614F')).toBe(false);
    // Two whole UIDs with the same low 24 bits are different cards.
    expect(sameCard('00BC614E', '7FBC614E')).toBe(false);
    expect(wiegandKey('04A1B2C3D4E5F6')).toBeUndefined();
  });

  it('for any 32-bit card, every setting gives the same card and the same match key', () => {
    const formats: readonly UidFormat[] = ['hex', 'hexReversed', 'dec10', 'wiegand26'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), (n) => {
        const forms = formats.map((f) => canonical(printed(n, f), f));
        const whole = n.toString(16).toUpperCase().padStart(8, '0');
        expect(forms.slice(0, 3)).toEqual([whole, whole, whole]);
        expect(new Set(forms.map(wiegandKey)).size).toBe(1);
        for (const c of forms) {
          expect(sameCard(c, whole)).toBe(true);
          expect(normaliseCardUid(c)).toEqual({ ok: true, value: c });
        }
      }),
      { numRuns: 2000 },
    );
  });
});

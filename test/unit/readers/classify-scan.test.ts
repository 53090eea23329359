/**
 * classifyScan: a whole scan becomes a QR token, a resident ID number, a card UID, or a refusal that
 * says why — and never repeats an ID number, valid or not.
 */
import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../../electron/kiosk/readers/classify-scan.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { render } from '../../../shared/i18n/index.js';
import { loadHidFixture, pushAll, scans } from './hid-fixtures.js';

function decoded(name: string): string {
  const fixture = loadHidFixture(name);
  const [text, ...more] = scans(pushAll(createDecoder({ format: fixture.format }), fixture.reports));
  if (text === undefined || more.length > 0) throw new Error(`${name}: expected one scan`);
  return text;
}

describe('classifyScan', () => {
  it('an IC card reader in 8H10D gives the canonical card UID', () => {
    expect(classifyScan(decoded('ic-card-8h10d'), { uidFormat: 'dec10' })).toEqual({ kind: 'card', uid: '00BC614E' });
  });

  it('QR scanners (keyboard mode or HID-POS) give the token, prefix included', () => {
    expect(classifyScan(decoded('qr-keyboard-shift'), { uidFormat: 'hex' })).toEqual({ kind: 'qr', token: 'ZC1.aB3-x_Y9.Qz7w' });
    const pos = classifyScan(decoded('hid-pos-two-reports'), { uidFormat: 'hex' });
    expect(pos.kind).toBe('qr');
  });

  it('an ID-card reader typing the number with a trailing X gives the ID number', () => {
    expect(classifyScan(decoded('id-card-reader'), { uidFormat: 'dec10' })).toEqual({ kind: 'id', number: '11010519491231002X' });
    expect(classifyScan('11010519491231002x', { uidFormat: 'hex' })).toEqual({ kind: 'id', number: '11010519491231002X' });
  });

  it('an ID-shaped scan that fails validation is refused without its digits or birth date', () => {
    for (const bad of ['110105194912310021', '110105194913310028', '11010519491231002X'.replace('X', '3')]) {
      const r = classifyScan(bad, { uidFormat: 'hex' });
      expect(r.kind).toBe('unreadable');
      if (r.kind !== 'unreadable') continue;
      expect(r.message.key).toBe('reader.scan.idInvalid');
      for (const locale of ['zh-CN', 'en'] as const) {
        const shown = render(r.message, locale);
        expect(shown).not.toContain(bad);
        expect(shown).not.toMatch(/1949|\d{6}/);
      }
    }
  });

  it('a card in a form the reader is not set to is unreadable, with a message that says why', () => {
    const r = classifyScan('0012345678', { uidFormat: 'hex' });
    expect(r.kind).toBe('unreadable');
    if (r.kind === 'unreadable') expect(render(r.message, 'en')).toContain('10 characters');
  });

  it('all four reader settings of one card give cards that are the same card', () => {
    const got = (
      [
        ['00BC614E', 'hex'],
        ['4E61BC00', 'hexReversed'],
        ['0012345678', 'dec10'],
        ['18824910', 'wiegand26'],
      ] as const
    ).map(([text, uidFormat]) => classifyScan(text, { uidFormat }));
    expect(got).toEqual([
      { kind: 'card', uid: '00BC614E' },
      { kind: 'card', uid: '00BC614E' },
      { kind: 'card', uid: '00BC614E' },
      { kind: 'card', uid: 'BC614E' },
    ]);
  });
});

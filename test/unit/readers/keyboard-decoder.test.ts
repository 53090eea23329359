/**
 * The boot-protocol keyboard decoder: recorded reports of real reader kinds decode to exactly their
 * scans; anything it cannot read is garbled and never leaks a part of a scan as a scan.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createKeyboardDecoder } from '../../../electron/kiosk/readers/decode/keyboard-decoder.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { usageForCharacter } from '../../../electron/kiosk/readers/hid-usage.js';
import { bytes, loadHidFixture, pushAll, scans } from './hid-fixtures.js';

const RELEASE = bytes('00 00 00 00 00 00 00 00');
const key = (usage: number, modifiers = 0): Uint8Array => Uint8Array.of(modifiers, 0, usage, 0, 0, 0, 0, 0);

/** Press/release pairs typing `text` (US positions), then Enter. */
function typed(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const c of text) {
    const u = usageForCharacter(c);
    if (u === undefined) throw new Error(`no key for ${c}`);
    out.push(key(u.usage, u.shift ? 0x02 : 0), RELEASE);
  }
  return [...out, key(0x28), RELEASE];
}

describe('keyboard decoder on recorded reports', () => {
  it.each([
    ['ic-card-8h10d', ['0012345678']],
    ['qr-keyboard-shift', ['ZC1.aB3-x_Y9.Qz7w']],
    ['repeated-digit-1100', ['1100']],
    ['id-card-reader', ['11010519491231002X']],
  ])('%s decodes to exactly %j', (name, expected) => {
    const fixture = loadHidFixture(name);
    expect(fixture.format).toBe('keyboard');
    const decoder = createDecoder({ format: 'keyboard' });
    const events = pushAll(decoder, fixture.reports);
    expect(events).toEqual(expected.map((text) => ({ kind: 'scan', scan: { text } })));
    expect(decoder.pending).toBe(false);
  });

  it('an unplug mid-scan gives no scan, leaves the scan pending, and reset clears it', () => {
    const decoder = createKeyboardDecoder();
    expect(pushAll(decoder, loadHidFixture('unplug-mid-scan').reports)).toEqual([]);
    expect(decoder.pending).toBe(true);
    decoder.reset();
    expect(decoder.pending).toBe(false);
    // The next card starts clean: no "00123" glued to its front, and its first key is a fresh press.
    expect(scans(pushAll(decoder, typed('3344')))).toEqual(['3344']);
  });
});

describe('keyboard decoder rules', () => {
  it('a key held over several reports is one press; a new usage beside it is a press', () => {
    const d = createKeyboardDecoder();
    const events = pushAll(d, [
      key(0x1e),
      key(0x1e),
      Uint8Array.of(0, 0, 0x1e, 0x1f, 0, 0, 0, 0),
      key(0x1f),
      RELEASE,
      key(0x28),
    ]);
    expect(scans(events)).toEqual(['12']);
  });

  it('either shift bit shifts; Caps Lock and Num Lock change nothing', () => {
    const d = createKeyboardDecoder();
    const events = pushAll(d, [key(0x39), RELEASE, key(0x04, 0x02), RELEASE, key(0x05, 0x20), RELEASE, key(0x06), RELEASE, key(0x53), key(0x28)]);
    expect(scans(events)).toEqual(['ABc']);
  });

  it('Tab and keypad Enter end a scan; keypad digits and . type', () => {
    const d = createKeyboardDecoder();
    const events = pushAll(d, [key(0x59), RELEASE, key(0x62), RELEASE, key(0x63), RELEASE, key(0x2b), RELEASE, key(0x61), RELEASE, key(0x58)]);
    expect(scans(events)).toEqual(['10.', '9']);
  });

  it('a terminator with no text is no scan', () => {
    const d = createKeyboardDecoder();
    expect(pushAll(d, [key(0x28), RELEASE, key(0x2b), RELEASE])).toEqual([]);
  });

  it.each([
    ['a rollover error', Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1), 'rollover'],
    ['a ctrl chord', key(0x06, 0x01), 'chord'],
    ['an alt chord', key(0x06, 0x40), 'chord'],
    ['a GUI key alone', key(0, 0x08), 'chord'],
    ['a 7-byte report', bytes('00 00 1e 00 00 00 00'), 'length'],
    ['an empty report', new Uint8Array(0), 'length'],
    ['a 9-byte report with no report ID configured', bytes('01 00 00 1e 00 00 00 00 00'), 'length'],
    ['an F1 key', key(0x3a), 'unknownUsage'],
    ['a key listed twice', Uint8Array.of(0, 0, 0x1e, 0x1e, 0, 0, 0, 0), 'duplicateUsage'],
  ])('%s is garbled, drops the partial, and the rest of that scan is discarded', (_what, bad, reason) => {
    const d = createKeyboardDecoder();
    const events = pushAll(d, [...typed('0012').slice(0, 4), bad, ...typed('345678')]);
    expect(events).toEqual([{ kind: 'garbled', reason }]);
    expect(d.pending).toBe(false);
    // The scan after the broken one is read whole.
    expect(scans(pushAll(d, typed('0012345678')))).toEqual(['0012345678']);
  });

  it('a garbled report is dropped whole: an Enter in it does not end the broken scan', () => {
    const d = createKeyboardDecoder();
    const events = pushAll(d, [key(0x1e), RELEASE, Uint8Array.of(0, 0, 0x3a, 0x28, 0, 0, 0, 0), RELEASE, ...typed('2')]);
    expect(events).toEqual([{ kind: 'garbled', reason: 'unknownUsage' }]);
    expect(scans(pushAll(d, typed('34')))).toEqual(['34']);
  });

  it('strips a configured report ID from 9-byte reports and still takes 8-byte ones', () => {
    const d = createKeyboardDecoder({ reportId: 0x01 });
    const withId = (r: Uint8Array): Uint8Array => Uint8Array.of(0x01, ...r);
    const events = pushAll(d, [withId(key(0x1e)), withId(RELEASE), key(0x1f), RELEASE, withId(key(0x28))]);
    expect(scans(events)).toEqual(['12']);
    expect(pushAll(d, [Uint8Array.of(0x02, ...key(0x1e))])).toEqual([{ kind: 'garbled', reason: 'length' }]);
  });

  it('a scan longer than the limit is garbled, not cut', () => {
    const d = createKeyboardDecoder({ maxLength: 4 });
    expect(pushAll(d, typed('12345'))).toEqual([{ kind: 'garbled', reason: 'tooLong' }]);
    expect(scans(pushAll(d, typed('1234')))).toEqual(['1234']);
  });

  it('does not keep a reference to the caller’s buffer', () => {
    const d = createKeyboardDecoder();
    const buffer = key(0x1e);
    d.push(buffer);
    buffer.set(RELEASE);
    d.push(buffer);
    buffer.set(key(0x1e));
    d.push(buffer);
    expect(scans([...d.push(key(0x28))])).toEqual(['11']);
  });
});

const TERMINATORS = new Set([0x28, 0x2b, 0x58]);
const anyReport = fc.uint8Array({ minLength: 0, maxLength: 64 });
/** Reports the decoder must refuse: wrong length, rollover, or a ctrl/alt/GUI chord. */
const garbage = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 64 }).filter((r) => r.length !== 8 && r.length !== 9),
  fc.constant(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1)),
  fc.tuple(fc.integer({ min: 1, max: 255 }).map((m) => m & 0xdd).filter((m) => m !== 0), fc.uint8Array({ minLength: 6, maxLength: 6 })).map(
    ([m, keys]) => Uint8Array.of(m, 0, ...keys),
  ),
);

describe('keyboard decoder fuzzing', () => {
  it('never throws on any bytes, and a scan only comes out of a report holding a terminator', () => {
    fc.assert(
      fc.property(fc.array(anyReport, { maxLength: 40 }), (reports) => {
        const d = createKeyboardDecoder({ reportId: 0x01 });
        for (const r of reports) {
          const events = d.push(r);
          if (events.some((e) => e.kind === 'scan')) {
            const boot = r.length === 9 ? r.subarray(1) : r;
            expect([...boot.subarray(2)].some((u) => TERMINATORS.has(u))).toBe(true);
          }
          for (const e of events) if (e.kind === 'scan') expect(e.scan.text).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never gives a scan from reports with no terminator usage anywhere', () => {
    const noTerminator = anyReport.map((r) => r.map((b) => (TERMINATORS.has(b) ? 0 : b)));
    fc.assert(
      fc.property(fc.array(noTerminator, { maxLength: 60 }), (reports) => {
        const d = createKeyboardDecoder();
        expect(scans(pushAll(d, reports))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a recorded scan interleaved with garbage gives the exact scan or none, never a part of it', () => {
    const recorded = loadHidFixture('ic-card-8h10d').reports;
    const enterPress = recorded.length - 2;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: recorded.length }), garbage), { maxLength: 6 }), (insertions) => {
        const reports: Uint8Array[] = [...recorded];
        // Inserted from the back so earlier positions still refer to the recorded order.
        const sorted = [...insertions].sort((a, b) => b[0] - a[0]);
        for (const [at, g] of sorted) reports.splice(at, 0, g);
        const got = scans(pushAll(createKeyboardDecoder(), reports));
        if (insertions.length === 0 || insertions.every(([at]) => at > enterPress)) expect(got).toEqual(['0012345678']);
        else expect(got.length === 0 || (got.length === 1 && got[0] === '0012345678')).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

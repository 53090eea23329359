/**
 * The HID-POS decoder (usage page 0x8C, Honeywell-style 64-byte Scanned Data Report by default):
 * a symbol split over reports comes out whole once the continuation flag clears, and nothing else
 * ever comes out as a scan.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHidPosDecoder } from '../../../electron/kiosk/readers/decode/hid-pos-decoder.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { loadHidFixture, pushAll, scans } from './hid-fixtures.js';

const SYMBOL = 'ZC1.eyJlIjoiRTAwMDEyMyIsInYiOjJ9.Sig_abcDEF-0123456789.ghijkLMNOPqrstuvWXYZ';

/** One 64-byte scanned-data report carrying `data` (at most 56 bytes). */
function report(data: Uint8Array | string, continued: boolean, id = 0x02): Uint8Array {
  const payload = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const r = new Uint8Array(64);
  r[0] = id;
  r[1] = payload.length;
  r.set([0x5d, 0x51, 0x31], 2);
  r.set(payload, 5);
  r[63] = continued ? 1 : 0;
  return r;
}

describe('HID-POS decoder on recorded reports', () => {
  it('joins a symbol split over two reports and strips the trailing CR', () => {
    const fixture = loadHidFixture('hid-pos-two-reports');
    expect(fixture.format).toBe('hidPos');
    const d = createDecoder({ format: 'hidPos' });
    const [first, second] = fixture.reports;
    if (first === undefined || second === undefined) throw new Error('fixture has two reports');
    expect(d.push(first)).toEqual([]);
    expect(d.pending).toBe(true);
    expect(d.push(second)).toEqual([{ kind: 'scan', scan: { text: SYMBOL } }]);
    expect(d.pending).toBe(false);
  });

  it('a scanner unplugged after the first report gives nothing; reset clears it', () => {
    const d = createHidPosDecoder();
    const [first] = loadHidFixture('hid-pos-two-reports').reports;
    if (first === undefined) throw new Error('fixture has a report');
    expect(d.push(first)).toEqual([]);
    expect(d.pending).toBe(true);
    d.reset();
    expect(d.pending).toBe(false);
    expect(scans([...d.push(report('00BC614E', false))])).toEqual(['00BC614E']);
  });
});

describe('HID-POS decoder rules', () => {
  it('decodes UTF-8 split in the middle of a character', () => {
    const bytes = new TextEncoder().encode('助餐123');
    const d = createHidPosDecoder();
    const events = pushAll(d, [report(bytes.subarray(0, 2), true), report(bytes.subarray(2), false)]);
    expect(scans(events)).toEqual(['助餐123']);
  });

  it('ignores reports with another report ID (trigger, status), even in the middle of a symbol', () => {
    const d = createHidPosDecoder();
    const events = pushAll(d, [report('ABC', true), report('zzz', false, 0x04), report('DEF', false)]);
    expect(events).toEqual([{ kind: 'scan', scan: { text: 'ABCDEF' } }]);
  });

  it('an empty symbol is no scan', () => {
    expect(createHidPosDecoder().push(report('\r\n', false))).toEqual([]);
  });

  it.each([
    ['a length running over the flag byte', (() => { const r = report('A', true); r[1] = 59; return r; })(), 'dataLength'],
    ['an empty report', new Uint8Array(0), 'length'],
    ['a report too short for its length byte', Uint8Array.of(0x02), 'length'],
  ])('%s is garbled and the rest of that symbol is discarded', (_what, bad, reason) => {
    const d = createHidPosDecoder();
    const events = pushAll(d, [report('ZC1.abc', true), bad, report('def', true), report('ghi', false)]);
    expect(events).toEqual([{ kind: 'garbled', reason }]);
    expect(d.pending).toBe(false);
    expect(scans([...d.push(report('next', false))])).toEqual(['next']);
  });

  it('refuses bytes that are not UTF-8 and control characters inside the symbol', () => {
    const d = createHidPosDecoder();
    expect(d.push(report(Uint8Array.of(0x41, 0xff), false))).toEqual([{ kind: 'garbled', reason: 'encoding' }]);
    expect(d.push(report('A\u0007B', false))).toEqual([{ kind: 'garbled', reason: 'control' }]);
    // Both ended their symbol, so nothing is being discarded.
    expect(scans([...d.push(report('C', false))])).toEqual(['C']);
  });

  it('takes another layout from configuration (data right after the length, flag at byte 62)', () => {
    const d = createDecoder({ format: 'hidPos', reportId: 0x05, hidPosLayout: { dataOffset: 2, continuationOffset: 62 } });
    const r = new Uint8Array(64);
    r[0] = 0x05;
    r[1] = 3;
    r.set([0x58, 0x59, 0x5a], 2);
    r[63] = 1; // not the flag in this layout
    expect(scans([...d.push(r)])).toEqual(['XYZ']);
  });

  it('a symbol longer than the limit is garbled, not cut', () => {
    const d = createHidPosDecoder({ maxBytes: 5 });
    expect(pushAll(d, [report('abc', true), report('def', false)])).toEqual([{ kind: 'garbled', reason: 'tooLong' }]);
    expect(d.pending).toBe(false);
  });
});

describe('HID-POS decoder fuzzing', () => {
  it('never throws on any bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 40 }), (reports) => {
        const d = createHidPosDecoder();
        for (const r of reports) {
          for (const e of d.push(r)) if (e.kind === 'scan') expect(e.scan.text).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never gives a scan while every report says the symbol continues', () => {
    const continuing = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((r) => {
      const c = Uint8Array.from(r);
      c[c.length - 1] = (c[c.length - 1] ?? 0) | 1;
      return c;
    });
    fc.assert(
      fc.property(fc.array(continuing, { maxLength: 40 }), (reports) => {
        expect(scans(pushAll(createHidPosDecoder(), reports))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('the recorded symbol interleaved with garbage gives the exact symbol or none, never a part of it', () => {
    const recorded = loadHidFixture('hid-pos-two-reports').reports;
    // Scanned-data reports the decoder must refuse (length byte past the data area), and empty reports.
    const garbage = fc.oneof(
      fc.tuple(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.integer({ min: 59, max: 255 })).map(([r, len]) => {
        const g = Uint8Array.from(r);
        g[0] = 0x02;
        g[1] = len;
        return g;
      }),
      fc.constant(new Uint8Array(0)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: recorded.length }), garbage), { maxLength: 4 }), (insertions) => {
        const reports: Uint8Array[] = [...recorded];
        for (const [at, g] of [...insertions].sort((a, b) => b[0] - a[0])) reports.splice(at, 0, g);
        const got = scans(pushAll(createHidPosDecoder(), reports));
        if (insertions.every(([at]) => at === recorded.length)) expect(got).toEqual([SYMBOL]);
        else expect(got).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

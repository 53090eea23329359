/**
 * The vendor-ASCII decoder: length-prefixed or NUL-padded reports carrying printable ASCII, ended by
 * CR, LF or CR LF; a scan may span reports and a report may hold the end of one and the start of the next.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVendorAsciiDecoder } from '../../../electron/kiosk/readers/decode/vendor-ascii-decoder.js';
import type { VendorAsciiDecoderOptions } from '../../../electron/kiosk/readers/decode/vendor-ascii-decoder.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { loadHidFixture, pushAll, scans } from './hid-fixtures.js';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
/** A NUL-padded report of `size` bytes. */
const padded = (s: string, size = 8): Uint8Array => Uint8Array.from([...ascii(s), ...new Array<number>(size - s.length).fill(0)]);
const prefixed = (s: string, size = 8): Uint8Array => Uint8Array.from([s.length, ...ascii(s), ...new Array<number>(size - 1 - s.length).fill(0)]);

describe('vendor-ASCII decoder on recorded reports', () => {
  it('reads a length-prefixed scan whose CR and LF arrive in different reports', () => {
    const fixture = loadHidFixture('vendor-ascii-crlf');
    expect(fixture.format).toBe('vendorAscii');
    const d = createDecoder({ format: 'vendorAscii', framing: 'lengthPrefixed', terminator: 'CRLF' });
    const [a, b, c] = fixture.reports;
    if (a === undefined || b === undefined || c === undefined) throw new Error('fixture has three reports');
    expect([...d.push(a), ...d.push(b)]).toEqual([]);
    expect(d.pending).toBe(true);
    expect(d.push(c)).toEqual([{ kind: 'scan', scan: { text: '00BC614E' } }]);
    expect(d.pending).toBe(false);
  });
});

describe('vendor-ASCII decoder rules', () => {
  const nulCr: VendorAsciiDecoderOptions = { framing: 'nulPadded', terminator: 'CR' };

  it('NUL-padded with CR: scans span reports, and one report may end one scan and start the next', () => {
    const d = createVendorAsciiDecoder(nulCr);
    expect(scans(pushAll(d, [padded('0012'), padded('34\r56'), padded('78\r')]))).toEqual(['001234', '5678']);
  });

  it('LF terminator; a configured report ID is checked and stripped', () => {
    const d = createVendorAsciiDecoder({ framing: 'lengthPrefixed', terminator: 'LF', reportId: 0x03 });
    expect(scans(pushAll(d, [Uint8Array.of(0x03, ...prefixed('AB\n'))]))).toEqual(['AB']);
    expect(d.push(Uint8Array.of(0x04, ...prefixed('AB\n')))).toEqual([{ kind: 'garbled', reason: 'framing' }]);
  });

  it.each([
    ['a byte that is not printable ASCII', padded('12\u00e934'), 'character'],
    ['the other line ending', padded('12\n'), 'character'],
    ['text after the NUL padding', Uint8Array.of(0x31, 0, 0x32, 0, 0, 0, 0, 0), 'framing'],
    ['a length past the report', Uint8Array.of(9, 0x31, 0x32, 0, 0, 0, 0, 0), 'framing'],
    ['an empty report', new Uint8Array(0), 'framing'],
  ])('%s is garbled and the rest of that scan is discarded', (_what, bad, reason) => {
    const framing = reason === 'framing' && bad.length > 0 && bad[0] === 9 ? 'lengthPrefixed' : 'nulPadded';
    const d = createVendorAsciiDecoder({ framing, terminator: 'CR' });
    const frame = framing === 'nulPadded' ? padded : prefixed;
    const events = pushAll(d, [frame('0012'), bad, frame('345\r')]);
    expect(events).toEqual([{ kind: 'garbled', reason }]);
    expect(d.pending).toBe(false);
    expect(scans(pushAll(d, [frame('9876\r')]))).toEqual(['9876']);
  });

  it('CR LF: a CR not followed by LF is garbled, and the report is dropped whole, its later CR LF too', () => {
    const d = createVendorAsciiDecoder({ framing: 'nulPadded', terminator: 'CRLF' });
    expect(pushAll(d, [padded('12\r3\r\n')])).toEqual([{ kind: 'garbled', reason: 'terminator' }]);
    // The next CR LF ends the discarded scan; the scan after it is read.
    expect(scans(pushAll(d, [padded('45\r\n'), padded('67\r\n')]))).toEqual(['67']);
  });

  it('an unplug mid-scan leaves it pending and gives nothing; reset clears it', () => {
    const d = createVendorAsciiDecoder(nulCr);
    expect(pushAll(d, [padded('0012')])).toEqual([]);
    expect(d.pending).toBe(true);
    d.reset();
    expect(d.pending).toBe(false);
    expect(scans(pushAll(d, [padded('34\r')]))).toEqual(['34']);
  });
});

const framings = fc.constantFrom<VendorAsciiDecoderOptions>(
  { framing: 'nulPadded', terminator: 'CR' },
  { framing: 'nulPadded', terminator: 'LF' },
  { framing: 'lengthPrefixed', terminator: 'CRLF' },
  { framing: 'lengthPrefixed', terminator: 'CR', reportId: 0x01 },
);

describe('vendor-ASCII decoder fuzzing', () => {
  it('never throws on any bytes, and never gives a scan without a CR or LF byte', () => {
    fc.assert(
      fc.property(framings, fc.array(fc.uint8Array({ minLength: 0, maxLength: 64 }), { maxLength: 40 }), (options, reports) => {
        const d = createVendorAsciiDecoder(options);
        for (const r of reports) {
          const got = scans([...d.push(r)]);
          if (got.length > 0) expect(r.some((b) => b === 0x0d || b === 0x0a)).toBe(true);
        }
        const noEnd = reports.map((r) => r.map((b) => (b === 0x0d || b === 0x0a ? 0x41 : b)));
        expect(scans(pushAll(createVendorAsciiDecoder(options), noEnd))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('a scan interleaved with garbage gives the exact scan or none, never a part of it', () => {
    const recorded = [padded('0012'), padded('3456'), padded('78\r')];
    const garbage = fc.oneof(
      fc.uint8Array({ minLength: 8, maxLength: 8 }).map((r) => Uint8Array.from([0x80 | (r[0] ?? 0), ...r.subarray(1)])),
      fc.constant(Uint8Array.of(0x31, 0, 0x32, 0, 0, 0, 0, 0)),
      fc.constant(new Uint8Array(0)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: recorded.length }), garbage), { maxLength: 5 }), (insertions) => {
        const reports: Uint8Array[] = [...recorded];
        for (const [at, g] of [...insertions].sort((a, b) => b[0] - a[0])) reports.splice(at, 0, g);
        const got = scans(pushAll(createVendorAsciiDecoder({ framing: 'nulPadded', terminator: 'CR' }), reports));
        // Garbage may itself end in a CR (which ends the scan it broke), so a whole scan after it may come out.
        if (insertions.every(([at]) => at === recorded.length)) expect(got).toEqual(['0012345678']);
        else expect(got.length === 0 || (got.length === 1 && got[0] === '0012345678')).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

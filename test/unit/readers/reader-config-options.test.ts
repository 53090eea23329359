/**
 * The decoder options a saved reader configuration carries (docs/readers.md "Configuring a reader"):
 * vendorAscii framing and terminator, hidPos byte positions. A configuration with them decodes the
 * byte-exact recordings that need them (and without them does not); bad options are refused with a
 * message naming the field; the screen's schema (shared) accepts what the back end saves.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import { parseWith } from '../../../shared/parse.js';
import { readerSettingSchema } from '../../../shared/kiosk-api/settings-views.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { decoderConfigOf, readerConfigListSchema, readerConfigSchema } from '../../../electron/kiosk/readers/reader-config.js';
import type { ReaderConfig } from '../../../electron/kiosk/readers/reader-config.js';
import { formatOptions, NO_OPTIONS } from '../../../renderer/kiosk/screens/settings/reader-options.js';
import { loadHidFixture, pushAll, scans } from './hid-fixtures.js';

const BASE = { id: 'r', name: '读卡器', vendorId: 0x1234, productId: 0x5678, uidFormat: 'hex' } as const;

function config(input: unknown): ReaderConfig {
  const parsed = readerConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

/** The problems of one configuration as `path: message` lines, in English. */
function problems(input: unknown): string[] {
  const r = parseWith(readerConfigListSchema, [input], 'reader settings');
  return r.ok ? [] : r.error.issues.map((i) => `${i.path}: ${render(i.text, 'en')}`);
}

describe('vendorAscii options', () => {
  const fixture = loadHidFixture('vendor-ascii-crlf'); // length-prefixed, "00BC614E" CR LF

  it('decode the length-prefixed CR LF recording only when the configuration says so', () => {
    const withOptions = config({ ...BASE, format: 'vendorAscii', vendorAscii: { framing: 'lengthPrefixed', terminator: 'CRLF' } });
    expect(decoderConfigOf(withOptions)).toEqual({ format: 'vendorAscii', framing: 'lengthPrefixed', terminator: 'CRLF' });
    expect(scans(pushAll(createDecoder(decoderConfigOf(withOptions)), fixture.reports))).toEqual(['00BC614E']);
    // The defaults (NUL-padded, CR) read the length byte 0x07 as a character: garbled, no scan.
    const plain = config({ ...BASE, format: 'vendorAscii' });
    const events = pushAll(createDecoder(decoderConfigOf(plain)), fixture.reports);
    expect(scans(events)).toEqual([]);
    expect(events.some((e) => e.kind === 'garbled')).toBe(true);
  });

  it('with a report id: checked and stripped before the framing', () => {
    const withId = config({ ...BASE, format: 'vendorAscii', reportId: 3, vendorAscii: { framing: 'lengthPrefixed', terminator: 'CRLF' } });
    const numbered = fixture.reports.map((r) => Uint8Array.from([3, ...r]));
    expect(scans(pushAll(createDecoder(decoderConfigOf(withId)), numbered))).toEqual(['00BC614E']);
  });

  it('refuse an unknown framing or terminator, naming the field', () => {
    expect(problems({ ...BASE, format: 'vendorAscii', vendorAscii: { framing: 'stx' } })).toEqual([
      '[0].vendorAscii.framing: Should be one of: lengthPrefixed / nulPadded',
    ]);
    expect(problems({ ...BASE, format: 'vendorAscii', vendorAscii: { terminator: 'ETX' } })[0]).toMatch(/^\[0\]\.vendorAscii\.terminator: .*CR \/ LF \/ CRLF/);
    expect(problems({ ...BASE, format: 'vendorAscii', vendorAscii: { lengthPrefix: true } })[0]).toMatch(/^\[0\]\.vendorAscii: .*lengthPrefix/);
  });
});

describe('hidPos options', () => {
  const fixture = loadHidFixture('hid-pos-data-after-length'); // data at byte 2, flag at byte 62

  it('decode a scanner with another layout only when the configuration gives it', () => {
    const withLayout = config({ ...BASE, format: 'hidPos', hidPos: { dataOffset: 2, continuationOffset: 62 } });
    expect(decoderConfigOf(withLayout)).toEqual({ format: 'hidPos', hidPosLayout: { dataOffset: 2, continuationOffset: 62 } });
    expect(scans(pushAll(createDecoder(decoderConfigOf(withLayout)), fixture.reports))).toEqual(['00BC614E']);
    // The Honeywell default reads byte 63 (0x01) as "continued": the symbol never ends.
    const plain = createDecoder(decoderConfigOf(config({ ...BASE, format: 'hidPos' })));
    expect(scans(pushAll(plain, fixture.reports))).toEqual([]);
    expect(plain.pending).toBe(true);
  });

  it('left out, the common layout decodes the Honeywell-style recording as before', () => {
    const honeywell = loadHidFixture('hid-pos-two-reports');
    const d = createDecoder(decoderConfigOf(config({ ...BASE, format: 'hidPos', hidPos: {} })));
    expect(scans(pushAll(d, honeywell.reports))).toHaveLength(1);
  });

  it('refuse offsets out of range, on byte 0, or two fields on one byte, naming the field', () => {
    expect(problems({ ...BASE, format: 'hidPos', hidPos: { dataOffset: 0 } })).toEqual(['[0].hidPos.dataOffset: Must be at least 1']);
    expect(problems({ ...BASE, format: 'hidPos', hidPos: { lengthOffset: 2.5 } })[0]).toMatch(/^\[0\]\.hidPos\.lengthOffset: /);
    expect(problems({ ...BASE, format: 'hidPos', hidPos: { continuationOffset: 0 } })).toEqual([
      '[0].hidPos.continuationOffset: Byte 0 is the report id: the continuation flag cannot be there',
    ]);
    expect(problems({ ...BASE, format: 'hidPos', hidPos: { dataOffset: 1 } })).toEqual([
      '[0].hidPos.dataOffset: The same byte as lengthOffset: check the report layout in the reader’s manual',
    ]);
    expect(problems({ ...BASE, format: 'hidPos', hidPos: { dataOffset: 2, continuationOffset: 2 } })).toEqual([
      '[0].hidPos.continuationOffset: The same byte as dataOffset: check the report layout in the reader’s manual',
    ]);
  });
});

describe('options of another format', () => {
  it('are refused, not silently ignored', () => {
    expect(problems({ ...BASE, format: 'keyboard', hidPos: { dataOffset: 2 } })).toEqual([
      '[0].hidPos: The hidPos settings are for readers of format hidPos only; this reader’s format is keyboard',
    ]);
    expect(problems({ ...BASE, format: 'hidPos', vendorAscii: { terminator: 'LF' } })).toEqual([
      '[0].vendorAscii: The vendorAscii settings are for readers of format vendorAscii only; this reader’s format is hidPos',
    ]);
  });
});

describe("the screen's schema (shared/kiosk-api)", () => {
  it('accepts every configuration the back end saves with options', () => {
    for (const c of [
      { ...BASE, format: 'vendorAscii', vendorAscii: { framing: 'lengthPrefixed', terminator: 'CRLF' } },
      { ...BASE, format: 'hidPos', reportId: 5, hidPos: { lengthOffset: 1, dataOffset: 2, continuationOffset: -2 } },
    ]) {
      expect(readerSettingSchema.parse(config(c))).toEqual(c);
    }
  });

  it('is no looser on the fields themselves', () => {
    expect(readerSettingSchema.safeParse({ ...BASE, format: 'hidPos', hidPos: { dataOffset: 0 } }).success).toBe(false);
    expect(readerSettingSchema.safeParse({ ...BASE, format: 'vendorAscii', vendorAscii: { framing: 'x' } }).success).toBe(false);
  });
});

describe("the set-up form's options (renderer reader-options.ts)", () => {
  it('sends only the chosen format\'s options, blanks left out, and the back end accepts them', () => {
    const typed = { reportId: '3', framing: 'lengthPrefixed', terminator: 'CRLF', lengthOffset: '1', dataOffset: '2', continuationOffset: '62' } as const;
    expect(formatOptions('keyboard', typed)).toEqual({});
    expect(formatOptions('vendorAscii', typed)).toEqual({ reportId: 3, vendorAscii: { framing: 'lengthPrefixed', terminator: 'CRLF' } });
    expect(formatOptions('hidPos', typed)).toEqual({ reportId: 3, hidPos: { lengthOffset: 1, dataOffset: 2, continuationOffset: 62 } });
    expect(formatOptions('hidPos', NO_OPTIONS)).toEqual({});
    expect(formatOptions('hidPos', { ...NO_OPTIONS, dataOffset: ' 2 ' })).toEqual({ hidPos: { dataOffset: 2 } });
    for (const format of ['keyboard', 'vendorAscii', 'hidPos'] as const) {
      expect(readerConfigSchema.safeParse({ ...BASE, format, ...formatOptions(format, typed) }).success).toBe(true);
    }
  });

  it('leaves a typo to the back end, which names the field', () => {
    const options = formatOptions('hidPos', { ...NO_OPTIONS, dataOffset: 'x' });
    // NaN is what JSON turns into null on the way: refused as not a number, at hidPos.dataOffset.
    expect(problems(JSON.parse(JSON.stringify({ ...BASE, format: 'hidPos', ...options })))[0]).toMatch(/^\[0\]\.hidPos\.dataOffset: /);
  });
});

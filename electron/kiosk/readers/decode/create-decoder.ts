import { assertNever } from '../../../../shared/assert.js';
import type { ReportDecoder, ReportFormat } from '../reader-types.js';
import { createHidPosDecoder } from './hid-pos-decoder.js';
import type { HidPosLayout } from './hid-pos-decoder.js';
import { createKeyboardDecoder } from './keyboard-decoder.js';
import { createVendorAsciiDecoder } from './vendor-ascii-decoder.js';
import type { VendorFraming, VendorTerminator } from './vendor-ascii-decoder.js';

/** A reader's decoding settings, as its configuration states them. Fields a format does not use are ignored. */
export interface DecoderConfig {
  readonly format: ReportFormat;
  /** keyboard: an ID to strip from 9-byte reports; hidPos: the scanned-data report ID; vendorAscii: an ID to strip. */
  readonly reportId?: number;
  /** hidPos: byte positions other than the common Honeywell layout. */
  readonly hidPosLayout?: Partial<Omit<HidPosLayout, 'reportId'>>;
  /** vendorAscii: how text is framed in a report (default NUL-padded). */
  readonly framing?: VendorFraming;
  /** vendorAscii: what ends a scan (default CR). */
  readonly terminator?: VendorTerminator;
  /** Longest scan accepted (characters; bytes for hidPos). */
  readonly maxLength?: number;
}

/** The one decoder for a reader's report format. */
export function createDecoder(config: DecoderConfig): ReportDecoder {
  switch (config.format) {
    case 'keyboard':
      return createKeyboardDecoder({ reportId: config.reportId, maxLength: config.maxLength });
    case 'hidPos':
      return createHidPosDecoder({ layout: { ...config.hidPosLayout, reportId: config.reportId }, maxBytes: config.maxLength });
    case 'vendorAscii':
      return createVendorAsciiDecoder({
        framing: config.framing ?? 'nulPadded',
        terminator: config.terminator ?? 'CR',
        reportId: config.reportId,
        maxLength: config.maxLength,
      });
    default:
      return assertNever(config.format, 'report format');
  }
}

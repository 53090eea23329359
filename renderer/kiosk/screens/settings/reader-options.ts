/**
 * The byte-level options of "add a reader" (docs/readers.md "Configuring a reader"): the report id,
 * a vendor-data reader's framing and terminator, a HID-POS scanner's byte positions. Kept apart from
 * the form so the mapping from what was typed to the saved configuration can be tested without a DOM.
 */
import type { READER_VENDOR_FRAMINGS, READER_VENDOR_TERMINATORS, ReaderSetting } from '../../../../shared/kiosk-api/settings-views.js';

export type FormatOptions = Pick<ReaderSetting, 'reportId' | 'vendorAscii' | 'hidPos'>;
type Format = ReaderSetting['format'];
type Framing = (typeof READER_VENDOR_FRAMINGS)[number];
type Terminator = (typeof READER_VENDOR_TERMINATORS)[number];

/** The options as typed: '' leaves a field out, so the decoder keeps its default. */
export interface OptionFields {
  readonly reportId: string;
  readonly framing: Framing | '';
  readonly terminator: Terminator | '';
  readonly lengthOffset: string;
  readonly dataOffset: string;
  readonly continuationOffset: string;
}

/** The decoder's defaults (hid-pos-decoder.ts DEFAULT_HID_POS_LAYOUT), shown as placeholders. */
export const HID_POS_DEFAULTS = { lengthOffset: 1, dataOffset: 5, continuationOffset: -1 } as const;

export const NO_OPTIONS: OptionFields = { reportId: '', framing: '', terminator: '', lengthOffset: '', dataOffset: '', continuationOffset: '' };

/**
 * A typed number, or nothing when blank. Not checked here: the back end's schema refuses a bad one
 * with a message naming the field (a NaN travels as null: "expected a number").
 */
function num(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}

/** Only the options of the chosen format: the back end refuses another format's options. */
export function formatOptions(format: Format, f: OptionFields): FormatOptions {
  const reportId = format === 'keyboard' ? undefined : num(f.reportId);
  const base = reportId === undefined ? {} : { reportId };
  if (format === 'vendorAscii') {
    const vendorAscii = { ...(f.framing === '' ? {} : { framing: f.framing }), ...(f.terminator === '' ? {} : { terminator: f.terminator }) };
    return Object.keys(vendorAscii).length === 0 ? base : { ...base, vendorAscii };
  }
  if (format === 'hidPos') {
    const [lengthOffset, dataOffset, continuationOffset] = [num(f.lengthOffset), num(f.dataOffset), num(f.continuationOffset)];
    const hidPos = {
      ...(lengthOffset === undefined ? {} : { lengthOffset }),
      ...(dataOffset === undefined ? {} : { dataOffset }),
      ...(continuationOffset === undefined ? {} : { continuationOffset }),
    };
    return Object.keys(hidPos).length === 0 ? base : { ...base, hidPos };
  }
  return base;
}

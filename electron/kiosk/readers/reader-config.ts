/**
 * Which USB readers the kiosk reads raw, and how: saved as JSON in the settings table under
 * 'readers', read back through zod (the settings file is a boundary: a hand edit or an older version
 * may have left anything there).
 */
import { z } from 'zod';
import { render, t } from '../../../shared/i18n/catalogs.js';
import { message, type Locale } from '../../../shared/i18n/text.js';
import { parseWith, ROOT_PATH, type ParseProblem } from '../../../shared/parse.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { KioskStore, ReadHandle } from '../store/open.js';
import { getSetting, setSetting } from '../settings.js';
import type { HidDeviceInfo } from './hid-device.js';
import type { ReportFormat, UidFormat } from './reader-types.js';
import type { DecoderConfig } from './decode/create-decoder.js';
import { DEFAULT_HID_POS_LAYOUT } from './decode/hid-pos-decoder.js';
import type { VendorFraming, VendorTerminator } from './decode/vendor-ascii-decoder.js';

/** The settings key the list is saved under. */
export const READERS_SETTING = 'readers';

const u16 = z.number().int().min(0).max(0xffff);

export const REPORT_FORMATS = ['keyboard', 'hidPos', 'vendorAscii'] as const satisfies readonly ReportFormat[];
export const UID_FORMATS = ['hex', 'hexReversed', 'dec10', 'wiegand26'] as const satisfies readonly UidFormat[];
export const VENDOR_FRAMINGS = ['lengthPrefixed', 'nulPadded'] as const satisfies readonly VendorFraming[];
export const VENDOR_TERMINATORS = ['CR', 'LF', 'CRLF'] as const satisfies readonly VendorTerminator[];

/** Largest byte offset in a report: HID reports of a USB reader are far shorter (64 bytes at full speed). */
const MAX_OFFSET = 1023;
/** Byte 0 is the report id (always checked for HID-POS), so no field can sit there. */
const offset = z.number().int().min(1).max(MAX_OFFSET);

/** vendorAscii options (vendor-ascii-decoder.ts); left out: NUL-padded text ended by CR. */
export const vendorAsciiOptionsSchema = z.strictObject({
  framing: z.enum(VENDOR_FRAMINGS).optional(),
  terminator: z.enum(VENDOR_TERMINATORS).optional(),
});

/** hidPos byte positions (hid-pos-decoder.ts); each left out keeps the Honeywell/Zebra default. */
export const hidPosOptionsSchema = z
  .strictObject({
    lengthOffset: offset.optional(),
    dataOffset: offset.optional(),
    /** Byte holding the continuation flag; negative counts from the end (-1 = last byte). */
    continuationOffset: z.number().int().min(-MAX_OFFSET).max(MAX_OFFSET).refine((n) => n !== 0, { message: 'reader.config.offsetZero' }).optional(),
  })
  .superRefine((o, ctx) => {
    // Two fields on one byte: every report would decode as garbage. Checked with the defaults filled in.
    const length = o.lengthOffset ?? DEFAULT_HID_POS_LAYOUT.lengthOffset;
    const data = o.dataOffset ?? DEFAULT_HID_POS_LAYOUT.dataOffset;
    const flag = o.continuationOffset ?? DEFAULT_HID_POS_LAYOUT.continuationOffset;
    if (length === data) ctx.addIssue({ code: 'custom', path: ['dataOffset'], message: 'reader.config.sameByte', params: { other: 'lengthOffset' } });
    if (flag === length) ctx.addIssue({ code: 'custom', path: ['continuationOffset'], message: 'reader.config.sameByte', params: { other: 'lengthOffset' } });
    if (flag === data) ctx.addIssue({ code: 'custom', path: ['continuationOffset'], message: 'reader.config.sameByte', params: { other: 'dataOffset' } });
  });

const readerConfigObject = z.strictObject({
  /** Stable id (events and state are keyed by it). */
  id: z.string().trim().min(1).max(64),
  /** The manager's label, e.g. "前台读卡器". */
  name: z.string().trim().min(1).max(40),
  vendorId: u16,
  productId: u16,
  /** Only the collection with this usage page (0x01 generic desktop / keyboard, 0x8C HID-POS, 0xFF00+ vendor). */
  usagePage: u16.optional(),
  /** Only this USB interface (a reader with a keyboard and a data interface). */
  interface: z.number().int().min(0).max(255).optional(),
  /** Only the device with this serial number (two readers of the same model). */
  serial: z.string().trim().min(1).optional(),
  format: z.enum(REPORT_FORMATS),
  uidFormat: z.enum(UID_FORMATS),
  /** The report id the reader's data reports start with, if it numbers them. */
  reportId: z.number().int().min(1).max(255).optional(),
  /** format vendorAscii only: how text is framed and ended. */
  vendorAscii: vendorAsciiOptionsSchema.optional(),
  /** format hidPos only: where the length byte, the data and the continuation flag are. */
  hidPos: hidPosOptionsSchema.optional(),
});

export const readerConfigSchema = readerConfigObject.superRefine((c, ctx) => {
  // Options of another format would be silently ignored: refused, so the manager sees the mismatch.
  if (c.vendorAscii !== undefined && c.format !== 'vendorAscii') {
    ctx.addIssue({ code: 'custom', path: ['vendorAscii'], message: 'reader.config.otherFormat', params: { field: 'vendorAscii', format: c.format } });
  }
  if (c.hidPos !== undefined && c.format !== 'hidPos') {
    ctx.addIssue({ code: 'custom', path: ['hidPos'], message: 'reader.config.otherFormat', params: { field: 'hidPos', format: c.format } });
  }
});
export type ReaderConfig = z.infer<typeof readerConfigSchema>;

/** What createDecoder needs from a saved configuration: its format, report id and format options. */
export function decoderConfigOf(c: ReaderConfig): DecoderConfig {
  return {
    format: c.format,
    ...(c.reportId === undefined ? {} : { reportId: c.reportId }),
    ...(c.format === 'vendorAscii' && c.vendorAscii?.framing !== undefined ? { framing: c.vendorAscii.framing } : {}),
    ...(c.format === 'vendorAscii' && c.vendorAscii?.terminator !== undefined ? { terminator: c.vendorAscii.terminator } : {}),
    ...(c.format === 'hidPos' && c.hidPos !== undefined ? { hidPosLayout: c.hidPos } : {}),
  };
}

export const readerConfigListSchema = z.array(readerConfigSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate reader id "${c.id}"` });
    seen.add(c.id);
  });
});

function text(key: string, locale: Locale, params?: Record<string, string>): string {
  return t(key, params, locale);
}

/** The saved list. Nothing saved yet is an empty list; anything unreadable is a problem to show, not a throw. */
export function loadReaderConfigs(read: ReadHandle): Result<ReaderConfig[], ParseProblem> {
  const raw = getSetting(read, READERS_SETTING);
  if (raw === null) return ok([]);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    // Not JSON at all: the same words as a ledger row that is not JSON.
    const m = message('ledger.row.notJson');
    return err({
      message: message('parse.invalid', { what: text('reader.settingName', 'zh-CN'), what_en: text('reader.settingName', 'en'), count: 1 }),
      issues: [{ path: ROOT_PATH, message: render(m, 'zh-CN'), text: m }],
    });
  }
  return parseWith(readerConfigListSchema, json, text('reader.settingName', 'zh-CN'));
}

/** Saves the whole list (replacing the old one) after checking it; a bad list saves nothing. */
export function saveReaderConfigs(store: KioskStore, list: readonly unknown[]): Result<ReaderConfig[], ParseProblem> {
  const parsed = parseWith(readerConfigListSchema, list, text('reader.settingName', 'zh-CN'));
  if (!parsed.ok) return parsed;
  store.write((tx) => setSetting(tx, READERS_SETTING, JSON.stringify(parsed.value)));
  return parsed;
}

/** Whether a listed device is the one a configuration names. */
export function matches(config: ReaderConfig, device: HidDeviceInfo): boolean {
  if (config.vendorId !== device.vendorId || config.productId !== device.productId) return false;
  if (config.usagePage !== undefined && config.usagePage !== device.usagePage) return false;
  if (config.interface !== undefined && config.interface !== device.interface) return false;
  if (config.serial !== undefined && config.serial !== device.serialNumber) return false;
  return true;
}

export function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** What kind of collection a usage page is, in words a manager can match to the reader's manual. */
export function usagePageKind(usagePage: number | undefined, usage?: number): 'keyboard' | 'hidPos' | 'vendor' | 'other' | undefined {
  if (usagePage === undefined) return undefined;
  if (usagePage === 0x01 && (usage === undefined || usage === 0x06 || usage === 0x07)) return 'keyboard';
  if (usagePage === 0x8c) return 'hidPos';
  if (usagePage >= 0xff00) return 'vendor';
  return 'other';
}

/**
 * A name a manager recognises: "Newland HR22 (键盘模式)", or "USB 设备 1EAB:8203 (HID-POS 模式)" when
 * the device gives no names. Not the raw path: that means nothing to a canteen.
 */
export function describeDevice(info: HidDeviceInfo, locale: Locale = 'zh-CN'): string {
  const names = [info.manufacturer, info.product].filter((s): s is string => s !== undefined);
  // Many products repeat the maker's name ("Newland Newland HR22"): keep it once.
  const [maker, product] = names;
  const label =
    names.length === 0
      ? text('reader.usb', locale, { vidpid: `${hex4(info.vendorId)}:${hex4(info.productId)}` })
      : maker !== undefined && product !== undefined && product.toLowerCase().startsWith(maker.toLowerCase())
        ? product
        : names.join(' ');
  const kind = usagePageKind(info.usagePage, info.usage);
  if (kind === undefined) return label;
  const kindText = kind === 'other' ? text('reader.kind.other', locale, { page: `0x${hex4(info.usagePage ?? 0)}` }) : text(`reader.kind.${kind}`, locale);
  return locale === 'zh-CN' ? `${label}（${kindText}）` : `${label} (${kindText})`;
}

/** A parse problem as one line for a log or a status bar (render of the catalog, or our own words). */
export function problemLine(p: ParseProblem, locale: Locale = 'zh-CN'): string {
  return [render(p.message, locale), ...p.issues.map((i) => `${i.path}: ${locale === 'zh-CN' ? i.message : render(i.text, locale)}`)].join('; ');
}

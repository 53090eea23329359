/** Views of the settings screens: the policy in force in words, and the readers with their state. */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { messageSchema } from './api-error.js';
import { periodViewSchema } from './views.js';

export const policyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  timeZone: z.string(),
  inForce: z.strictObject({ version: z.int().positive(), effectiveFrom: localDateSchema }),
  versions: z.array(z.strictObject({ version: z.int().positive(), effectiveFrom: localDateSchema })),
  periods: z.array(periodViewSchema),
  /** Each tier's rule in words, in the policy's order (the first that applies wins). */
  rules: z.array(z.strictObject({ tier: z.string(), text: z.array(messageSchema) })),
  funding: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  /** The status vocabulary (特困, 低保 … by code) of the version in force: the roster's filter and form use it. */
  statuses: z.array(z.strictObject({ code: z.string(), name: z.string() })),
});
export type PolicyView = z.infer<typeof policyViewSchema>;

const u16 = z.int().min(0).max(0xffff);

/** How a raw HID reader's reports are laid out (docs/readers.md "Configuring a reader"). */
export const READER_FORMATS = ['keyboard', 'hidPos', 'vendorAscii'] as const;
/** How a card reader prints a card's UID. */
export const READER_UID_FORMATS = ['hex', 'hexReversed', 'dec10', 'wiegand26'] as const;
/** vendorAscii: how text sits in a report (byte 0 its length, or NUL padding after it). */
export const READER_VENDOR_FRAMINGS = ['lengthPrefixed', 'nulPadded'] as const;
/** vendorAscii: the bytes that end a scan. */
export const READER_VENDOR_TERMINATORS = ['CR', 'LF', 'CRLF'] as const;
/** hidPos byte offsets: byte 0 is the report id, so a field starts at 1 at the earliest. */
const readerOffset = z.int().min(1).max(1023);

/**
 * One raw HID reader's configuration, as the screen sends it in readers.save. Mirrors the back end's
 * readerConfigSchema (electron/kiosk/readers/reader-config.ts), which shared cannot import; the back
 * end checks the list with that schema again before saving, so this one only has to be no looser.
 */
export const readerSettingSchema = z.strictObject({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(40),
  vendorId: u16,
  productId: u16,
  usagePage: u16.optional(),
  interface: z.int().min(0).max(255).optional(),
  serial: z.string().trim().min(1).optional(),
  format: z.enum(READER_FORMATS),
  uidFormat: z.enum(READER_UID_FORMATS),
  reportId: z.int().min(1).max(255).optional(),
  /** format vendorAscii only (the back end refuses it on another format). */
  vendorAscii: z.strictObject({ framing: z.enum(READER_VENDOR_FRAMINGS).optional(), terminator: z.enum(READER_VENDOR_TERMINATORS).optional() }).optional(),
  /** format hidPos only; each offset left out keeps the Honeywell/Zebra default (length at 1, data at 5, flag in the last byte). */
  hidPos: z
    .strictObject({
      lengthOffset: readerOffset.optional(),
      dataOffset: readerOffset.optional(),
      continuationOffset: z.int().min(-1023).max(1023).optional(),
    })
    .optional(),
});
export type ReaderSetting = z.infer<typeof readerSettingSchema>;

export const readerViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  state: z.enum(['connected', 'disconnected', 'error']),
  lastReadAt: z.string().nullable(),
  lastError: messageSchema.nullable(),
  /** Read errors and failed opens since the kiosk started (a rising count: a poor cable or port). */
  errorCount: z.int().min(0),
  /** The set-up screen's switches for this reader (both off unless a manager is on that screen). */
  liveView: z.boolean(),
  testSwipe: z.boolean(),
  /** The saved configuration, so the screen can send the whole list back with one reader added. */
  config: readerSettingSchema.nullable(),
});
export type ReaderView = z.infer<typeof readerViewSchema>;

/** A HID device plugged in now (readers.devices), named so a manager recognises it. */
export const readerDeviceViewSchema = z.strictObject({
  name: z.string(),
  vendorId: u16,
  productId: u16,
  usagePage: u16.nullable(),
  interface: z.int().nullable(),
  serial: z.string().nullable(),
  /** The report format its usage page suggests; null when it says nothing (the manager picks). */
  suggestedFormat: z.enum(READER_FORMATS).nullable(),
  /** The configured reader this device is, if one matches it. */
  configuredAs: z.string().nullable(),
});
export type ReaderDeviceView = z.infer<typeof readerDeviceViewSchema>;

/** Test swipe: whom a scan would find (nothing recorded). `shown` is a UID, a masked ID, or the QR prefix. */
export const testSwipeViewSchema = z.strictObject({
  scan: z.enum(['card', 'id', 'qr']),
  shown: z.string(),
  elder: z.strictObject({ id: z.string(), name: z.string(), idMasked: z.string(), active: z.boolean() }).nullable(),
  card: z.strictObject({ uid: z.string(), state: z.string() }).nullable(),
  /** Why a check-in would not find the elder; null when it would. */
  refusal: messageSchema.nullable(),
});
export type TestSwipeView = z.infer<typeof testSwipeViewSchema>;

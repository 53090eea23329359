/**
 * What the kiosk back end pushes to the screens without being asked: a raw HID reader's check-in,
 * the elder-facing display's content, readers plugged and unplugged, the session changing (lock),
 * upload status. The same schemas on both transports (IPC events; Server-Sent Events in browser mode).
 */
import { z } from 'zod';
import { checkinViewSchema, displayViewSchema, sessionViewSchema } from './views.js';
import { messageSchema } from './api-error.js';
import { readerViewSchema, testSwipeViewSchema } from './settings-views.js';

export const kioskEventSchema = z.discriminatedUnion('type', [
  /** A check-in from a reader the main process reads raw (node-hid); wedge scans answer their call instead. */
  z.strictObject({ type: z.literal('checkin'), readerId: z.string(), result: checkinViewSchema }),
  z.strictObject({ type: z.literal('display'), view: displayViewSchema }),
  z.strictObject({ type: z.literal('reader'), reader: readerViewSchema }),
  z.strictObject({ type: z.literal('session'), session: sessionViewSchema }),
  /**
   * Live view (set-up screen, one reader switched on): one raw report and what it completed. When the
   * scan is, or may be, a resident ID number, `bytes` is empty and `note` says why — keyboard reports
   * spell the digits one key at a time — and `decoded` is masked.
   */
  z.strictObject({
    type: z.literal('readerLive'),
    readerId: z.string(),
    /** The report as hex bytes ("00 00 27 00 00 00 00 00"); '' when withheld. */
    bytes: z.string(),
    /** The scan this report completed ('' for most reports), masked when ID-shaped. */
    decoded: z.string(),
    /** The decoder's reason when the report garbled the scan. */
    garbled: z.string().nullable(),
    note: messageSchema.nullable(),
    at: z.string(),
  }),
  /** Test swipe (set-up screen): whom the scan would find, or why it names nobody. Nothing recorded. */
  z.strictObject({
    type: z.literal('readerTest'),
    readerId: z.string(),
    result: testSwipeViewSchema.nullable(),
    /** The scan names nothing (wrong length, bad ID check character …). */
    problem: messageSchema.nullable(),
    at: z.string(),
  }),
  z.strictObject({
    type: z.literal('upload'),
    pending: z.int().min(0),
    lastSuccessAt: z.string().nullable(),
    /** refused: the hub said no in a way only a person can resolve, or the device key is missing (see `problem`). */
    state: z.enum(['notEnrolled', 'idle', 'sending', 'offline', 'refused']),
    /** Why the last try failed (offline) or why uploading stopped (refused). Additive: absent from older back ends. */
    problem: messageSchema.nullable().optional(),
    /** The kiosk's clock minus the hub's at the last success, ms (the hub flags more than 5 minutes). */
    clockSkewMs: z.int().nullable().optional(),
  }),
]);
export type KioskEvent = z.infer<typeof kioskEventSchema>;
export type KioskEventType = KioskEvent['type'];

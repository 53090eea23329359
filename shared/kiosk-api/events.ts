/**
 * What the kiosk back end pushes to the screens without being asked: a raw HID reader's check-in,
 * the elder-facing display's content, readers plugged and unplugged, the session changing (lock),
 * upload status. The same schemas on both transports (IPC events; Server-Sent Events in browser mode).
 */
import { z } from 'zod';
import { checkinViewSchema, displayViewSchema, sessionViewSchema } from './views.js';
import { readerViewSchema } from './settings-views.js';

export const kioskEventSchema = z.discriminatedUnion('type', [
  /** A check-in from a reader the main process reads raw (node-hid); wedge scans answer their call instead. */
  z.strictObject({ type: z.literal('checkin'), readerId: z.string(), result: checkinViewSchema }),
  z.strictObject({ type: z.literal('display'), view: displayViewSchema }),
  z.strictObject({ type: z.literal('reader'), reader: readerViewSchema }),
  z.strictObject({ type: z.literal('session'), session: sessionViewSchema }),
  z.strictObject({
    type: z.literal('upload'),
    pending: z.int().min(0),
    lastSuccessAt: z.string().nullable(),
    state: z.enum(['notEnrolled', 'idle', 'sending', 'offline']),
  }),
]);
export type KioskEvent = z.infer<typeof kioskEventSchema>;
export type KioskEventType = KioskEvent['type'];

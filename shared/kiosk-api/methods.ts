/**
 * The kiosk API: every method the kiosk's screens may call, with its zod input and output and who
 * may call it. One table, two transports (Electron IPC through the preload; HTTP on 127.0.0.1 in
 * browser mode), both generated from here — a method that is not in this table cannot be called.
 *
 * `access`: 'public' needs no shift (the sign-in screen, the elder-facing display); 'cashier' needs
 * an open, unlocked shift; 'manager' also needs a manager (signed in as one, or a manager PIN given
 * through session.elevate during the shift).
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { fenSchema } from '../money.js';
import { elderDetailSchema, elderEditSchema, importReportViewSchema, paperRosterRowSchema, rosterFilterSchema, rosterPageSchema } from './roster-views.js';
import { absentElderSchema, EXPORT_FORMATS, exportFileSchema, rangeReportSchema } from './report-views.js';
import {
  cashPaymentSchema,
  checkinViewSchema,
  dayReportViewSchema,
  displayViewSchema,
  elderBriefSchema,
  readerBriefSchema,
  operatorViewSchema,
  recordViewSchema,
  saleViewSchema,
  sessionViewSchema,
  uiSettingsSchema,
  voidViewSchema,
} from './views.js';
import { readerDeviceViewSchema, readerSettingSchema, readerViewSchema, policyViewSchema } from './settings-views.js';

export type Access = 'public' | 'cashier' | 'manager';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly access: Access;
  readonly input: I;
  readonly output: O;
}

function method<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): MethodSpec<I, O> {
  return { access, input, output };
}

const none = z.strictObject({});
const id = z.string().min(1).max(64);
const pin = z.string().regex(/^\d{4,8}$/, { error: 'api.pinShape' });
/** What a reader or scanner typed: a card UID, a resident ID number or a QR token. */
const scanText = z.string().trim().min(1).max(512);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'date.month' });

export const kioskMethods = {
  // —— shift ——
  'session.status': method('public', none, sessionViewSchema),
  /** Operators who may sign in (names and roles only), for the sign-in screen. */
  'session.operators': method('public', none, z.array(operatorViewSchema)),
  'session.start': method('public', z.strictObject({ operatorId: id, pin }), sessionViewSchema),
  /** Locked after idle: the same operator's PIN, or a manager's, opens it again. */
  'session.unlock': method('public', z.strictObject({ operatorId: id, pin }), sessionViewSchema),
  'session.lock': method('cashier', none, sessionViewSchema),
  'session.end': method('cashier', none, sessionViewSchema),
  /** A manager's PIN during a cashier's shift: manager actions are allowed until lock or sign-out. */
  'session.elevate': method('cashier', z.strictObject({ operatorId: id, pin }), sessionViewSchema),
  'session.dropElevation': method('cashier', none, sessionViewSchema),

  // —— check-in and sales ——
  /** A keyboard-wedge scan (the renderer caught it): card, ID number or QR code. */
  'checkin.scan': method('cashier', z.strictObject({ text: scanText, payment: cashPaymentSchema }), checkinViewSchema),
  /** The elder found by hand (forgotten card): recorded as manual. */
  'checkin.manual': method('cashier', z.strictObject({ elderId: id, payment: cashPaymentSchema }), checkinViewSchema),
  /** After a refusal: the same elder's meal sold at full price, no subsidy. */
  'checkin.fullPrice': method('cashier', z.strictObject({ elderId: id, payment: cashPaymentSchema }), checkinViewSchema),
  /** A meal from the paper roster during an outage, entered afterwards (marked back-filled). */
  'checkin.backfill': method(
    'manager',
    z.strictObject({ elderId: id, serviceDate: localDateSchema, periodId: id, payment: cashPaymentSchema }),
    checkinViewSchema,
  ),
  'elders.search': method('cashier', z.strictObject({ query: z.string().max(40) }), z.array(elderBriefSchema)),
  'sale.sell': method(
    'cashier',
    z.strictObject({ quantity: z.int().min(1).max(100), amount: fenSchema.optional(), periodId: id.optional(), payment: cashPaymentSchema }),
    saleViewSchema,
  ),
  'records.recent': method('cashier', z.strictObject({ limit: z.int().min(1).max(200) }), z.array(recordViewSchema)),
  'records.void': method('manager', z.strictObject({ seq: z.int().positive(), reason: z.string().trim().min(2).max(200) }), voidViewSchema),

  // —— day close ——
  'day.report': method('cashier', z.strictObject({ serviceDate: localDateSchema.optional() }), dayReportViewSchema),
  'day.close': method('manager', z.strictObject({ serviceDate: localDateSchema }), dayReportViewSchema),

  // —— roster (manager) ——
  'roster.list': method(
    'manager',
    z.strictObject({ query: z.string().max(40), filter: rosterFilterSchema, offset: z.int().min(0), limit: z.int().min(1).max(200) }),
    rosterPageSchema,
  ),
  'roster.get': method('manager', z.strictObject({ elderId: id }), elderDetailSchema),
  'roster.save': method('manager', elderEditSchema, elderDetailSchema),
  'roster.bindCard': method('manager', z.strictObject({ elderId: id, uid: scanText }), elderDetailSchema),
  'roster.reportLost': method('manager', z.strictObject({ elderId: id, uid: scanText }), elderDetailSchema),
  'roster.setActive': method('manager', z.strictObject({ elderId: id, active: z.boolean() }), elderDetailSchema),
  /** A roster file (CSV or XLSX) read and checked row by row; nothing is written until accepted. */
  'roster.importPreview': method(
    'manager',
    z.strictObject({ fileName: z.string().min(1).max(200), base64: z.string().max(70_000_000) }),
    importReportViewSchema,
  ),
  'roster.importAccept': method('manager', z.strictObject({ previewId: id }), importReportViewSchema),
  'roster.paper': method('cashier', none, z.array(paperRosterRowSchema)),

  // —— reports ——
  'reports.range': method('manager', z.strictObject({ from: localDateSchema, to: localDateSchema }), rangeReportSchema),
  'reports.month': method('manager', z.strictObject({ month }), rangeReportSchema),
  'reports.absent': method('cashier', z.strictObject({ serviceDate: localDateSchema.optional() }), z.array(absentElderSchema)),
  'reports.export': method(
    'manager',
    z.strictObject({ report: z.enum(['range', 'absent']), from: localDateSchema, to: localDateSchema, format: z.enum(EXPORT_FORMATS) }),
    exportFileSchema,
  ),

  // —— settings (manager) ——
  'settings.save': method('manager', uiSettingsSchema, sessionViewSchema),
  /** Language only: any cashier may switch it. */
  'settings.locale': method('public', z.strictObject({ locale: uiSettingsSchema.shape.locale }), sessionViewSchema),
  'policy.describe': method('cashier', none, policyViewSchema),
  'operators.list': method('manager', none, z.array(operatorViewSchema)),
  'operators.add': method(
    'manager',
    z.strictObject({ name: z.string().trim().min(1).max(40), role: z.enum(['cashier', 'manager']), pin }),
    operatorViewSchema,
  ),
  'operators.setActive': method('manager', z.strictObject({ operatorId: id, active: z.boolean() }), operatorViewSchema),
  /** The raw readers' names and states for the cashier's status bar (empty in browser mode). */
  'readers.status': method('cashier', none, z.array(readerBriefSchema)),
  'readers.list': method('manager', none, z.array(readerViewSchema)),
  /** HID devices plugged in now, for "add a reader" (an empty list in browser mode). */
  'readers.devices': method('manager', none, z.array(readerDeviceViewSchema)),
  /** Replaces the raw HID readers' configurations and applies them to the running readers. */
  'readers.save': method('manager', z.strictObject({ readers: z.array(readerSettingSchema).max(32) }), z.array(readerViewSchema)),
  /** The set-up screen's live view and test swipe for one reader (both off when the screen is left). */
  'readers.setup': method('manager', z.strictObject({ readerId: id, live: z.boolean(), testSwipe: z.boolean() }), readerViewSchema),

  // —— the elder-facing display ——
  'display.current': method('public', none, displayViewSchema),
} as const satisfies Record<string, MethodSpec>;

export type KioskMethods = typeof kioskMethods;
export type MethodName = keyof KioskMethods;
export type MethodInput<N extends MethodName> = z.input<KioskMethods[N]['input']>;
export type MethodOutput<N extends MethodName> = z.output<KioskMethods[N]['output']>;
export const METHOD_NAMES = Object.keys(kioskMethods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(kioskMethods, name);
}

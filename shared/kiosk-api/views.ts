/**
 * What the kiosk's screens are shown, as zod schemas: the output side of the kiosk API. Views are
 * made for the screen, not copies of the back end's rows: no resident ID number (only the masked
 * form), and nothing that names an elder's status category on anything the elder-facing display gets.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { IDENTIFY_METHODS } from '../ledger/bodies.js';
import { fenSchema } from '../money.js';
import { PAYMENT_METHODS } from '../payment.js';
import { AGE_BANDS } from '../pricing/types.js';
import { messageSchema } from './api-error.js';

export const LOCALE_CODES = ['zh-CN', 'en'] as const;

const isoInstant = z.iso.datetime({ offset: true });
const ageBand = z.enum(AGE_BANDS);
const payment = z.enum(PAYMENT_METHODS);
export const cashPaymentSchema = z.enum(['cash', 'qrExternal']);

export const operatorViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(['cashier', 'manager']),
  active: z.boolean(),
});
export type OperatorView = z.infer<typeof operatorViewSchema>;

export const periodViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  standardPrice: fenSchema,
});
export type PeriodView = z.infer<typeof periodViewSchema>;

/** Keyboard-wedge scan detection (renderer): a scan is keys closer than maxGapMs, at least minLength long. */
export const wedgeSettingsSchema = z.strictObject({
  maxGapMs: z.int().min(5).max(200),
  minLength: z.int().min(2).max(64),
  prefix: z.string().max(8),
  suffix: z.string().max(8),
  /** How the wedge card reader prints a card's UID (8H10D readers print 10 decimal digits). */
  uidFormat: z.enum(['hex', 'hexReversed', 'dec10', 'wiegand26']),
});
export type WedgeSettings = z.infer<typeof wedgeSettingsSchema>;

export const uiSettingsSchema = z.strictObject({
  locale: z.enum(LOCALE_CODES),
  /** Minutes without a touch or key before the screen locks; 0 = never. */
  lockMinutes: z.int().min(0).max(240),
  wedge: wedgeSettingsSchema,
  /** Say the amount aloud on the elder-facing display (Web Speech API). */
  speech: z.boolean(),
  /** Tones for accepted / refused. */
  sounds: z.boolean(),
  volume: z.int().min(0).max(100),
});
export type UiSettings = z.infer<typeof uiSettingsSchema>;

export const DEFAULT_UI_SETTINGS: UiSettings = {
  locale: 'zh-CN',
  lockMinutes: 10,
  wedge: { maxGapMs: 35, minLength: 6, prefix: '', suffix: '', uidFormat: 'dec10' },
  speech: true,
  sounds: true,
  volume: 80,
};

export const sessionViewSchema = z.strictObject({
  canteenName: z.string(),
  deviceId: z.string(),
  timeZone: z.string(),
  now: isoInstant,
  serviceDate: localDateSchema,
  /** The meal period the clock is in, or null between periods. */
  period: periodViewSchema.nullable(),
  periods: z.array(periodViewSchema),
  /** Whether today is already closed (日结): check-ins are refused. */
  dayClosed: z.boolean(),
  operator: operatorViewSchema.nullable(),
  /** A manager who entered a PIN for manager actions during this shift (until lock or sign-out). */
  manager: operatorViewSchema.nullable(),
  locked: z.boolean(),
  settings: uiSettingsSchema,
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const elderBriefSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** **************123X — the last 4 only. */
  idMasked: z.string(),
  age: z.int().min(0),
  ageBand,
  dietAlert: z.string().nullable(),
  hasPhoto: z.boolean(),
  active: z.boolean(),
});
export type ElderBrief = z.infer<typeof elderBriefSchema>;

export const fundingLineSchema = z.strictObject({ source: z.string(), name: z.string(), amount: fenSchema });

/** 餐费 / 补贴 / 自付, and which budgets pay the subsidy. */
export const priceViewSchema = z.strictObject({
  standard: fenSchema,
  subsidy: fenSchema,
  personal: fenSchema,
  funding: z.array(fundingLineSchema),
});
export type PriceView = z.infer<typeof priceViewSchema>;

export const checkinViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('served'),
    seq: z.int().positive(),
    at: isoInstant,
    serviceDate: localDateSchema,
    period: periodViewSchema,
    elder: elderBriefSchema,
    price: priceViewSchema,
    payment,
    method: z.enum(IDENTIFY_METHODS),
    /** The same elder again within seconds: the first result shown again, nothing new recorded. */
    duplicate: z.boolean(),
    backfilled: z.boolean(),
    fullPrice: z.boolean(),
  }),
  /** Not subsidised; nothing recorded. The cashier may sell at full price. */
  z.strictObject({ kind: z.literal('refused'), elder: elderBriefSchema, price: priceViewSchema, message: messageSchema }),
  /** No elder found for what was presented; nothing recorded. */
  z.strictObject({ kind: z.literal('unidentified'), reason: z.string(), message: messageSchema }),
  /** Could not be recorded: NOT done. */
  z.strictObject({ kind: z.literal('failed'), reason: z.string(), message: messageSchema }),
]);
export type CheckinView = z.infer<typeof checkinViewSchema>;

export const saleViewSchema = z.strictObject({
  seq: z.int().positive(),
  at: isoInstant,
  serviceDate: localDateSchema,
  period: periodViewSchema,
  quantity: z.int().positive(),
  total: fenSchema,
  payment: cashPaymentSchema,
  backfilled: z.boolean(),
});
export type SaleView = z.infer<typeof saleViewSchema>;

export const RECORD_KINDS = ['checkin', 'sale', 'void', 'close'] as const;

export const recordViewSchema = z.strictObject({
  seq: z.int().positive(),
  kind: z.enum(RECORD_KINDS),
  at: isoInstant,
  serviceDate: localDateSchema,
  periodId: z.string().nullable(),
  elderName: z.string().nullable(),
  /** What the elder or buyer paid (0 for void and close). */
  personal: fenSchema,
  standard: fenSchema,
  payment: payment.nullable(),
  method: z.enum(IDENTIFY_METHODS).nullable(),
  backfilled: z.boolean(),
  /** For a void: the record it reverses. */
  targetSeq: z.int().positive().nullable(),
  /** This record has been voided by a later one. */
  voided: z.boolean(),
  operatorName: z.string().nullable(),
});
export type RecordView = z.infer<typeof recordViewSchema>;

export const dayReportViewSchema = z.strictObject({
  serviceDate: localDateSchema,
  closed: z.boolean(),
  closedAt: isoInstant.nullable(),
  /** Elders' meals recorded (subsidised or sold to them at full price), voids excluded. */
  checkins: z.int().min(0),
  subsidised: z.int().min(0),
  /** Full-price meals sold to anyone (quantity). */
  sales: z.int().min(0),
  eldersServed: z.int().min(0),
  voids: z.int().min(0),
  backfilled: z.int().min(0),
  standardTotal: fenSchema,
  subsidyTotal: fenSchema,
  personalTotal: fenSchema,
  cashExpected: fenSchema,
  byPayment: z.array(z.strictObject({ payment, amount: fenSchema })),
  byPeriod: z.array(z.strictObject({ periodId: z.string(), name: z.string(), checkins: z.int().min(0), subsidised: z.int().min(0) })),
  byFunding: z.array(fundingLineSchema),
});
export type DayReportView = z.infer<typeof dayReportViewSchema>;

export const voidViewSchema = z.strictObject({ seq: z.int().positive(), targetSeq: z.int().positive(), at: isoInstant });
export type VoidView = z.infer<typeof voidViewSchema>;

/** What the elder-facing display shows: the amount and a greeting — never a status, tier or name. */
export const displayViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('welcome') }),
  z.strictObject({ kind: z.literal('pay'), personal: fenSchema, payment, duplicate: z.boolean() }),
  /** Refused or not found: the display asks the elder to see the cashier, without saying why. */
  z.strictObject({ kind: z.literal('seeCashier') }),
]);
export type DisplayView = z.infer<typeof displayViewSchema>;

/** A reader as the cashier's status bar shows it: its name and whether it is connected. */
export const readerBriefSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  state: z.enum(['connected', 'disconnected', 'error']),
});
export type ReaderBrief = z.infer<typeof readerBriefSchema>;

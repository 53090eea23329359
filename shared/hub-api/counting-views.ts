/**
 * What the hub's counting, settlement, grading and anomaly functions return, as zod schemas: the
 * server builds these values, the HTTP layer sends them as JSON and the district web app parses them
 * with the same schemas. Change additively only (the web app and city integrations read them).
 *
 * Amounts are integer fen; service dates 'YYYY-MM-DD' (the canteen's calendar); instants UTC ISO
 * with ms and Z. docs/hub-counting.md says what each figure means.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';

const fen = z.int();
const count = z.int().min(0);
const instant = z.iso.datetime({ precision: 3 });
const id = z.int().min(1);

/** A message key with its parameters (see shared/i18n), plus both renderings for lists and exports. */
export const bilingualTextSchema = z.strictObject({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  'zh-CN': z.string(),
  en: z.string(),
});
export type BilingualText = z.infer<typeof bilingualTextSchema>;

/**
 * The subsidy figures every roll-up carries (a day's rows, a month's totals), spread into each schema
 * so "claimed" and "owed" mean one thing everywhere. A plain shape, not a schema: the fields keep
 * their place in each object, which is the order of their JSON and of the OpenAPI document.
 */
const subsidyFigures = {
  /** What the kiosks recorded as subsidy. */
  claimedSubsidy: fen,
  /** What the hub owes: its own price with the policy in force, never above the claim. */
  subsidy: fen,
  operatorSubsidy: fen,
};

/** All meals, and those of them the district pays a subsidy for. */
const mealCounts = {
  meals: count,
  claimableMeals: count,
};

/** The amounts of a set of meals, as every roll-up adds them. */
export const mealFiguresSchema = z.strictObject({
  meals: count,
  standard: fen,
  personal: fen,
  ...subsidyFigures,
});
export type MealFigures = z.infer<typeof mealFiguresSchema>;

// ---- daily counts ----------------------------------------------------------------------------

export const dailyCountRowSchema = mealFiguresSchema.extend({
  canteenId: id,
  canteenName: z.string(),
  serviceDate: localDateSchema,
  periodId: z.string(),
  /** An age band of shared/pricing, or 'none' for full-price sales to anyone. */
  ageBand: z.string(),
  claimable: z.boolean(),
});
export type DailyCountRow = z.infer<typeof dailyCountRowSchema>;

export const countAmendmentSchema = z.strictObject({
  deviceId: z.string(),
  seq: id,
  kind: z.enum(['meal', 'void']),
  receivedAt: instant,
});

/** One canteen-day: was it closed, did the close agree with the records, did it change afterwards? */
export const canteenDaySchema = z.strictObject({
  canteenId: id,
  serviceDate: localDateSchema,
  closed: z.boolean(),
  /** Day closes whose totals did not match the hub's recount of the same records. */
  closeMismatches: count,
  amended: z.boolean(),
  amendments: z.array(countAmendmentSchema),
});
export type CanteenDay = z.infer<typeof canteenDaySchema>;

export const dailySeriesPointSchema = z.strictObject({
  serviceDate: localDateSchema,
  ...mealCounts,
  subsidy: fen,
});

export const dailyCountsViewSchema = z.strictObject({
  districtId: id,
  from: localDateSchema,
  to: localDateSchema,
  canteenId: id.nullable(),
  rows: z.array(dailyCountRowSchema),
  days: z.array(canteenDaySchema),
  /** Every date of the range, also those without meals (a chart's x axis has no holes). */
  series: z.array(dailySeriesPointSchema),
});
export type DailyCountsView = z.infer<typeof dailyCountsViewSchema>;

// ---- settlement -------------------------------------------------------------------------------

export const sourceAmountSchema = z.strictObject({ source: z.string(), amount: fen });

export const settlementTotalsSchema = z.strictObject({
  ...mealCounts,
  ...subsidyFigures,
  /** claimedSubsidy − subsidy: what the kiosks claimed beyond what the hub owes (≥ 0 by construction). */
  difference: fen,
  /** subsidy + operatorSubsidy: what the district pays the canteen for the month. */
  payable: fen,
});
export type SettlementTotals = z.infer<typeof settlementTotalsSchema>;

export const settlementCanteenSchema = settlementTotalsSchema.extend({
  canteenId: id,
  canteenName: z.string(),
  /** The subsidy owed split by funding source (budget); sums exactly to `subsidy`. */
  bySource: z.array(sourceAmountSchema),
});
export type SettlementCanteen = z.infer<typeof settlementCanteenSchema>;

/** The figures of a month, as approved (the snapshot) and as they stand now. */
export const settlementFiguresSchema = z.strictObject({
  canteens: z.array(settlementCanteenSchema),
  bySource: z.array(sourceAmountSchema),
  total: settlementTotalsSchema,
});
export type SettlementFigures = z.infer<typeof settlementFiguresSchema>;

export const settlementApprovalSchema = z.strictObject({
  revision: id,
  approvedAt: instant,
  approvedBy: id.nullable(),
  approvedByLogin: z.string().nullable(),
  total: settlementTotalsSchema,
  /** Count amendments of the month that had arrived when this revision was approved. */
  amendmentsAtApproval: count,
});
export type SettlementApproval = z.infer<typeof settlementApprovalSchema>;

export const settlementViewSchema = settlementFiguresSchema.extend({
  districtId: id,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  from: localDateSchema,
  to: localDateSchema,
  /** draft: never approved; approved: the latest approval matches today's figures; changed: it does not. */
  state: z.enum(['draft', 'approved', 'changed']),
  /** The latest approved revision, null while draft. */
  approval: settlementApprovalSchema.nullable(),
  /** The approved snapshot's figures when they differ from today's, so both can be shown side by side. */
  approvedFigures: settlementFiguresSchema.nullable(),
  /** Amendments (late meals, late voids) of the month received after the latest approval. */
  amendmentsSinceApproval: count,
  /** Every approved revision, oldest first. */
  revisions: z.array(settlementApprovalSchema),
});
export type SettlementView = z.infer<typeof settlementViewSchema>;

// ---- average daily elders (grading) ------------------------------------------------------------

export const averageEldersRowSchema = z.strictObject({
  canteenId: id,
  canteenName: z.string(),
  /** Days of the month with at least one claimable meal. */
  daysServed: count,
  /** Σ over served days of the distinct elders with a claimable meal that day. */
  elderDays: count,
  /** elderDays / daysServed, rounded to 2 decimals (0 when no day was served). A ratio, not money. */
  averageDailyElders: z.number().min(0),
  /** Distinct elders with a claimable meal in the month. */
  distinctElders: count,
  /** elderDays ≥ 20 × daysServed, decided in integers (the 20-a-day grading line). */
  atLeast20: z.boolean(),
});
export type AverageEldersRow = z.infer<typeof averageEldersRowSchema>;

export const averageEldersViewSchema = z.strictObject({
  districtId: id,
  month: z.string(),
  rows: z.array(averageEldersRowSchema),
});
export type AverageEldersView = z.infer<typeof averageEldersViewSchema>;

// ---- anomalies ---------------------------------------------------------------------------------

export const ANOMALY_KINDS = [
  'duplicateElder',
  'editCheck',
  'chainBreak',
  'gap',
  'reusedSeq',
  'clockSkew',
  'lateUpload',
  'outOfLine',
  'priceMismatch',
  'unknownPolicy',
  'closeMismatch',
  'forgedSignature',
  'afterOwnClose',
  'unknownPeriod',
] as const;
export const anomalyKindSchema = z.enum(ANOMALY_KINDS);
export type AnomalyKind = z.infer<typeof anomalyKindSchema>;
export const anomalyStatusSchema = z.enum(['open', 'resolved']);

export const anomalySchema = z.strictObject({
  id,
  districtId: id,
  canteenId: id.nullable(),
  canteenName: z.string().nullable(),
  deviceId: z.string().nullable(),
  kind: anomalyKindSchema,
  serviceDate: localDateSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  detectedAt: instant,
  status: anomalyStatusSchema,
  resolvedAt: instant.nullable(),
  resolvedBy: id.nullable(),
  note: z.string().nullable(),
  recordCount: count,
  message: bilingualTextSchema,
});
export type Anomaly = z.infer<typeof anomalySchema>;

export const anomalyPageSchema = z.strictObject({
  anomalies: z.array(anomalySchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AnomalyPage = z.infer<typeof anomalyPageSchema>;

export const anomalyRecordSchema = z.strictObject({
  deviceId: z.string(),
  seq: id,
  kind: z.enum(['checkin', 'sale', 'void', 'close']),
  at: instant,
  serviceDate: localDateSchema,
  periodId: z.string().nullable(),
  elderId: z.string().nullable(),
  canteenId: id.nullable(),
  canteenName: z.string().nullable(),
  /** The meal's figures when the record is a meal the hub counted. */
  claimedSubsidy: fen.nullable(),
  subsidy: fen.nullable(),
  voided: z.boolean(),
});
export type AnomalyRecord = z.infer<typeof anomalyRecordSchema>;

export const anomalyDetailSchema = z.strictObject({
  anomaly: anomalySchema,
  records: z.array(anomalyRecordSchema),
});
export type AnomalyDetail = z.infer<typeof anomalyDetailSchema>;

export const detectionOutcomeSchema = z.strictObject({
  from: localDateSchema,
  to: localDateSchema,
  /** New anomalies of each kind (already-known ones are not counted again). */
  duplicateElder: count,
  outOfLine: count,
  editCheck: count,
});
export type DetectionOutcome = z.infer<typeof detectionOutcomeSchema>;

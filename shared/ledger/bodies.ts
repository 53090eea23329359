/**
 * The kind-specific body of each ledger record. These shapes are upload payloads too: change them
 * additively only (kiosks of mixed versions talk to one hub).
 */
import { z } from 'zod';
import { fenSchema } from '../money.js';
import { AGE_BANDS, REFUSAL_CODES } from '../pricing/types.js';
import { PAYMENT_METHODS } from '../payment.js';

const fundingSchema = z.array(z.strictObject({ source: z.string().min(1), amount: fenSchema }));

export const IDENTIFY_METHODS = ['card', 'id', 'qr', 'manual'] as const;
export type IdentifyMethod = (typeof IDENTIFY_METHODS)[number];

/** A meal served to an identified elder: subsidised, or sold at full price after a refusal. */
export const checkinBodySchema = z.strictObject({
  method: z.enum(IDENTIFY_METHODS),
  /** The canonical card UID when identified by card (not personal data by itself; kept for audit). */
  cardUid: z.string().nullable(),
  policyId: z.string().nullable(),
  policyVersion: z.int().nullable(),
  tierId: z.string().nullable(),
  standard: fenSchema,
  subsidy: fenSchema,
  personal: fenSchema,
  funding: fundingSchema,
  operatorSubsidy: fenSchema,
  payment: z.enum(PAYMENT_METHODS),
  /** The facts pricing used, so the hub can check them against the master roster. */
  facts: z.strictObject({
    age: z.int().min(0),
    ageBand: z.enum(AGE_BANDS),
    statuses: z.array(z.string()),
    hukouRegion: z.string().nullable(),
    /**
     * 常住 division code the kiosk priced with. Added later: records written before it lack the
     * field and stay valid (the hub then prices as if it were unknown, which is what the kiosk did).
     */
    residenceRegion: z.string().nullable().optional(),
    careHome: z.boolean(),
  }),
  /** Why the meal was not subsidised, when it was sold at full price to a known elder. */
  refusal: z.enum(REFUSAL_CODES).nullable(),
  /** Entered afterwards from the paper roster during an outage. */
  backfilled: z.boolean(),
});
export type CheckinBody = z.infer<typeof checkinBodySchema>;

/** A full-price meal sold to anyone (全人群服务), no elder named. */
export const saleBodySchema = z.strictObject({
  standard: fenSchema,
  personal: fenSchema,
  payment: z.enum(PAYMENT_METHODS),
  quantity: z.int().min(1),
  backfilled: z.boolean(),
});
export type SaleBody = z.infer<typeof saleBodySchema>;

export const voidBodySchema = z.strictObject({
  reason: z.string().min(1).max(200),
});
export type VoidBody = z.infer<typeof voidBodySchema>;

export const mealCountSchema = z.strictObject({
  periodId: z.string(),
  ageBand: z.enum(AGE_BANDS),
  tierId: z.string().nullable(),
  subsidised: z.boolean(),
  count: z.int().min(0),
  standard: fenSchema,
  subsidy: fenSchema,
  personal: fenSchema,
});
export type MealCount = z.infer<typeof mealCountSchema>;

/** A day's totals, as the day close records them and the hub recomputes them. */
export const dayTotalsSchema = z.strictObject({
  serviceDate: z.string(),
  meals: z.array(mealCountSchema),
  subsidyBySource: fundingSchema,
  personalByPayment: z.array(z.strictObject({ payment: z.enum(PAYMENT_METHODS), amount: fenSchema })),
  sales: z.strictObject({ count: z.int().min(0), amount: fenSchema }),
  operatorSubsidy: fenSchema,
  /** Distinct elders served with a subsidy: the figure that grades a canteen. */
  eldersServed: z.int().min(0),
  voids: z.int().min(0),
  totals: z.strictObject({ meals: z.int().min(0), standard: fenSchema, subsidy: fenSchema, personal: fenSchema }),
});
export type DayTotals = z.infer<typeof dayTotalsSchema>;

export const closeBodySchema = z.strictObject({
  totals: dayTotalsSchema,
  /** The chain head the close covers: the last record of the ledger before the close itself. */
  head: z.strictObject({ seq: z.int().min(0), hash: z.string() }),
});
export type CloseBody = z.infer<typeof closeBodySchema>;

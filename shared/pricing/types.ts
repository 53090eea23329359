/**
 * What pricing takes and gives. Pricing is a pure function (DESIGN.md §3): everything it needs —
 * the elder's facts, what they already ate, the service date and period — is passed in.
 */
import { z } from 'zod';
import type { Fen } from '../money.js';
import { localDateSchema } from '../dates.js';
import type { Message } from '../i18n/text.js';
import type { Policy } from '../policy/schema.js';

export interface ElderStatus {
  readonly code: string;
  /** First valid service date, inclusive; null = always. */
  readonly validFrom: string | null;
  /** Last valid service date, inclusive; null = open-ended. */
  readonly validTo: string | null;
}

/** The facts about an elder that pricing uses — no name, no ID number. */
export interface PricingElder {
  readonly birthDate: string;
  readonly statuses: readonly ElderStatus[];
  /** 户籍 (household registration) division code, as specific as known. */
  readonly hukouRegion: string | null;
  /** 常住 (place of residence) division code. */
  readonly residenceRegion: string | null;
  readonly careHome: boolean;
  /** False while the elder is suspended from the programme. */
  readonly active: boolean;
}

/** A meal the elder already had (not voided), as the ledger recorded it. */
export const eatenMealSchema = z.strictObject({
  serviceDate: localDateSchema,
  periodId: z.string().min(1),
  subsidised: z.boolean(),
  /** UTC instant, ISO 8601. */
  at: z.iso.datetime(),
});
export type EatenMeal = z.infer<typeof eatenMealSchema>;

export const REFUSAL_CODES = [
  'notRegistered',
  'suspended',
  'noPolicy',
  'outsidePeriods',
  'noQualifyingTier',
  'statusExpired',
  'residency',
  'excluded',
  'periodNotCovered',
  'holiday',
  'belowMinSpend',
  'limitPeriod',
  'limitDay',
  'limitWeek',
  'limitMonth',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Why a meal is not subsidised, in words for the cashier. The meal can still be sold at full price. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: Message;
  /** For a limit: when the meal that used it up was taken (UTC ISO), so the cashier can say so. */
  readonly firstMealAt?: string;
}

/** One step of the reckoning: what applied and why, with its effect on the subsidy (signed fen). */
export interface AppliedRule {
  readonly code: 'tier' | 'benefit' | 'benefitSkipped' | 'fundingLost' | 'cap' | 'minPersonal';
  /** The benefit or funding source the step concerns, as the policy names it. */
  readonly label?: string;
  readonly effect: Fen;
  readonly message: Message;
}

export interface FundingShare {
  readonly source: string;
  readonly amount: Fen;
}

export const AGE_BANDS = ['under60', '60-69', '70-79', '80-89', '90-99', '100+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface PriceFacts {
  readonly age: number;
  readonly ageBand: AgeBand;
  /** Status codes valid on the service date. */
  readonly statuses: readonly string[];
}

export interface PriceResult {
  readonly policy: { readonly id: string; readonly version: number } | null;
  readonly periodId: string | null;
  /** The meal's price before any subsidy. */
  readonly standard: Fen;
  /** Paid by the public budgets; equals the sum of `funding`. */
  readonly subsidy: Fen;
  /** Paid by the elder: standard − subsidy. */
  readonly personal: Fen;
  readonly subsidised: boolean;
  readonly tier: { readonly id: string; readonly name: string; readonly nameEn: string | null } | null;
  readonly refusal: Refusal | null;
  readonly rules: readonly AppliedRule[];
  /** The subsidy split by funding source, in the policy's order, every part > 0. */
  readonly funding: readonly FundingShare[];
  /** Owed to the canteen operator for serving this elder (not part of the meal's price). */
  readonly operatorSubsidy: Fen;
  readonly facts: PriceFacts | null;
}

export interface PriceInput {
  readonly policy: Policy | null;
  readonly elder: PricingElder | null;
  /** The canteen's own division code (town level where known). */
  readonly canteenRegion: string;
  readonly serviceDate: string;
  /** The meal period, or null when the time falls outside every period. */
  readonly periodId: string | null;
  /** The price of what is sold; the period's standard price when absent. */
  readonly amount?: Fen;
  readonly eaten: readonly EatenMeal[];
}

/**
 * The hub prices every check-in again with the shared pricing function and its own data: the
 * district's policy version in force on the service date, the canteen's region as the hub knows it,
 * and the elder facts the kiosk recorded. The canteen is owed the smaller of what it claimed and what
 * the hub computes: never more than it charged the budgets for, never more than the policy allows.
 */
import { addDays, isLeapYear, monthStart, weekStart } from '../../shared/dates.js';
import type { CheckinBody } from '../../shared/ledger/bodies.js';
import type { LedgerRecord } from '../../shared/ledger/envelope.js';
import type { Fen } from '../../shared/money.js';
import { price } from '../../shared/pricing/price.js';
import type { EatenMeal, FundingShare, PriceResult, PricingElder } from '../../shared/pricing/types.js';
import type { DistrictPolicies } from '../policies/index.js';

/**
 * A birth date on which the elder is exactly `age` on `serviceDate` (the kiosk recorded the age, not
 * the birth date: the hub keeps no more personal data than it needs). The service date's month and
 * day, `age` years earlier; 29 February becomes the 28th in a common year, which is still a birthday
 * already reached on 29 February.
 */
export function birthDateForAge(serviceDate: string, age: number): string {
  const [y = 0, m = 1, d = 1] = serviceDate.split('-').map(Number);
  const year = y - age;
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The elder as pricing sees them, from the facts the check-in recorded. */
export function pricingElder(body: CheckinBody, serviceDate: string): PricingElder {
  const f = body.facts;
  return {
    birthDate: birthDateForAge(serviceDate, f.age),
    // The recorded statuses are the codes valid that day, so they are valid on the service date.
    statuses: f.statuses.map((code) => ({ code, validFrom: null, validTo: null })),
    hukouRegion: f.hukouRegion,
    residenceRegion: f.residenceRegion ?? null,
    careHome: f.careHome,
    // The kiosk prices only active elders; a suspended one is recorded with that refusal.
    active: body.refusal !== 'suspended',
  };
}

/**
 * The dates whose meals can matter to a limit on `serviceDate` (its ISO week and calendar month) —
 * the same window the kiosk reads its own eaten meals over.
 */
export function limitWindow(serviceDate: string): { readonly from: string; readonly to: string } {
  const week0 = weekStart(serviceDate);
  const month0 = monthStart(serviceDate);
  const monthEnd = addDays(monthStart(addDays(month0, 31)), -1);
  const weekEnd = addDays(week0, 6);
  return { from: week0 < month0 ? week0 : month0, to: weekEnd > monthEnd ? weekEnd : monthEnd };
}

export type PriceAnomaly =
  | { readonly kind: 'unknownPolicy'; readonly reason: 'unknownVersion' | 'noneInForce'; readonly policyId: string | null; readonly policyVersion: number | null }
  | {
      readonly kind: 'priceMismatch';
      readonly claimed: { readonly subsidy: Fen; readonly funding: readonly FundingShare[]; readonly operatorSubsidy: Fen };
      readonly recomputed: { readonly subsidy: Fen; readonly funding: readonly FundingShare[]; readonly operatorSubsidy: Fen; readonly policyId: string; readonly policyVersion: number };
    };

export interface Repriced {
  /** What the hub owes for this meal: min(claimed, recomputed). */
  readonly subsidy: Fen;
  /** `subsidy` split by funding source (parts > 0). */
  readonly funding: readonly FundingShare[];
  readonly operatorSubsidy: Fen;
  readonly tierId: string | null;
  /** The version the hub priced with, or null when it had none for the date. */
  readonly policy: { readonly id: string; readonly version: number } | null;
  readonly anomaly: PriceAnomaly | null;
  /**
   * The record names a meal period the policy it was priced with does not have (pricing owes
   * nothing for it). Not a price anomaly: it says where the meal is counted, not what it costs.
   */
  readonly unknownPeriod: boolean;
}

function sameFunding(a: readonly FundingShare[], b: readonly FundingShare[]): boolean {
  const key = (parts: readonly FundingShare[]): string =>
    parts
      .filter((p) => p.amount > 0)
      .map((p) => `${p.source}=${p.amount}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/**
 * The hub's split scaled down to what is owed when the kiosk claimed less than the hub computes:
 * the last budgets in the policy's order give way first (the town before the district before the
 * city — the order in which budgets pay "the rest"), so each part stays whole fen and they sum exactly.
 */
export function trimFunding(funding: readonly FundingShare[], owed: Fen): FundingShare[] {
  let excess = funding.reduce((a, f) => a + f.amount, 0) - owed;
  const out = funding.map((f) => ({ source: f.source, amount: f.amount }));
  for (let i = out.length - 1; i >= 0 && excess > 0; i--) {
    const part = out[i];
    if (part === undefined) continue;
    const cut = Math.min(part.amount, excess);
    part.amount -= cut;
    excess -= cut;
  }
  return out.filter((f) => f.amount > 0);
}

const NOTHING_OWED = { subsidy: 0, funding: [], operatorSubsidy: 0, tierId: null } as const;

export function repriceCheckin(input: {
  readonly record: LedgerRecord;
  readonly body: CheckinBody;
  readonly policies: DistrictPolicies;
  readonly canteenRegion: string;
  readonly eaten: readonly EatenMeal[];
}): Repriced {
  const { record, body, policies } = input;
  const named = body.policyId !== null && body.policyVersion !== null;
  const unknown = (reason: 'unknownVersion' | 'noneInForce'): Repriced => ({
    ...NOTHING_OWED,
    policy: null,
    // Without a policy there is no list of periods to hold the record's against.
    unknownPeriod: false,
    // A meal sold at full price with no policy named is not the district's concern.
    anomaly: named || body.subsidy > 0 ? { kind: 'unknownPolicy', reason, policyId: body.policyId, policyVersion: body.policyVersion } : null,
  });
  if (named && body.policyId !== null && body.policyVersion !== null && !policies.has(body.policyId, body.policyVersion)) return unknown('unknownVersion');
  const policy = policies.inForce(body.policyId, record.serviceDate);
  if (policy === null) return unknown('noneInForce');

  const result: PriceResult = price({
    policy,
    elder: pricingElder(body, record.serviceDate),
    canteenRegion: input.canteenRegion,
    serviceDate: record.serviceDate,
    periodId: record.periodId,
    amount: body.standard,
    eaten: input.eaten,
  });
  const subsidy = Math.min(body.subsidy, result.subsidy);
  const funding = subsidy === result.subsidy ? result.funding.filter((f) => f.amount > 0) : trimFunding(result.funding, subsidy);
  const operatorSubsidy = subsidy > 0 ? Math.min(body.operatorSubsidy, result.operatorSubsidy) : 0;
  const differs = body.subsidy !== result.subsidy || body.operatorSubsidy !== result.operatorSubsidy || !sameFunding(body.funding, result.funding);
  return {
    subsidy,
    funding,
    operatorSubsidy,
    tierId: result.tier?.id ?? null,
    policy: { id: policy.id, version: policy.version },
    unknownPeriod: record.periodId !== null && !policy.periods.some((p) => p.id === record.periodId),
    anomaly: differs
      ? {
          kind: 'priceMismatch',
          claimed: { subsidy: body.subsidy, funding: body.funding, operatorSubsidy: body.operatorSubsidy },
          recomputed: { subsidy: result.subsidy, funding: result.funding, operatorSubsidy: result.operatorSubsidy, policyId: policy.id, policyVersion: policy.version },
        }
      : null,
  };
}

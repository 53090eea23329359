/**
 * price(): the one pricing function, run at the kiosk to charge and at the hub to verify and to
 * simulate a new policy on past meals. Pure: it never reads a clock or a database.
 *
 * Order of reckoning (docs/policy.md "How a meal is priced"):
 *   policy in force → meal period → registered → active → tier (first match) → policy conditions →
 *   tier conditions → limits → benefits stacked in order, each split by funding source, parts outside
 *   their budget's area lost → most subsidy per meal → least personal part.
 */
import { ageOn } from '../dates.js';
import { formatYuan } from '../money.js';
import type { Fen } from '../money.js';
import { message } from '../i18n/text.js';
import type { Policy } from '../policy/schema.js';
import { ageBand } from './age-band.js';
import { conditionFailure, effectiveLimits, limitFailure } from './conditions.js';
import type { PricingContext } from './context.js';
import { statusValidOn } from './context.js';
import { stackBenefits, trimParts } from './benefits.js';
import type { FundedPart } from './benefits.js';
import { chooseTier } from './tiers.js';
import type { AppliedRule, FundingShare, PriceFacts, PriceInput, PriceResult, Refusal, RefusalCode } from './types.js';

export function inForce(policy: Policy, serviceDate: string): boolean {
  return policy.effectiveFrom <= serviceDate && (policy.effectiveTo === undefined || serviceDate <= policy.effectiveTo);
}

export function price(input: PriceInput): PriceResult {
  const { policy, elder, serviceDate } = input;
  const fullPrice = (
    standard: Fen,
    refusal: Refusal,
    extra: { facts?: PriceFacts; tier?: PriceResult['tier']; rules?: AppliedRule[] } = {},
  ): PriceResult => ({
    policy: policy === null ? null : { id: policy.id, version: policy.version },
    periodId: input.periodId,
    standard,
    subsidy: 0,
    personal: standard,
    subsidised: false,
    tier: extra.tier ?? null,
    refusal,
    rules: extra.rules ?? [],
    funding: [],
    operatorSubsidy: 0,
    facts: extra.facts ?? null,
  });
  const refusal = (code: RefusalCode, params?: Record<string, string | number>): Refusal => ({
    code,
    message: message(`pricing.refusal.${code}`, params),
  });

  if (policy === null || !inForce(policy, serviceDate)) {
    return fullPrice(input.amount ?? 0, refusal('noPolicy', { date: serviceDate }));
  }
  const period = policy.periods.find((p) => p.id === input.periodId);
  if (input.periodId === null || period === undefined) {
    return fullPrice(input.amount ?? 0, refusal('outsidePeriods'));
  }
  const amount = input.amount ?? period.standardPrice;
  if (elder === null) return fullPrice(amount, refusal('notRegistered'));

  const age = ageOn(elder.birthDate, serviceDate);
  const statuses = new Set(elder.statuses.filter((s) => statusValidOn(s, serviceDate)).map((s) => s.code));
  const facts: PriceFacts = { age, ageBand: ageBand(age), statuses: [...statuses].sort() };
  if (!elder.active) return fullPrice(amount, refusal('suspended'), { facts });

  const ctx: PricingContext = {
    policy,
    elder,
    canteenRegion: input.canteenRegion,
    serviceDate,
    periodId: period.id,
    amount,
    eaten: input.eaten,
    age,
    statuses,
  };
  const choice = chooseTier(ctx);
  if ('refusal' in choice) return fullPrice(amount, choice.refusal, { facts });
  const { tier } = choice;
  const tierView = { id: tier.id, name: tier.name, nameEn: tier.nameEn ?? null };
  const tierRule: AppliedRule = { code: 'tier', effect: 0, label: tier.name, message: message('pricing.rule.tier', { tier: tier.name, tier_en: tier.nameEn ?? tier.name }) };

  const blocked =
    conditionFailure(policy.conditions, ctx) ??
    conditionFailure(tier.conditions, ctx) ??
    limitFailure(effectiveLimits(policy.limits, tier.limits), ctx);
  if (blocked !== null) return fullPrice(amount, blocked, { facts, tier: tierView, rules: [tierRule] });

  const stacked = stackBenefits(tier, ctx);
  const rules: AppliedRule[] = [tierRule, ...stacked.rules];
  let subsidy = stacked.subsidy;

  const maxSubsidy = tier.maxSubsidy ?? policy.maxSubsidy;
  if (maxSubsidy !== undefined && subsidy > maxSubsidy) {
    const excess = subsidy - maxSubsidy;
    trimParts(stacked.parts, excess);
    subsidy -= excess;
    rules.push({ code: 'cap', effect: -excess, message: message('pricing.rule.cap', { max: formatYuan(maxSubsidy) }) });
  }
  const minPersonal = tier.minPersonal ?? policy.minPersonal;
  if (minPersonal !== undefined && amount - subsidy < minPersonal) {
    // A meal cheaper than the minimum personal part is simply paid in full.
    const excess = Math.min(subsidy, minPersonal - (amount - subsidy));
    trimParts(stacked.parts, excess);
    subsidy -= excess;
    rules.push({ code: 'minPersonal', effect: -excess, message: message('pricing.rule.minPersonal', { min: formatYuan(minPersonal) }) });
  }

  if (subsidy === 0) {
    // Nothing applied: say why in the words of the first thing that stopped it.
    const why =
      stacked.firstSkip ??
      (stacked.fundingLost ? refusal('residency') : null);
    if (why !== null) return fullPrice(amount, why, { facts, tier: tierView, rules });
  }

  const operatorSubsidy = operatorSubsidyFor(policy, ctx, subsidy > 0);
  return {
    policy: { id: policy.id, version: policy.version },
    periodId: period.id,
    standard: amount,
    subsidy,
    personal: amount - subsidy,
    subsidised: subsidy > 0,
    tier: tierView,
    refusal: null,
    rules,
    funding: bySource(policy, stacked.parts),
    operatorSubsidy,
    facts,
  };
}

/** Parts summed per budget, in the order the policy lists its budgets; empty parts left out. */
function bySource(policy: Policy, parts: readonly FundedPart[]): FundingShare[] {
  return policy.funding
    .map((s) => ({ source: s.id, amount: parts.filter((p) => p.source === s.id).reduce((a, p) => a + p.amount, 0) }))
    .filter((s) => s.amount > 0);
}

/** Per meal served with subsidy, or per elder per day (only for their first subsidised meal that day). */
function operatorSubsidyFor(policy: Policy, ctx: PricingContext, subsidised: boolean): Fen {
  const o = policy.operatorSubsidy;
  if (o === undefined || !subsidised) return 0;
  const firstToday = !ctx.eaten.some((m) => m.subsidised && m.serviceDate === ctx.serviceDate);
  return (o.perMeal ?? 0) + (firstToday ? (o.perElderPerDay ?? 0) : 0);
}

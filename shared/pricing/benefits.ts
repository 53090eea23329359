/** Stacking a tier's benefits in order and splitting each among the budgets that pay it. */
import { formatYuan, splitByShares } from '../money.js';
import type { Fen } from '../money.js';
import { sameArea } from '../region.js';
import { message } from '../i18n/text.js';
import type { Message } from '../i18n/text.js';
import type { AmountByPeriod, FundingPart, Tier } from '../policy/schema.js';
import { conditionFailure } from './conditions.js';
import type { PricingContext } from './context.js';
import type { AppliedRule, Refusal } from './types.js';

/** One budget's part of one benefit; kept in the order added so caps can trim the last first. */
export interface FundedPart {
  readonly source: string;
  amount: Fen;
}

export interface Stacked {
  readonly subsidy: Fen;
  readonly parts: FundedPart[];
  readonly rules: AppliedRule[];
  /** Why the first skipped benefit did not apply (used when nothing applied at all). */
  readonly firstSkip: Refusal | null;
  /** True when some part was lost because the elder's 户籍 is outside that budget's area. */
  readonly fundingLost: boolean;
}

/** The amount for this period, or null when the benefit names periods and this is not one. */
export function amountFor(a: AmountByPeriod, periodId: string): Fen | null {
  if (typeof a === 'number') return a;
  return a[periodId] ?? null;
}

/** The elder's price after a discount of payBp basis points, rounded up to the fen: the budget pays whole fen only. */
function discounted(personal: Fen, payBp: number): Fen {
  return Math.floor((personal * payBp + 9999) / 10000);
}

function discountText(payBp: number): string {
  // 9000 → "9", 8500 → "8.5": the 折 figure as Chinese shoppers read it.
  const whole = Math.floor(payBp / 1000);
  const rest = String(payBp % 1000).padStart(3, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

function split(total: Fen, funding: readonly FundingPart[], periodId: string): FundedPart[] {
  const shares: { key: string; bp: number }[] = [];
  for (const part of funding) if ('shareBp' in part) shares.push({ key: part.source, bp: part.shareBp });
  if (shares.length > 0) return splitByShares(total, shares).map((s) => ({ source: s.key, amount: s.amount }));

  let left = total;
  const parts = funding.map((part, i): FundedPart => {
    // Without a `rest` part the last part takes what the others leave, so parts always sum to the total.
    const isLast = i === funding.length - 1;
    const want = 'rest' in part || isLast ? left : 'amount' in part ? (amountFor(part.amount, periodId) ?? 0) : 0;
    const amount = Math.min(want, left);
    left -= amount;
    return { source: part.source, amount };
  });
  return parts;
}

export function stackBenefits(tier: Tier, ctx: PricingContext): Stacked {
  const { policy, elder } = ctx;
  let personal = ctx.amount;
  let subsidy = 0;
  let firstSkip: Refusal | null = null;
  let fundingLost = false;
  const parts: FundedPart[] = [];
  const rules: AppliedRule[] = [];

  for (const b of tier.benefits) {
    const label = b.name;
    const skip = conditionFailure(b.when, ctx);
    if (skip !== null) {
      firstSkip ??= skip;
      rules.push({ code: 'benefitSkipped', effect: 0, label, message: skip.message });
      continue;
    }
    let amount: Fen;
    let msg: Message;
    switch (b.kind) {
      case 'fixedSubsidy': {
        const a = amountFor(b.amount, ctx.periodId);
        if (a === null) {
          firstSkip ??= notThisPeriod(b.amount, ctx);
          rules.push({ code: 'benefitSkipped', effect: 0, label, message: message('pricing.rule.notThisPeriod') });
          continue;
        }
        amount = Math.min(a, personal);
        msg = message('pricing.rule.fixedSubsidy', { amount: formatYuan(amount) });
        break;
      }
      case 'fixedPersonal': {
        const target = amountFor(b.amount, ctx.periodId);
        if (target === null) {
          firstSkip ??= notThisPeriod(b.amount, ctx);
          rules.push({ code: 'benefitSkipped', effect: 0, label, message: message('pricing.rule.notThisPeriod') });
          continue;
        }
        amount = Math.max(0, personal - target);
        msg = message('pricing.rule.fixedPersonal', { personal: formatYuan(Math.min(target, personal)), amount: formatYuan(amount) });
        break;
      }
      case 'discount': {
        amount = personal - discounted(personal, b.payBp);
        msg = message('pricing.rule.discount', { rate: discountText(b.payBp), amount: formatYuan(amount) });
        break;
      }
    }
    let kept = amount;
    const lostRules: AppliedRule[] = [];
    const benefitParts = split(amount, b.funding, ctx.periodId);
    for (const part of benefitParts) {
      const source = policy.funding.find((s) => s.id === part.source);
      const level = source?.paysOnlyForHukouWithin;
      if (part.amount > 0 && level !== undefined) {
        const inArea = elder.hukouRegion !== null && sameArea(elder.hukouRegion, ctx.canteenRegion, level);
        if (!inArea) {
          fundingLost = true;
          kept -= part.amount;
          lostRules.push({
            code: 'fundingLost',
            effect: -part.amount,
            message: message(`pricing.rule.fundingLost.${level}`, { source: source?.name ?? part.source, amount: formatYuan(part.amount) }),
          });
          part.amount = 0;
        }
      }
      if (part.amount > 0) parts.push(part);
    }
    rules.push({ code: 'benefit', effect: amount, label, message: msg }, ...lostRules);
    subsidy += kept;
    personal -= kept;
  }
  return { subsidy, parts, rules, firstSkip, fundingLost };
}

/** The refusal for a benefit whose amounts name other periods only: the cashier sees which periods it covers. */
function notThisPeriod(a: AmountByPeriod, ctx: PricingContext): Refusal {
  const ids = typeof a === 'number' ? [] : Object.keys(a);
  const periods = ids.map((id) => ctx.policy.periods.find((p) => p.id === id)?.name ?? id).join('、');
  return { code: 'periodNotCovered', message: message('pricing.refusal.periodNotCovered', { periods }) };
}

/** Takes `excess` off the parts, last added first, so the earlier budgets keep their share. */
export function trimParts(parts: FundedPart[], excess: Fen): void {
  let left = excess;
  for (let i = parts.length - 1; i >= 0 && left > 0; i--) {
    const part = parts[i];
    if (part === undefined) continue;
    const take = Math.min(part.amount, left);
    part.amount -= take;
    left -= take;
  }
}

/** Choosing the one tier that applies: tiers are exclusive and the first match wins. */
import { message } from '../i18n/text.js';
import type { Policy, Tier, Who } from '../policy/schema.js';
import type { PricingContext } from './context.js';
import { statusValidOn } from './context.js';
import type { Refusal } from './types.js';

export function whoMatches(w: Who, age: number, statuses: ReadonlySet<string>): boolean {
  if (w.minAge !== undefined && age < w.minAge) return false;
  if (w.maxAge !== undefined && age > w.maxAge) return false;
  if (w.statusesAny !== undefined && !w.statusesAny.some((s) => statuses.has(s))) return false;
  if (w.statusesAll !== undefined && !w.statusesAll.every((s) => statuses.has(s))) return false;
  return true;
}

function matchingTier(tiers: readonly Tier[], age: number, statuses: ReadonlySet<string>): Tier | undefined {
  return tiers.find((tier) => tier.who.some((w) => whoMatches(w, age, statuses)));
}

export type TierChoice = { readonly tier: Tier } | { readonly refusal: Refusal };

/**
 * The elder's tier, or why there is none. When a status the elder holds outside its valid dates
 * would have qualified them, say that (the manager can renew it) rather than "not eligible".
 */
export function chooseTier(ctx: PricingContext): TierChoice {
  const { policy, elder, age } = ctx;
  const tier = matchingTier(policy.tiers, age, ctx.statuses);
  if (tier !== undefined) return { tier };

  const lapsed = elder.statuses.filter((s) => !statusValidOn(s, ctx.serviceDate));
  for (const status of lapsed) {
    const withIt = new Set([...ctx.statuses, status.code]);
    if (matchingTier(policy.tiers, age, withIt) !== undefined) {
      return {
        refusal: {
          code: 'statusExpired',
          message: message('pricing.refusal.statusExpired', {
            status: statusName(policy, status.code),
            from: status.validFrom ?? '—',
            to: status.validTo ?? '—',
          }),
        },
      };
    }
  }
  const minAge = youngestAgeTier(policy);
  return {
    refusal: {
      code: 'noQualifyingTier',
      message:
        minAge === null
          ? message('pricing.refusal.noQualifyingTier.statusOnly', { age })
          : message('pricing.refusal.noQualifyingTier', { age, minAge }),
    },
  };
}

/** The lowest age at which some tier admits an elder with no status at all (null if every tier needs one). */
function youngestAgeTier(policy: Policy): number | null {
  const ages = policy.tiers
    .flatMap((t) => t.who)
    .filter((w) => w.statusesAny === undefined && w.statusesAll === undefined)
    .map((w) => w.minAge ?? 0);
  return ages.length === 0 ? null : Math.min(...ages);
}

export function statusName(policy: Policy, code: string): string {
  return policy.statuses.find((s) => s.code === code)?.name ?? code;
}

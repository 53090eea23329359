import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { price } from '../../shared/pricing/price.js';
import type { EatenMeal, PriceResult, PricingElder } from '../../shared/pricing/types.js';

export const POLICY_DIR = fileURLToPath(new URL('../fixtures/policies/', import.meta.url));

export function loadPolicy(name: string): Policy {
  return policySchema.parse(JSON.parse(readFileSync(`${POLICY_DIR}${name}.json`, 'utf8')));
}

/** An elder born on `birth` with sensible defaults: 户籍 and 常住 at the canteen, active, not in care. */
export function elder(birth: string, over: Partial<PricingElder> & { status?: string[]; region?: string } = {}): PricingElder {
  const { status = [], region, ...rest } = over;
  return {
    birthDate: birth,
    statuses: status.map((code) => ({ code, validFrom: null, validTo: null })),
    hukouRegion: region ?? null,
    residenceRegion: region ?? null,
    careHome: false,
    active: true,
    ...rest,
  };
}

export interface Case {
  policy: Policy;
  elder: PricingElder | null;
  canteen: string;
  date: string;
  period: string | null;
  amount?: number;
  eaten?: EatenMeal[];
}

export function priceCase(c: Case): PriceResult {
  return price({
    policy: c.policy,
    elder: c.elder,
    canteenRegion: c.canteen,
    serviceDate: c.date,
    periodId: c.period,
    ...(c.amount === undefined ? {} : { amount: c.amount }),
    eaten: c.eaten ?? [],
  });
}

/** The funding split as a plain object, for short assertions. */
export function split(r: PriceResult): Record<string, number> {
  return Object.fromEntries(r.funding.map((f) => [f.source, f.amount]));
}

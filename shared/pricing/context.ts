import type { Fen } from '../money.js';
import type { Policy } from '../policy/schema.js';
import type { EatenMeal, PricingElder } from './types.js';

/** Everything one pricing decision looks at, resolved once (age and the statuses valid that day). */
export interface PricingContext {
  readonly policy: Policy;
  readonly elder: PricingElder;
  readonly canteenRegion: string;
  readonly serviceDate: string;
  readonly periodId: string;
  readonly amount: Fen;
  readonly eaten: readonly EatenMeal[];
  readonly age: number;
  /** Status codes valid on the service date. */
  readonly statuses: ReadonlySet<string>;
}

export function statusValidOn(s: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (s.validFrom === null || s.validFrom <= date) && (s.validTo === null || date <= s.validTo);
}

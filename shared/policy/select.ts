/** Which version of a policy prices a meal, and which meal period a local time falls in. */
import { timeToMinutes } from '../dates.js';
import type { MealPeriod, Policy } from './schema.js';

/**
 * The version in force on a service date: among versions whose dates cover it, the highest version
 * number (a version 2 from 2026-07-01 replaces version 1 from that date on, whatever version 1's
 * effectiveTo says). Null when none covers the date.
 */
export function policyInForce(versions: readonly Policy[], serviceDate: string): Policy | null {
  let best: Policy | null = null;
  for (const p of versions) {
    const covers = p.effectiveFrom <= serviceDate && (p.effectiveTo === undefined || serviceDate <= p.effectiveTo);
    if (covers && (best === null || p.version > best.version)) best = p;
  }
  return best;
}

/** The period whose [start, end) holds the local time (minutes since midnight), or null. */
export function periodAt(policy: Policy, minutes: number): MealPeriod | null {
  return policy.periods.find((p) => timeToMinutes(p.start) <= minutes && minutes < timeToMinutes(p.end)) ?? null;
}

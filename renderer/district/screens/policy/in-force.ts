/** Which published version is in force on a date: the kiosk's own rule (the latest start on or before it, within its end). Pure. */
import type { PolicyListing } from '../../api/policy-api.js';

export function inForce(list: readonly PolicyListing[], today: string): PolicyListing | null {
  let best: PolicyListing | null = null;
  for (const p of list) {
    if (p.effectiveFrom > today || (p.effectiveTo !== null && p.effectiveTo < today)) continue;
    if (best === null || p.effectiveFrom > best.effectiveFrom || (p.effectiveFrom === best.effectiveFrom && p.version > best.version)) best = p;
  }
  return best;
}

/**
 * The policies ingest prices with: a district's published versions, loaded once per batch (a few
 * rows), and the choice of version for a meal. No access check: ingest acts for the hub itself, on
 * a device whose district it already knows.
 */
import { z } from 'zod';
import type { HubQueries } from '../db/index.js';
import { policySchema } from '../../shared/policy/schema.js';
import type { Policy } from '../../shared/policy/schema.js';
import { policyInForce } from '../../shared/policy/select.js';

export interface DistrictPolicies {
  /** Is (id, version) a version the hub has published? A kiosk naming one it is not has a policy the district never sent. */
  has(policyId: string, version: number): boolean;
  /**
   * The version that prices a meal of `serviceDate`: among the versions of `policyId` (the policy the
   * kiosk named), or of every policy of the district when the kiosk named none, the one in force.
   */
  inForce(policyId: string | null, serviceDate: string): Policy | null;
  /**
   * How far back a meal's limits can look, over every version of the district: 'day' when no version
   * limits meals per week or month (then only the meal's own date matters — per period, per day, the
   * operator's per-elder-per-day subsidy), else 'week' or 'month'. Ingest reads no more history than this.
   */
  readonly limitScope: 'day' | 'week' | 'month';
}

function limitScope(versions: readonly Policy[]): 'day' | 'week' | 'month' {
  const limits = versions.flatMap((p) => [p.limits, ...p.tiers.map((t) => t.limits ?? {})]);
  if (limits.some((l) => l.perMonth !== undefined)) return 'month';
  if (limits.some((l) => l.perWeek !== undefined)) return 'week';
  return 'day';
}

export async function loadDistrictPolicies(db: HubQueries, districtId: number): Promise<DistrictPolicies> {
  const rows = await db.query(`SELECT document FROM policies WHERE district_id = $1`, [districtId], z.object({ document: z.unknown() }));
  const versions = rows.map((r) => policySchema.parse(r.document));
  const byId = new Map<string, Policy[]>();
  for (const p of versions) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  const keys = new Set(versions.map((p) => `${p.id}\u0000${p.version}`));
  return {
    has: (policyId, version) => keys.has(`${policyId}\u0000${version}`),
    limitScope: limitScope(versions),
    inForce: (policyId, serviceDate) => policyInForce(policyId === null ? versions : (byId.get(policyId) ?? []), serviceDate),
  };
}

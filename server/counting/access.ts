/**
 * Who may read or approve the district's figures: any account of the district reads; an admin
 * approves and resolves. A canteen named in a filter must be the district's own — asking for
 * another district's canteen is 'forbidden', exactly as asking for the other district is.
 */
import { z } from 'zod';
import { dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export type ReadRefusal = HubRefusal<'forbidden' | 'unknown'>;

export async function requireReader(db: HubQueries, actor: Actor, districtId: number, canteenId?: number | null): Promise<Result<void, ReadRefusal>> {
  const member = requireMemberOf(actor, districtId);
  if (!member.ok) return member;
  if (canteenId === undefined || canteenId === null) return ok(undefined);
  const [row] = await db.query(`SELECT district_id FROM canteens WHERE id = $1`, [canteenId], z.object({ district_id: dbInt }));
  if (row === undefined) return refuse('unknown', 'hub.canteen.unknown');
  if (row.district_id !== districtId) return refuse('forbidden', 'hub.forbidden');
  return ok(undefined);
}

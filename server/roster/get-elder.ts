/** One elder of the district roster, for the detail page: what the list shows, and who suspended or reinstated them. */
import { z } from 'zod';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { RosterElderDetail } from '../../shared/hub-api/roster-views.js';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { ELDER_COLUMNS, elderRow, viewsOf } from './roster-rows.js';

export type GetElderRefusal = HubRefusal<'forbidden' | 'unknown'>;

const changeRow = z.object({ active: z.boolean(), reason: z.string(), changed_at: dbInstant, login: z.string().nullable(), changed_by: dbInt.nullable() });

export async function getRosterElder(
  db: HubQueries,
  actor: Actor,
  input: { readonly districtId: number; readonly elderId: string },
): Promise<Result<RosterElderDetail, GetElderRefusal>> {
  const allowed = requireMemberOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  const [row] = await db.query(`SELECT ${ELDER_COLUMNS} FROM roster_elders e WHERE e.elder_id = $1 AND e.district_id = $2`, [input.elderId, input.districtId], elderRow);
  if (row === undefined) return refuse('unknown', 'hub.roster.unknownElder');
  const [view] = await viewsOf(db, [row]);
  if (view === undefined) throw new Error('viewsOf returned no row');
  const changes = await db.query(
    `SELECT c.active, c.reason, c.changed_at, a.login, c.changed_by FROM roster_status_changes c LEFT JOIN accounts a ON a.id = c.changed_by
     WHERE c.elder_id = $1 ORDER BY c.changed_at DESC, c.id DESC`,
    [input.elderId],
    changeRow,
  );
  // The console (the hub's own command line) acts with no account: shown as null.
  return ok({ ...view, statusChanges: changes.map((c) => ({ active: c.active, reason: c.reason, at: c.changed_at, by: c.login })) });
}

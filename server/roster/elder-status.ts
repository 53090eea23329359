/**
 * Suspending (暂停) and reinstating an elder on the district roster: an admin's act with a reason,
 * recorded in roster_status_changes (who, when, why). A suspension reaches the kiosks with the next
 * roster down: it is a change of the elder, so it takes the next roster version.
 */
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { RosterElderView } from '../../shared/hub-api/roster-views.js';
import type { HubDb } from '../db/index.js';
import { instant, requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { ELDER_COLUMNS, elderRow, viewsOf } from './roster-rows.js';
import { lockVersion, saveVersion } from './roster-versions.js';

export interface ElderStatusInput {
  readonly districtId: number;
  readonly elderId: string;
  /** false: suspend; true: reinstate. */
  readonly active: boolean;
  /** Why (required to suspend: 住院, 迁出, 核查中 …). */
  readonly reason: string;
  readonly now: string;
}

export type ElderStatusRefusal = HubRefusal<'forbidden' | 'unknown' | 'badReason'>;

export async function setElderStatus(db: HubDb, actor: Actor, input: ElderStatusInput): Promise<Result<RosterElderView, ElderStatusRefusal>> {
  const allowed = requireAdminOf(actor, input.districtId);
  if (!allowed.ok) return allowed;
  instant(input.now);
  const reason = input.reason.trim();
  // A suspension without a reason cannot be answered when the elder asks why their meal is full price.
  if (!isPlainText(reason, 500, input.active ? 0 : 1)) return refuse('badReason', input.active ? 'hub.roster.reasonShape' : 'hub.roster.reasonNeeded');

  return db.transaction(async (tx) => {
    const version = await lockVersion(tx, input.districtId);
    // Another district's elder is 'unknown', exactly like an id that does not exist: no probing.
    const [row] = await tx.query(`SELECT ${ELDER_COLUMNS} FROM roster_elders e WHERE e.elder_id = $1 AND e.district_id = $2`, [input.elderId, input.districtId], elderRow);
    if (row === undefined) return refuse('unknown', 'hub.roster.unknownElder');
    // Already so: nothing to send to the kiosks, nothing to record.
    if (row.active === input.active) return ok((await viewsOf(tx, [row]))[0] ?? fail());
    const next = version + 1;
    const [updated] = await tx.query(
      `UPDATE roster_elders e SET active = $3, suspended_reason = $4, suspended_since = $5, version = $6, updated_at = $7
       WHERE e.elder_id = $1 AND e.district_id = $2 RETURNING ${ELDER_COLUMNS}`,
      [input.elderId, input.districtId, input.active, input.active ? null : reason, input.active ? null : input.now, next, input.now],
      elderRow,
    );
    if (updated === undefined) throw new Error('UPDATE … RETURNING gave no row');
    await tx.execute(`INSERT INTO roster_status_changes (elder_id, active, reason, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5)`, [
      input.elderId,
      input.active,
      reason,
      input.now,
      actor === 'console' ? null : actor.id,
    ]);
    await saveVersion(tx, input.districtId, next);
    return ok((await viewsOf(tx, [updated]))[0] ?? fail());
  });
}

function fail(): never {
  throw new Error('viewsOf returned fewer rows than given');
}


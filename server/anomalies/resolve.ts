/** Closing an anomaly: an admin of its district, with a note saying what was found. */
import { z } from 'zod';
import { dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Anomaly } from '../../shared/hub-api/counting-views.js';
import { requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { ANOMALY_SELECT, anomalyRow, toAnomaly } from './anomaly-row.js';

export const NOTE_MAX = 2000;

export type ResolveRefusal = HubRefusal<'forbidden' | 'unknown' | 'badNote' | 'resolved'>;

function isNote(note: string): boolean {
  // Line breaks are allowed in a note (staff write several lines); other control characters are not.
  return note.trim() !== '' && isPlainText(note.replace(/\r?\n/g, ' '), NOTE_MAX);
}

export async function resolveAnomaly(db: HubQueries, actor: Actor, input: { readonly id: number; readonly note: string; readonly now: string }): Promise<Result<Anomaly, ResolveRefusal>> {
  const [found] = await db.query(`SELECT district_id FROM anomalies WHERE id = $1`, [input.id], z.object({ district_id: dbInt }));
  if (found === undefined) return refuse('unknown', 'hub.anomaly.unknown');
  const allowed = requireAdminOf(actor, found.district_id);
  if (!allowed.ok) return allowed;
  if (!isNote(input.note)) return refuse('badNote', 'hub.anomaly.badNote', { max: NOTE_MAX });
  // status = 'open' in the WHERE: of two admins resolving at once, one writes, the other is told.
  const changed = await db.execute(
    `UPDATE anomalies SET status = 'resolved', resolved_at = $2, resolved_by = $3, note = $4 WHERE id = $1 AND status = 'open'`,
    [input.id, input.now, actor === 'console' ? null : actor.id, input.note],
  );
  if (changed === 0) return refuse('resolved', 'hub.anomaly.alreadyResolved');
  const [row] = await db.query(`${ANOMALY_SELECT} WHERE a.id = $1`, [input.id], anomalyRow);
  if (row === undefined) throw new Error('the anomaly just resolved is gone');
  return ok(toAnomaly(row));
}

/**
 * The kiosks of a canteen as its district's admin sees them — how each one's uploads stand — and
 * revoking one. Enrolling is codes.ts; this is what comes after.
 */
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import type { DeviceView } from '../../shared/hub-api/routes.js';

const deviceRow = z.object({
  device_id: z.string(),
  enrolled_at: dbInstant,
  revoked_at: dbInstant.nullable(),
  head_seq: dbInt,
  last_upload_at: dbInstant.nullable(),
  last_clock_skew_ms: dbInt.nullable(),
});

/** The kiosks of a canteen, oldest enrolment first. The caller has checked the canteen is the actor's. */
export async function canteenDevices(db: HubQueries, canteenId: number): Promise<DeviceView[]> {
  const rows = await db.query(
    `SELECT device_id, enrolled_at, revoked_at, head_seq, last_upload_at, last_clock_skew_ms FROM devices WHERE canteen_id = $1 ORDER BY enrolled_at, device_id`,
    [canteenId],
    deviceRow,
  );
  return rows.map((r) => ({
    deviceId: r.device_id,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    headSeq: r.head_seq,
    lastUploadAt: r.last_upload_at,
    clockSkewMs: r.last_clock_skew_ms,
  }));
}

/**
 * Revokes a kiosk: its uploads are refused from now on (what it already uploaded stays counted). A
 * second revoke keeps the first instant. Another district's device is 'unknown', as if it did not
 * exist: an admin learns nothing of other districts' kiosks.
 */
export async function revokeDevice(
  db: HubQueries,
  input: { readonly actor: Actor; readonly deviceId: string; readonly now: string },
): Promise<Result<{ deviceId: string; revokedAt: string }, HubRefusal<'unknown' | 'forbidden'>>> {
  const [row] = await db.query(
    `SELECT d.device_id, c.district_id FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
    [input.deviceId],
    z.object({ device_id: z.string(), district_id: dbInt }),
  );
  if (row === undefined || (input.actor !== 'console' && input.actor.districtId !== row.district_id)) return refuse('unknown', 'hub.district.unknownDevice', { deviceId: input.deviceId });
  const allowed = requireAdminOf(input.actor, row.district_id);
  if (!allowed.ok) return allowed;
  const [revoked] = await db.query(
    `UPDATE devices SET revoked_at = COALESCE(revoked_at, $2::timestamptz) WHERE device_id = $1 RETURNING revoked_at`,
    [input.deviceId, input.now],
    z.object({ revoked_at: dbInstant }),
  );
  if (revoked === undefined) throw new Error('UPDATE … RETURNING gave no row');
  return ok({ deviceId: row.device_id, revokedAt: revoked.revoked_at });
}

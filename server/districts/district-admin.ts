/**
 * What a district's admin reads and changes about its kiosks and API tokens beyond what
 * server/enrolment and server/accounts offer: the devices of a canteen with how their uploads
 * stand, revoking a device, and the list of API tokens. Every function checks the actor's district.
 */
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { requireAdminOf } from '../accounts/accounts.js';
import type { Account, Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import type { ApiTokenView, DeviceView } from '../../shared/hub-api/routes.js';
import { apiTokenScopeSchema } from '../../shared/hub-api/routes.js';

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

const tokenRow = z.object({
  id: dbInt,
  name: z.string(),
  scopes: z.array(apiTokenScopeSchema),
  account_id: dbInt,
  login: z.string(),
  created_at: dbInstant,
  last_used_at: dbInstant.nullable(),
  revoked_at: dbInstant.nullable(),
});

/** An admin sees every token of the district; a viewer their own. Newest first. */
export async function listApiTokens(db: HubQueries, actor: Account): Promise<ApiTokenView[]> {
  const rows = await db.query(
    `SELECT t.id, t.name, to_jsonb(t.scopes) AS scopes, t.account_id, a.login, t.created_at, t.last_used_at, t.revoked_at
       FROM api_tokens t JOIN accounts a ON a.id = t.account_id
      WHERE a.district_id = $1 AND ($2 OR a.id = $3)
      ORDER BY t.created_at DESC, t.id DESC`,
    [actor.districtId, actor.role === 'admin', actor.id],
    tokenRow,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    accountId: r.account_id,
    login: r.login,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** The account of a login (any letter case), for the console's `token add --login`. */
export async function accountIdByLogin(db: HubQueries, login: string): Promise<number | null> {
  const [row] = await db.query(`SELECT id FROM accounts WHERE lower(login) = lower($1)`, [login], z.object({ id: dbInt }));
  return row === undefined ? null : row.id;
}

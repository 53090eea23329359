/**
 * A kiosk's report of the local elders it re-keyed to district ids (roster_elder_aliases). Its ledger
 * keeps the local id on meals recorded before the re-key; with the alias the hub knows they were
 * this district elder's meals. A local id of a device names one elder for good: the first report
 * stands, a later one naming another elder for it is refused (and nothing of that report is kept).
 */
import { z } from 'zod';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { RosterAliases } from '../../shared/roster/package.js';
import { dbInstant, dbInt, jsonParam } from '../db/index.js';
import type { HubDb } from '../db/index.js';
import { instant } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';

export type AliasRefusal = HubRefusal<'unknownDevice' | 'revoked' | 'unknownElder' | 'aliasConflict'>;

const deviceRow = z.object({ district_id: dbInt, revoked_at: dbInstant.nullable() });

/** Records the aliases; returns how many were new. The device is already authenticated by the caller. */
export async function recordElderAliases(
  db: HubDb,
  input: { readonly deviceId: string; readonly aliases: RosterAliases['aliases']; readonly now: string },
): Promise<Result<number, AliasRefusal>> {
  instant(input.now);
  return db.transaction(async (tx) => {
    const [device] = await tx.query(
      `SELECT c.district_id, d.revoked_at FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
      [input.deviceId],
      deviceRow,
    );
    if (device === undefined) return refuse('unknownDevice', 'hub.roster.unknownDevice');
    if (device.revoked_at !== null) return refuse('revoked', 'hub.roster.revokedDevice');
    const rows = input.aliases.map((a) => ({ local_elder_id: a.localElderId, elder_id: a.elderId }));
    // Every district id named must be an elder of the device's own district.
    const [known] = await tx.query(
      `SELECT count(DISTINCT e.elder_id) AS n FROM roster_elders e
       WHERE e.district_id = $2 AND e.elder_id = ANY (ARRAY(SELECT x.elder_id FROM jsonb_to_recordset($1::jsonb) AS x(elder_id text)))`,
      [jsonParam(rows), device.district_id],
      z.object({ n: dbInt }),
    );
    if ((known?.n ?? 0) !== new Set(rows.map((r) => r.elder_id)).size) return refuse('unknownElder', 'hub.roster.aliasUnknownElder');
    const inserted = await tx.execute(
      `INSERT INTO roster_elder_aliases (device_id, local_elder_id, elder_id, reported_at)
       SELECT $2, x.local_elder_id, x.elder_id, $3 FROM jsonb_to_recordset($1::jsonb) AS x(local_elder_id text, elder_id text)
       ON CONFLICT (device_id, local_elder_id) DO NOTHING`,
      [jsonParam(rows), input.deviceId, input.now],
    );
    const [clash] = await tx.query(
      `SELECT count(*) AS n FROM roster_elder_aliases a JOIN jsonb_to_recordset($1::jsonb) AS x(local_elder_id text, elder_id text)
         ON a.local_elder_id = x.local_elder_id WHERE a.device_id = $2 AND a.elder_id <> x.elder_id`,
      [jsonParam(rows), input.deviceId],
      z.object({ n: dbInt }),
    );
    // Throwing rolls back this report's inserts too; the refusal is returned outside.
    if ((clash?.n ?? 0) > 0) throw new AliasConflict();
    return ok(inserted);
  }).catch((e: unknown) => {
    if (e instanceof AliasConflict) return refuse('aliasConflict', 'hub.roster.aliasConflict');
    throw e;
  });
}

class AliasConflict extends Error {}

/**
 * The local elder ids this kiosk re-keyed to district ids (table elder_aliases, migration 0007;
 * written by apply-package.ts in the re-key's own transaction). The kiosk's ledger keeps the local id
 * on meals recorded before the re-key, so three readers need the link:
 * - the sync, which reports it to the hub (rosterAliases) so the hub counts those meals as the same
 *   elder; the hub keeps the first report of each and ignores repeats;
 * - the check-in's limits (meals-eaten.ts: localIdsOf, one seek of elder_aliases_by_elder);
 * - a QR card printed under the old id (verify-qr.ts: districtIdOfAlias, one seek of the primary key).
 */
import type { RosterAliases } from '../../../shared/roster/package.js';
import { districtElderIdSchema } from '../../../shared/roster/package.js';
import type { ReadHandle, WriteTx } from '../store/open.js';

export function rosterAliases(read: ReadHandle): RosterAliases {
  const rows = read.stmt<{ oldId: string; elderId: string }>('SELECT old_id AS oldId, elder_id AS elderId FROM elder_aliases ORDER BY old_id').all();
  return { aliases: rows.map((r) => ({ localElderId: r.oldId, elderId: r.elderId })) };
}

/**
 * The district id a re-keyed local id became, or null: one read of the primary key. Used only when
 * an id is not found among the elders (a QR card printed before the re-key).
 */
export function districtIdOfAlias(read: ReadHandle, localElderId: string): string | null {
  return read.stmt<{ elderId: string }>('SELECT elder_id AS elderId FROM elder_aliases WHERE old_id = ?').get(localElderId)?.elderId ?? null;
}

/** An elder's old ids: a seek of the index elder_aliases_by_elder (checked by the query-plan test). */
export const ALIASES_OF_SQL = 'SELECT old_id AS localId FROM elder_aliases WHERE elder_id = ?';

/**
 * The local ids that were re-keyed to this elder (usually none, at most one per kiosk). Only a
 * district id can be an alias's target (a CHECK of the table), so a local elder is not looked up.
 */
export function localIdsOf(read: ReadHandle, elderId: string): string[] {
  if (!districtElderIdSchema.safeParse(elderId).success) return [];
  return read
    .stmt<{ localId: string }>(ALIASES_OF_SQL)
    .all(elderId)
    .map((r) => r.localId);
}

/**
 * Records that `oldId` became `elderId`, inside the re-key's transaction. A local id names one elder
 * for good (the hub holds to the first report), so a second link for the same old id is an error,
 * never an overwrite: the primary key refuses it and the whole package rolls back.
 */
export function recordAlias(tx: WriteTx, oldId: string, elderId: string, now: string): void {
  tx.stmt('INSERT INTO elder_aliases (old_id, elder_id, created_at) VALUES (?, ?, ?)').run(oldId, elderId, now);
}

/**
 * The district's roster version counter (table roster_versions). Every change of an elder takes the
 * next number, so a kiosk asks "what changed after N?" and misses nothing.
 *
 * lockVersion() takes the counter row with FOR UPDATE and the caller writes the new value back in
 * the same transaction: the row lock serialises the roster writers of a district, so numbers are
 * handed out in commit order. Without it, on PostgreSQL, a change numbered 7 could commit after a
 * kiosk had already synced up to 8, and that kiosk would never see it.
 */
import { z } from 'zod';
import { dbCount } from '../db/index.js';
import type { HubQueries } from '../db/index.js';

const versionRow = z.object({ version: dbCount });

export async function lockVersion(tx: HubQueries, districtId: number): Promise<number> {
  await tx.execute(`INSERT INTO roster_versions (district_id, version) VALUES ($1, 0) ON CONFLICT (district_id) DO NOTHING`, [districtId]);
  const [row] = await tx.query(`SELECT version FROM roster_versions WHERE district_id = $1 FOR UPDATE`, [districtId], versionRow);
  if (row === undefined) throw new Error('roster_versions row missing after insert');
  return row.version;
}

export async function saveVersion(tx: HubQueries, districtId: number, version: number): Promise<void> {
  await tx.execute(`UPDATE roster_versions SET version = $2 WHERE district_id = $1`, [districtId, version]);
}

/** The district's current version, without locking (0 before any roster write). */
export async function currentVersion(db: HubQueries, districtId: number): Promise<number> {
  const [row] = await db.query(`SELECT version FROM roster_versions WHERE district_id = $1`, [districtId], versionRow);
  return row?.version ?? 0;
}

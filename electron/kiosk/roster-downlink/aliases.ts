/**
 * The local elder ids this kiosk re-keyed to district ids (settings 'roster_alias:<local id>'), as the
 * report the hub takes (shared/roster/package.ts rosterAliasesSchema): the kiosk's ledger keeps the
 * local id on meals recorded before the re-key, and the hub needs the link to count them as the same
 * elder. Reported with every sync; the hub keeps the first report of each and ignores repeats.
 */
import { districtElderIdSchema } from '../../../shared/roster/package.js';
import type { RosterAliases } from '../../../shared/roster/package.js';
import type { ReadHandle } from '../store/open.js';
import { ROSTER_ALIAS_PREFIX } from './apply-package.js';

export function rosterAliases(read: ReadHandle): RosterAliases {
  const rows = read
    .stmt<{ key: string; value: string }>(`SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key`)
    .all(ROSTER_ALIAS_PREFIX, `${ROSTER_ALIAS_PREFIX}\uffff`);
  const aliases: RosterAliases['aliases'] = [];
  for (const row of rows) {
    // Only what apply-package wrote: a hand-edited row that is not a district id is not reported.
    if (!districtElderIdSchema.safeParse(row.value).success) continue;
    aliases.push({ localElderId: row.key.slice(ROSTER_ALIAS_PREFIX.length), elderId: row.value });
  }
  return { aliases };
}

/**
 * The district id a re-keyed local id became, or null: one point read of the settings key. Used
 * only when an id is not found among the elders (a QR card printed before the re-key).
 */
export function districtIdOfAlias(read: ReadHandle, localElderId: string): string | null {
  const value = read.stmt<{ value: string }>('SELECT value FROM settings WHERE key = ?').get(`${ROSTER_ALIAS_PREFIX}${localElderId}`)?.value;
  return value !== undefined && districtElderIdSchema.safeParse(value).success ? value : null;
}

/** The alias rows only: a range of the settings primary key, never a scan of the table. */
export const ALIASES_OF_SQL = `SELECT substr(key, ${ROSTER_ALIAS_PREFIX.length + 1}) AS localId FROM settings WHERE key >= ? AND key < ? AND value = ?`;

/**
 * The local ids that were re-keyed to this elder (usually none, at most one per kiosk). Only a
 * district id can be an alias's target, so a local elder costs nothing. For a district elder the
 * query reads the alias rows (a range of the settings key, one row per elder this kiosk ever
 * re-keyed: bounded by the elders the canteen registered before its first roster package). A table
 * keyed by the district id would make this one index seek (proposed: an elder_aliases migration).
 */
export function localIdsOf(read: ReadHandle, elderId: string): string[] {
  if (!districtElderIdSchema.safeParse(elderId).success) return [];
  return read
    .stmt<{ localId: string }>(ALIASES_OF_SQL)
    .all(ROSTER_ALIAS_PREFIX, `${ROSTER_ALIAS_PREFIX}\uffff`, elderId)
    .map((r) => r.localId);
}

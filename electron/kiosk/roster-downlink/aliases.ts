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

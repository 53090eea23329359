/**
 * The statuses a roster file may name (特困, 低保 …, by code or by name): those of the district's
 * published policies, every version — a status a newer version dropped may still be on an elder's
 * record for the months it was paid.
 */
import { z } from 'zod';
import type { HubQueries } from '../db/index.js';
import type { StatusName } from '../../shared/roster/import-parse.js';

const documentRow = z.object({
  document: z.object({ statuses: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })) }),
});

export async function districtStatuses(db: HubQueries, districtId: number): Promise<StatusName[]> {
  const rows = await db.query(`SELECT document FROM policies WHERE district_id = $1 ORDER BY policy_id, version DESC`, [districtId], documentRow);
  const byCode = new Map<string, StatusName>();
  // Newest version first: its name for a code wins.
  for (const row of rows) for (const s of row.document.statuses) if (!byCode.has(s.code)) byCode.set(s.code, { code: s.code, name: s.name });
  return [...byCode.values()];
}

/**
 * Which elders belong to a canteen's area — who its kiosk gets in roster down and who counts as
 * eligible for its daily edit check. A town-level canteen (9-digit region code) serves the elders
 * who live (常住) or are registered (户籍) in its town; a county-level one (6 digits) serves the
 * whole district. Either residence or hukou, because policies subsidise by either (DESIGN §1:
 * 户籍 vs 常住), and a kiosk without an elder it must serve is worse than one with an extra row.
 */
import { z } from 'zod';
import { dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';

export interface CanteenArea {
  readonly canteenId: number;
  readonly districtId: number;
  /** The town's 9-digit code, or null for a county-level canteen (the whole district). */
  readonly town: string | null;
}

const canteenRow = z.object({ id: dbInt, district_id: dbInt, region_code: z.string() });

export function areaOf(canteen: { id: number; district_id: number; region_code: string }): CanteenArea {
  // A village code (12 digits) is narrowed to its town: no budget is split finer than a town.
  const town = canteen.region_code.length >= 9 ? canteen.region_code.slice(0, 9) : null;
  return { canteenId: canteen.id, districtId: canteen.district_id, town };
}

export async function canteenArea(db: HubQueries, canteenId: number): Promise<CanteenArea | undefined> {
  const [row] = await db.query(`SELECT id, district_id, region_code FROM canteens WHERE id = $1`, [canteenId], canteenRow);
  return row === undefined ? undefined : areaOf(row);
}

/** Is an elder with these regions in the area? (Same rule as AREA_SQL.) */
export function inArea(area: CanteenArea, elder: { readonly hukou_region: string | null; readonly residence_region: string | null }): boolean {
  const { town } = area;
  if (town === null) return true;
  return (elder.residence_region?.startsWith(town) ?? false) || (elder.hukou_region?.startsWith(town) ?? false);
}

/** The area as SQL over roster_elders e, the town being parameter `p` (a NULL town matches every elder). */
export function areaSql(p: string): string {
  return `(${p}::text IS NULL OR left(e.residence_region, 9) = ${p} OR left(e.hukou_region, 9) = ${p})`;
}

/**
 * The eligible elders of a canteen on a date, per age band × status: what the daily edit check
 * compares claimed meals with (DESIGN §1: "meals claimed in a category never exceed the eligible
 * elders of that canteen in that category"). Eligible: on the district roster, in the canteen's area
 * (canteen-area.ts), active (not suspended). Age is whole years on the date and banded by the
 * shared pricing code, so the bands are the ones the meals were counted in. An elder with two
 * statuses valid that day counts under each; one with none counts under 'none'.
 */
import { z } from 'zod';
import { ageOn } from '../../shared/dates.js';
import { ageBand } from '../../shared/pricing/age-band.js';
import type { EligibleCount } from '../../shared/hub-api/roster-views.js';
import { dbLocalDate } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { areaSql, canteenArea } from './canteen-area.js';

export interface EligibleInput {
  readonly districtId: number;
  readonly canteenId: number;
  /** The service date ('YYYY-MM-DD'): ages and status validity are on this day. */
  readonly onDate: string;
}

const row = z.object({ elder_id: z.string(), birth_date: dbLocalDate, codes: z.array(z.string()).nullable() });

/** Counts sorted by age band then status; an unknown canteen, or one of another district, has none. */
export async function eligibleElders(db: HubQueries, input: EligibleInput): Promise<EligibleCount[]> {
  const area = await canteenArea(db, input.canteenId);
  if (area === undefined || area.districtId !== input.districtId) return [];
  const rows = await db.query(
    `SELECT e.elder_id, e.birth_date,
       (SELECT array_agg(DISTINCT s.code ORDER BY s.code) FROM roster_elder_statuses s
         WHERE s.elder_id = e.elder_id AND (s.valid_from IS NULL OR s.valid_from <= $3::date) AND (s.valid_to IS NULL OR s.valid_to >= $3::date)) AS codes
     FROM roster_elders e WHERE e.district_id = $1 AND e.active AND ${areaSql('$2')}`,
    [input.districtId, area.town, input.onDate],
    row,
  );
  const counts = new Map<string, EligibleCount>();
  for (const r of rows) {
    const band = ageBand(ageOn(r.birth_date, input.onDate));
    for (const status of r.codes === null || r.codes.length === 0 ? ['none'] : r.codes) {
      const key = `${band}\u0000${status}`;
      const before = counts.get(key);
      counts.set(key, { ageBand: band, status, elders: (before?.elders ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => (a.ageBand === b.ageBand ? a.status.localeCompare(b.status) : a.ageBand.localeCompare(b.ageBand)));
}

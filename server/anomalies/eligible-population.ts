/**
 * The edit check's "eligible elders of a canteen in a category" (DESIGN §1), for every claimable cell
 * of a range at once — set-based, never one roster query per canteen-day.
 *
 * 'roster': the district's master roster, as server/roster/eligible.ts defines it for one canteen
 * and day: active elders living (常住) or registered (户籍) in the canteen's town (a county-level
 * canteen: the whole district), banded by their age on the service date with the shared pricing
 * bands. An elder counts once per band whatever their statuses (the check is per period × band).
 *
 * 'servedElders': the stand-in for a district that has no roster yet — the DISTINCT elders the canteen
 * has ever served a claimable meal in that band, up to the range's end. It is at least any one day's
 * distinct elders, so a cell can only exceed it when an elder ate twice in the period
 * (boundedByDailyDistinct): the detector then looks only at such cells. The roster is not bounded
 * that way, so with it every claimable cell is checked.
 */
import { z } from 'zod';
import type { HubQueries } from '../db/index.js';

export type EligibleBasis = 'roster' | 'servedElders';

export function boundedByDailyDistinct(basis: EligibleBasis): boolean {
  return basis === 'servedElders';
}

/** The roster when the district has one (any elder, active or not); the stand-in otherwise. */
export async function eligibleBasis(db: HubQueries, districtId: number): Promise<EligibleBasis> {
  const [row] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM roster_elders WHERE district_id = $1) AS has_roster`,
    [districtId],
    z.object({ has_roster: z.boolean() }),
  );
  return row?.has_roster === true ? 'roster' : 'servedElders';
}

/**
 * The pricing bands (shared/pricing/age-band.ts) in SQL, over whole years `age`. Must match
 * ageBand(): the meals were counted in those bands.
 */
function ageBandSql(age: string): string {
  return `CASE WHEN ${age} < 60 THEN 'under60' WHEN ${age} >= 100 THEN '100+' WHEN ${age} >= 90 THEN '90-99'
               WHEN ${age} >= 80 THEN '80-89' WHEN ${age} >= 70 THEN '70-79' ELSE '60-69' END`;
}

/**
 * Whole years of age on date `on` of someone born `born`, as shared/dates.ts ageOn counts them
 * (PostgreSQL's age() borrows month by month, so a 29 February birthday comes on 1 March in a
 * common year, the same as ageOn).
 */
function ageSql(on: string, born: string): string {
  return `date_part('year', age(${on}, ${born}))::int`;
}

/** A canteen's town for the roster's areas (alias `c` of canteens): its town code, '' for a county-level canteen. */
export const CANTEEN_TOWN_SQL = `CASE WHEN length(c.region_code) >= 9 THEN left(c.region_code, 9) ELSE '' END`;

/**
 * A CTE body giving (town, service_date, age_band, eligible) from the roster for each town of CTE
 * `cells(town)` (CANTEEN_TOWN_SQL: '' for a county-level canteen, then the whole district) and each
 * day of the range; a band with no elder has no row (eligible 0). $1 is the district, $2 and $3 the
 * range's first and last day.
 *
 * An elder's band can change inside the range only on the birthday that crosses a band's edge, so
 * each elder is at most two spans (band, first day, last day); spans are counted per (residence town,
 * hukou town, band, span) — a few hundred rows — then per town and day: a few thousand rows that the
 * cells join by town, rather than the same figures repeated for every canteen of the town.
 */
export function rosterEligibleSql(cells: string): string {
  return `SELECT t.town, day::date AS service_date, g.band AS age_band, sum(g.elders) AS eligible
        FROM (SELECT DISTINCT town FROM ${cells}) t
        JOIN (
          SELECT res_town, huk_town, band, first_day, last_day, count(*) AS elders FROM (
            SELECT res_town, huk_town, band_from AS band, $2::date AS first_day, coalesce(switch_day - 1, $3::date) AS last_day FROM switched
            UNION ALL
            SELECT res_town, huk_town, band_to, switch_day, $3::date FROM switched WHERE switch_day IS NOT NULL
          ) spans
          GROUP BY res_town, huk_town, band, first_day, last_day
        ) g ON t.town = '' OR g.res_town = t.town OR g.huk_town = t.town
        CROSS JOIN LATERAL generate_series(g.first_day, g.last_day, interval '1 day') AS day
       GROUP BY t.town, day, g.band`;
}

/**
 * The roster's elders with their band on the range's first and last day and, when those differ, the
 * first day of the new band — found by testing the range's days for those few elders only.
 * CTEs `roster_ages` and `switched`, to be listed before rosterEligibleSql's CTE. MATERIALIZED: the
 * ages are computed once per elder, not once per WHEN of the band's CASE.
 */
export const ROSTER_SWITCHED_CTE = `roster_ages AS MATERIALIZED (
  SELECT left(e.residence_region, 9) AS res_town, left(e.hukou_region, 9) AS huk_town, e.birth_date,
         ${ageSql('$2::date', 'e.birth_date')} AS age_from, ${ageSql('$3::date', 'e.birth_date')} AS age_to
    FROM roster_elders e
   WHERE e.district_id = $1 AND e.active
),
switched AS (
  SELECT b.res_town, b.huk_town, b.band_from, b.band_to,
         CASE WHEN b.band_from <> b.band_to THEN (
           SELECT min(d)::date FROM generate_series($2::date, $3::date, interval '1 day') AS d
            WHERE ${ageBandSql(ageSql('d::date', 'b.birth_date'))} = b.band_to
         ) END AS switch_day
    FROM (SELECT res_town, huk_town, birth_date, ${ageBandSql('age_from')} AS band_from, ${ageBandSql('age_to')} AS band_to FROM roster_ages) b
)`;

/**
 * The stand-in: a CTE body over `candidates(canteen_id, age_band)` giving (canteen_id, age_band,
 * eligible); $1 is the district, $3 the range's last day.
 */
export function servedEldersSql(candidates: string): string {
  return `SELECT m.canteen_id, m.age_band, count(DISTINCT m.elder_id) AS eligible
            FROM meals m
            JOIN (SELECT DISTINCT canteen_id, age_band FROM ${candidates}) k ON k.canteen_id = m.canteen_id AND k.age_band = m.age_band
           WHERE m.district_id = $1 AND m.service_date <= $3::date
             AND m.claimable AND m.voided_seq IS NULL AND m.elder_id IS NOT NULL
           GROUP BY m.canteen_id, m.age_band`;
}

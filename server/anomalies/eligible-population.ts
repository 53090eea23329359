/**
 * The edit check's "eligible elders of a canteen in a category". The hub's master roster does not
 * exist yet, so for now the eligible population of (canteen, age band) is the number of DISTINCT
 * elders the canteen has ever served a claimable meal in that band, up to the checked range's end.
 *
 * It is one SQL fragment producing rows (canteen_id, age_band, eligible) for the candidate cells
 * named by a CTE: when the roster lands, this file becomes a count over the roster table (eligible,
 * not suspended, living in the canteen's area, by band) and nothing else changes.
 *
 * BOUNDED_BY_DAILY_DISTINCT: with this definition the population is at least the distinct elders of
 * any one day, so a cell can only exceed it when some elder has more than one claimable meal in the
 * same period; the detector then looks only at such cells and the history scan stays small. A
 * roster-based population is not bounded that way, so it must set this to false.
 */
export const BOUNDED_BY_DAILY_DISTINCT = true;

export const ELIGIBLE_BASIS = 'servedElders';

/**
 * A CTE body over `candidates(canteen_id, age_band)`; $1 is the district, $3 the range's last day.
 */
export function eligiblePopulationSql(candidates: string): string {
  return `SELECT m.canteen_id, m.age_band, count(DISTINCT m.elder_id) AS eligible
            FROM meals m
            JOIN (SELECT DISTINCT canteen_id, age_band FROM ${candidates}) k ON k.canteen_id = m.canteen_id AND k.age_band = m.age_band
           WHERE m.district_id = $1 AND m.service_date <= $3::date
             AND m.claimable AND m.voided_seq IS NULL AND m.elder_id IS NOT NULL
           GROUP BY m.canteen_id, m.age_band`;
}

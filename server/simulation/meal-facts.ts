/**
 * A meal as the hub keeps it (migration 0003's meals row), turned back into what pricing takes. The
 * meals table holds the facts the meal was priced with, not the roster: the age on the day, the
 * statuses valid that day, the regions, the care-home flag. So the elder is rebuilt from them — a
 * birth date that gives exactly that age on that day, statuses valid that day — and the new policy
 * sees the elder as the kiosk did.
 */
import { z } from 'zod';
import { dbCount, dbInstant, dbInt, dbLocalDate } from '../db/index.js';
import { isCalendarDate, isLeapYear } from '../../shared/dates.js';
import type { LocalDate } from '../../shared/dates.js';
import type { PricingElder } from '../../shared/pricing/types.js';

export const mealFactsRow = z.object({
  device_id: z.string(),
  seq: dbInt,
  canteen_id: dbInt,
  at: dbInstant,
  service_date: dbLocalDate,
  period_id: z.string(),
  elder_id: z.string(),
  age: dbInt.nullable(),
  statuses: z.array(z.string()),
  hukou_region: z.string().nullable(),
  residence_region: z.string().nullable(),
  care_home: z.boolean().nullable(),
  policy_id: z.string().nullable(),
  standard: dbCount,
  subsidy: dbCount,
  /** The kiosk refused the meal's subsidy because the elder was suspended (MEAL_FACTS_COLUMNS). */
  suspended: z.boolean(),
});
export type MealFacts = z.infer<typeof mealFactsRow>;

/**
 * The columns of mealFactsRow, in a SELECT from meals AS m. The meals row has no trace of a
 * suspension: the kiosk recorded it as the check-in's refusal, in the ledger record's body, and the
 * ingest prices that meal as for a suspended elder (server/ingest/reprice.ts). The body is read only
 * for meals the hub owes nothing for (subsidy 0: every suspended elder's meal is one of them, and
 * they are few), one primary-key lookup each, never for the month's subsidised millions.
 */
export const MEAL_FACTS_COLUMNS = `m.device_id, m.seq, m.canteen_id, m.at, m.service_date, m.period_id, m.elder_id, m.age, m.statuses, m.hukou_region,
  m.residence_region, m.care_home, m.policy_id, m.standard, m.subsidy,
  (m.subsidy = 0 AND EXISTS (SELECT 1 FROM ledger_records r WHERE r.device_id = m.device_id AND r.seq = m.seq AND r.body->>'refusal' = 'suspended')) AS suspended`;

/**
 * A birth date on which someone is exactly `age` on `serviceDate` (ageOn(result, serviceDate) === age):
 * the same day `age` years earlier. 29 February of a year that had none becomes 28 February —
 * born on the 28th, one has completed the year by the 29th.
 */
export function birthDateFor(age: number, serviceDate: LocalDate): LocalDate {
  const [y, m, d] = serviceDate.split('-').map(Number) as [number, number, number];
  const year = y - age;
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  if (!isCalendarDate(year, m, day)) throw new RangeError(`birthDateFor: no birth date for age ${age} on ${serviceDate}`);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The elder as pricing saw them on this meal's day, or null when the row lacks the age (a meal the
 * hub could not attribute — priced as for an unregistered person, as the kiosk would).
 * active: false when the kiosk refused the meal because the elder was suspended — a suspended
 * elder gets no subsidy under any policy (shared/pricing/price.ts), the draft included.
 */
export function pricingElderFor(meal: MealFacts): PricingElder | null {
  if (meal.age === null) return null;
  return {
    birthDate: birthDateFor(meal.age, meal.service_date),
    statuses: meal.statuses.map((code) => ({ code, validFrom: null, validTo: null })),
    hukouRegion: meal.hukou_region,
    residenceRegion: meal.residence_region,
    careHome: meal.care_home ?? false,
    active: !meal.suspended,
  };
}

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
});
export type MealFacts = z.infer<typeof mealFactsRow>;

/** The columns of mealFactsRow, in a SELECT from meals. */
export const MEAL_FACTS_COLUMNS =
  'device_id, seq, canteen_id, at, service_date, period_id, elder_id, age, statuses, hukou_region, residence_region, care_home, policy_id, standard, subsidy';

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
 * active: a suspended elder's meal carries no trace of the suspension in these columns; it is priced
 * as active — the kiosk refused it anyway, and both "now" and the draft are priced the same way.
 */
export function pricingElderFor(meal: MealFacts): PricingElder | null {
  if (meal.age === null) return null;
  return {
    birthDate: birthDateFor(meal.age, meal.service_date),
    statuses: meal.statuses.map((code) => ({ code, validFrom: null, validTo: null })),
    hukouRegion: meal.hukou_region,
    residenceRegion: meal.residence_region,
    careHome: meal.care_home ?? false,
    active: true,
  };
}

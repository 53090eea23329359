/** Conditions of a policy, tier or benefit: each failure becomes a refusal a cashier can read. */
import { addDays, dayOfWeek, toLocal, weekStart } from '../dates.js';
import { formatYuan } from '../money.js';
import { sameArea } from '../region.js';
import { message } from '../i18n/text.js';
import type { Conditions, Limits, Policy } from '../policy/schema.js';
import type { PricingContext } from './context.js';
import type { EatenMeal, Refusal, RefusalCode } from './types.js';

function refuse(
  code: RefusalCode,
  params?: Record<string, string | number>,
  firstMealAt?: string,
  key = `pricing.refusal.${code}`,
): Refusal {
  const msg = message(key, params);
  return firstMealAt === undefined ? { code, message: msg } : { code, message: msg, firstMealAt };
}

/** Whether a date is a workday: make-up workdays count, public holidays and weekends do not. */
export function isWorkday(calendar: Policy['calendar'], date: string): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return dayOfWeek(date) <= 5;
}

/** The first condition that fails, in the order a cashier would explain it; null when all hold. */
export function conditionFailure(c: Conditions | undefined, ctx: PricingContext): Refusal | null {
  if (c === undefined) return null;
  const { elder, policy } = ctx;
  if (c.excludeCareHome === true && elder.careHome) return refuse('excluded');
  if (c.residency !== undefined) {
    const met = c.residency.some((rule) => {
      const region = rule.of === 'hukou' ? elder.hukouRegion : elder.residenceRegion;
      return region !== null && sameArea(region, ctx.canteenRegion, rule.within);
    });
    if (!met) {
      // Name the first rule: it is the main one a policy states (户籍 in the city…).
      const first = c.residency[0];
      const key = first === undefined ? undefined : `pricing.refusal.residency.${first.of}.${first.within}`;
      return refuse('residency', {}, undefined, key);
    }
  }
  if (c.periods !== undefined && !c.periods.includes(ctx.periodId)) {
    const names = c.periods.map((id) => policy.periods.find((p) => p.id === id)?.name ?? id).join('、');
    return refuse('periodNotCovered', { periods: names });
  }
  if (c.workdaysOnly === true && !isWorkday(policy.calendar, ctx.serviceDate)) {
    return refuse('holiday', { date: ctx.serviceDate });
  }
  if (c.minSpend !== undefined && ctx.amount < c.minSpend) {
    return refuse('belowMinSpend', { amount: formatYuan(ctx.amount), min: formatYuan(c.minSpend) });
  }
  return null;
}

/**
 * Tier limits replace the policy's key by key. One subsidised meal per meal period unless the policy
 * says otherwise (DESIGN.md §3: a second meal in one period is refused as subsidised).
 */
export const DEFAULT_PER_PERIOD = 1;

export function effectiveLimits(policy: Limits, tier: Limits | undefined): Limits {
  return { perPeriod: DEFAULT_PER_PERIOD, ...policy, ...tier };
}

/**
 * The first limit already used up by earlier subsidised meals, or null. Weeks run Monday to Sunday
 * (ISO), months by calendar month, both in the policy's local dates.
 */
export function limitFailure(limits: Limits, ctx: PricingContext): Refusal | null {
  const subsidised = ctx.eaten.filter((m) => m.subsidised);
  const localTime = (m: EatenMeal): string => toLocal(Date.parse(m.at), ctx.policy.timeZone).time.slice(0, 5);
  const check = (
    limit: number | undefined,
    code: RefusalCode,
    inScope: (m: EatenMeal) => boolean,
  ): Refusal | null => {
    if (limit === undefined) return null;
    const used = subsidised.filter(inScope).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const first = used[0];
    if (used.length < limit || first === undefined) return null;
    return refuse(code, { count: used.length, time: localTime(first), date: first.serviceDate }, first.at);
  };
  const date = ctx.serviceDate;
  const week0 = weekStart(date);
  const week1 = addDays(week0, 6);
  const month = date.slice(0, 7);
  return (
    check(limits.perPeriod, 'limitPeriod', (m) => m.serviceDate === date && m.periodId === ctx.periodId) ??
    check(limits.perDay, 'limitDay', (m) => m.serviceDate === date) ??
    check(limits.perWeek, 'limitWeek', (m) => m.serviceDate >= week0 && m.serviceDate <= week1) ??
    check(limits.perMonth, 'limitMonth', (m) => m.serviceDate.slice(0, 7) === month)
  );
}

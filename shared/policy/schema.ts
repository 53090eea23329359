/**
 * The subsidy policy as data (docs/policy.md explains every field with worked examples).
 *
 * A district publishes one document per version. Real policies differ a lot (DESIGN.md §1), so the
 * format is a small vocabulary that composes rather than one field per city:
 *   - tiers are exclusive and ordered: the first tier whose `who` matches the elder is the only one
 *     applied (hardship status above high age above 60+);
 *   - each tier stacks benefits in order (a discount, then a subsidy on top; a city part plus a
 *     district part), each paid by funding sources;
 *   - conditions (residency, exclusions, periods, workdays, minimum spend) and limits (per period /
 *     day / week / month) sit on the policy and may be tightened per tier or per benefit;
 *   - caps (most subsidy per meal, least personal part) are applied last.
 */
import { z } from 'zod';
import { fenSchema } from '../money.js';
import { localDateSchema, localTimeSchema, timeZoneSchema } from '../dates.js';
import { regionCodeSchema } from '../region.js';

export const POLICY_FORMAT = 'zhucan.policy/1';

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'policy.id.pattern');

export const areaLevelSchema = z.enum(['province', 'city', 'district', 'town']);

/**
 * An amount that may differ by meal period: a number of fen for every period, or an object naming
 * the amount per period id (a period left out gets nothing from this benefit).
 */
export const amountByPeriodSchema = z.union([fenSchema, z.record(z.string(), fenSchema)]);

/** "The elder's 户籍 (hukou) / 常住 (residence) lies in the same city / district / town as the canteen." */
export const residencyRuleSchema = z.strictObject({
  of: z.enum(['hukou', 'residence']),
  within: areaLevelSchema,
});

export const conditionsSchema = z.strictObject({
  /** Any one of these rules is enough (e.g. 户籍 in the city, or 常住 in the district). */
  residency: z.array(residencyRuleSchema).min(1).optional(),
  /** No subsidy while the elder lives in a care home (养老机构). */
  excludeCareHome: z.boolean().optional(),
  /** Only these meal periods. */
  periods: z.array(idSchema).min(1).optional(),
  /** Only on workdays; the calendar (with its make-up workdays) decides what a workday is. */
  workdaysOnly: z.boolean().optional(),
  /** Only when the meal costs at least this much (fen). */
  minSpend: fenSchema.optional(),
});

/** One way to be in a tier. All stated fields must hold. */
export const whoSchema = z
  .strictObject({
    minAge: z.number().int().min(0).max(130).optional(),
    maxAge: z.number().int().min(0).max(130).optional(),
    /** At least one of these statuses, valid on the service date. */
    statusesAny: z.array(idSchema).min(1).optional(),
    /** Every one of these statuses, valid on the service date. */
    statusesAll: z.array(idSchema).min(1).optional(),
  })
  .refine((w) => Object.keys(w).length > 0, 'policy.who.empty');

export const limitsSchema = z.strictObject({
  perPeriod: z.number().int().min(1).optional(),
  perDay: z.number().int().min(1).optional(),
  perWeek: z.number().int().min(1).optional(),
  perMonth: z.number().int().min(1).optional(),
});

/**
 * Who pays a benefit. Either fixed amounts in order with at most one `rest` part last (Guangzhou:
 * city 3 + district 3 + town the rest), or shares in basis points summing to 10000 (split with
 * largest-remainder rounding). A fixed part takes no more than what is left.
 */
export const fundingPartSchema = z.union([
  z.strictObject({ source: idSchema, amount: amountByPeriodSchema }),
  z.strictObject({ source: idSchema, rest: z.literal(true) }),
  z.strictObject({ source: idSchema, shareBp: z.number().int().min(1).max(10000) }),
]);

const benefitCommon = {
  /** Shown in the reasons, e.g. "市级补贴". */
  name: z.string().min(1).optional(),
  /** Further conditions for this benefit alone (e.g. the district part only for district 户籍). */
  when: conditionsSchema.optional(),
  funding: z.array(fundingPartSchema).min(1),
};

export const benefitSchema = z.discriminatedUnion('kind', [
  /** The public pays this much (never more than the elder would otherwise pay). */
  z.strictObject({ kind: z.literal('fixedSubsidy'), amount: amountByPeriodSchema, ...benefitCommon }),
  /** The elder pays this much; the public pays the rest (nothing if the meal costs less). */
  z.strictObject({ kind: z.literal('fixedPersonal'), amount: amountByPeriodSchema, ...benefitCommon }),
  /** The elder pays this share of what they would otherwise pay: 9折 = 9000 basis points. */
  z.strictObject({ kind: z.literal('discount'), payBp: z.number().int().min(0).max(10000), ...benefitCommon }),
]);

export const tierSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  /** Any one of these is enough to be in the tier. */
  who: z.array(whoSchema).min(1),
  conditions: conditionsSchema.optional(),
  benefits: z.array(benefitSchema).min(1),
  /** Replaces the policy's limits key by key. */
  limits: limitsSchema.optional(),
  maxSubsidy: fenSchema.optional(),
  minPersonal: fenSchema.optional(),
});

export const statusSchema = z.strictObject({
  code: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
});

export const periodSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  /** Local time in the policy's zone; the period runs from start (inclusive) to end (exclusive). */
  start: localTimeSchema,
  end: localTimeSchema,
  standardPrice: fenSchema,
});

export const fundingSourceSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  /**
   * This budget pays only for elders whose 户籍 is in the canteen's own area at this level; for anyone
   * else its part is lost and the elder pays it (Guangzhou's town part for an elder from another town).
   */
  paysOnlyForHukouWithin: areaLevelSchema.optional(),
});

const policyObjectSchema = z.strictObject({
  format: z.literal(POLICY_FORMAT),
  id: idSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1).optional(),
  version: z.number().int().min(1),
  /** The first service date this version prices (local date in `timeZone`). */
  effectiveFrom: localDateSchema,
  /** The last service date it prices, inclusive; open-ended when absent. */
  effectiveTo: localDateSchema.optional(),
  timeZone: timeZoneSchema,
  region: z.strictObject({ code: regionCodeSchema, name: z.string().min(1) }),
  statuses: z.array(statusSchema),
  periods: z.array(periodSchema).min(1),
  calendar: z
    .strictObject({
      /** Public holidays that fall on weekdays or weekends (no meal subsidy where workdaysOnly). */
      holidays: z.array(localDateSchema).default([]),
      /** Make-up workdays (调休上班) that fall on a Saturday or Sunday. */
      workdays: z.array(localDateSchema).default([]),
    })
    .default({ holidays: [], workdays: [] }),
  funding: z.array(fundingSourceSchema).min(1),
  conditions: conditionsSchema.default({}),
  limits: limitsSchema.default({}),
  maxSubsidy: fenSchema.optional(),
  minPersonal: fenSchema.optional(),
  tiers: z.array(tierSchema).min(1),
  /** Paid to the canteen operator, not the elder (Beijing 3 yuan per elder a day; Shenzhen 2 a meal). */
  operatorSubsidy: z
    .strictObject({
      perMeal: fenSchema.optional(),
      perElderPerDay: fenSchema.optional(),
      source: idSchema,
    })
    .optional(),
  notes: z.string().optional(),
});

export const policySchema = policyObjectSchema.superRefine(crossCheck);

export type Policy = z.infer<typeof policyObjectSchema>;
export type PolicyInput = z.input<typeof policyObjectSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type Benefit = z.infer<typeof benefitSchema>;
export type Conditions = z.infer<typeof conditionsSchema>;
export type Who = z.infer<typeof whoSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type FundingPart = z.infer<typeof fundingPartSchema>;
export type FundingSource = z.infer<typeof fundingSourceSchema>;
export type MealPeriod = z.infer<typeof periodSchema>;
export type AmountByPeriod = z.infer<typeof amountByPeriodSchema>;

/** Checks that need the whole document: every id referred to exists, shares add up, periods don't overlap. */
function crossCheck(p: Policy, ctx: z.RefinementCtx): void {
  // Messages are i18n keys (shared/i18n/catalog-policy.ts); parseWith renders them with their params.
  const problem = (path: (string | number)[], key: string, params?: Record<string, string | number>): void => {
    ctx.addIssue(params === undefined ? { code: 'custom', path, message: key } : { code: 'custom', path, message: key, params });
  };
  const periodIds = new Set(p.periods.map((x) => x.id));
  const statusCodes = new Set(p.statuses.map((x) => x.code));
  const sourceIds = new Set(p.funding.map((x) => x.id));

  duplicates(p.periods.map((x) => x.id)).forEach((i) =>
    problem(['periods', i, 'id'], 'policy.duplicate.period'),
  );
  duplicates(p.statuses.map((x) => x.code)).forEach((i) =>
    problem(['statuses', i, 'code'], 'policy.duplicate.status'),
  );
  duplicates(p.funding.map((x) => x.id)).forEach((i) =>
    problem(['funding', i, 'id'], 'policy.duplicate.funding'),
  );
  duplicates(p.tiers.map((x) => x.id)).forEach((i) => problem(['tiers', i, 'id'], 'policy.duplicate.tier'));

  if (p.effectiveTo !== undefined && p.effectiveTo < p.effectiveFrom) {
    problem(['effectiveTo'], 'policy.effectiveTo.beforeFrom');
  }

  p.periods.forEach((period, i) => {
    if (period.end <= period.start) problem(['periods', i, 'end'], 'policy.period.endBeforeStart');
    p.periods.forEach((other, j) => {
      if (j > i && period.start < other.end && other.start < period.end) {
        problem(['periods', j], 'policy.period.overlap', { id: period.id });
      }
    });
  });

  const holidays = new Set(p.calendar.holidays);
  p.calendar.workdays.forEach((d, i) => {
    if (holidays.has(d)) problem(['calendar', 'workdays', i], 'policy.calendar.both');
  });

  const checkConditions = (c: Conditions | undefined, path: (string | number)[]): void => {
    c?.periods?.forEach((id, i) => {
      if (!periodIds.has(id)) problem([...path, 'periods', i], 'policy.unknownPeriod', { id });
    });
  };
  const checkAmount = (a: AmountByPeriod, path: (string | number)[]): void => {
    if (typeof a === 'number') return;
    for (const key of Object.keys(a)) {
      if (!periodIds.has(key)) problem([...path, key], 'policy.unknownPeriod', { id: key });
    }
  };
  checkConditions(p.conditions, ['conditions']);

  p.tiers.forEach((tier, ti) => {
    const tp = ['tiers', ti];
    checkConditions(tier.conditions, [...tp, 'conditions']);
    tier.who.forEach((w, wi) => {
      for (const key of ['statusesAny', 'statusesAll'] as const) {
        w[key]?.forEach((code, ci) => {
          if (!statusCodes.has(code)) {
            problem([...tp, 'who', wi, key, ci], 'policy.unknownStatus', { code });
          }
        });
      }
      if (w.minAge !== undefined && w.maxAge !== undefined && w.maxAge < w.minAge) {
        problem([...tp, 'who', wi, 'maxAge'], 'policy.who.maxBelowMin');
      }
    });
    tier.benefits.forEach((b, bi) => {
      const bp = [...tp, 'benefits', bi];
      checkConditions(b.when, [...bp, 'when']);
      if (b.kind !== 'discount') checkAmount(b.amount, [...bp, 'amount']);
      checkFunding(b.funding, [...bp, 'funding']);
    });
  });

  if (p.operatorSubsidy !== undefined && !sourceIds.has(p.operatorSubsidy.source)) {
    problem(['operatorSubsidy', 'source'], 'policy.unknownSource', { id: p.operatorSubsidy.source });
  }

  function checkFunding(parts: FundingPart[], path: (string | number)[]): void {
    parts.forEach((part, i) => {
      if (!sourceIds.has(part.source)) {
        problem([...path, i, 'source'], 'policy.unknownSource', { id: part.source });
      }
      if ('amount' in part) checkAmount(part.amount, [...path, i, 'amount']);
    });
    const shares = parts.filter((x) => 'shareBp' in x);
    if (shares.length > 0) {
      if (shares.length !== parts.length) {
        problem(path, 'policy.shares.mixed');
      }
      const sum = shares.reduce((s, x) => s + x.shareBp, 0);
      if (sum !== 10000) problem(path, 'policy.shares.sum', { sum });
      return;
    }
    const restAt = parts.findIndex((x) => 'rest' in x);
    if (restAt !== -1 && restAt !== parts.length - 1) {
      problem([...path, restAt], 'policy.rest.notLast');
    }
  }
}

function duplicates(ids: string[]): number[] {
  const seen = new Set<string>();
  const at: number[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) at.push(i);
    seen.add(id);
  });
  return at;
}

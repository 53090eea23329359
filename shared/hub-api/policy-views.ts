/**
 * The district's policy form at the hub: checking a draft version (each problem by field path, in
 * both languages, for the form to show beside its field), the rule for the next version, and the
 * request and report of a simulation on a past month's real meals. Pure: the web app can run the
 * same checks as the hub before it sends anything.
 */
import { z } from 'zod';
import { toLocal } from '../dates.js';
import type { LocalDate } from '../dates.js';
import { render } from '../i18n/catalogs.js';
import { message } from '../i18n/text.js';
import type { Message } from '../i18n/text.js';
import { parseWith } from '../parse.js';
import { policySchema } from '../policy/schema.js';
import type { Policy } from '../policy/schema.js';
import { AGE_BANDS } from '../pricing/types.js';
import { err } from '../result.js';
import type { Result } from '../result.js';

/** One problem with a draft, where the form shows it. */
export const fieldProblemSchema = z.strictObject({
  /** e.g. `tiers[2].benefits[0].amount`; '(root)' for the document as a whole. */
  path: z.string(),
  /** The message's catalog key, e.g. 'policy.unknownStatus': what the problem is, for code and tests. */
  key: z.string(),
  'zh-CN': z.string(),
  en: z.string(),
});
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

export const draftProblemsSchema = z.strictObject({
  summary: z.strictObject({ 'zh-CN': z.string(), en: z.string() }),
  problems: z.array(fieldProblemSchema),
});
export type DraftProblems = z.infer<typeof draftProblemsSchema>;

function both(text: Message): { 'zh-CN': string; en: string } {
  return { 'zh-CN': render(text, 'zh-CN'), en: render(text, 'en') };
}

export function fieldProblem(path: string, text: Message): FieldProblem {
  return { path, key: text.key, ...both(text) };
}

export function draftProblems(problems: readonly FieldProblem[]): DraftProblems {
  return { summary: both(message('hub.sim.draftProblems', { count: problems.length })), problems: [...problems] };
}

/**
 * A draft as the form sent it → the policy, or every problem by path: the policy schema's own
 * messages (shared/policy/schema.ts, catalog-policy.ts) and zod's shape problems worded by
 * shared/parse.ts.
 */
export function validatePolicyDraft(input: unknown): Result<Policy, DraftProblems> {
  const parsed = parseWith(policySchema, input, 'hub.sim.draftWhat');
  if (parsed.ok) return parsed;
  return err(draftProblems(parsed.error.issues.map((i) => fieldProblem(i.path, i.text))));
}

/** A version of the same policy id as the district published it. */
export interface PublishedVersion {
  readonly version: number;
  readonly effectiveFrom: LocalDate;
}

/** The policy's local date at an instant: "today" where its canteens are. */
export function todayIn(policy: Pick<Policy, 'timeZone'>, now: string): LocalDate {
  return toLocal(Date.parse(now), policy.timeZone).date;
}

/**
 * The next-version rule. A new version of a policy id is the latest + 1 (no gaps, no second
 * version 3), and it starts after today and after the latest version's own start: a version that
 * started in the past would re-price meals already counted and months already settled, and one
 * that started before the version it follows would silently cut that version short.
 * `published`: the district's versions of this policy id (any order). `today`: todayIn(draft, now).
 */
export function nextVersionProblems(draft: Policy, published: readonly PublishedVersion[], today: LocalDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const latest = published.reduce<PublishedVersion | null>((a, p) => (a === null || p.version > a.version ? p : a), null);
  const expected = (latest?.version ?? 0) + 1;
  if (draft.version !== expected) {
    const key = published.some((p) => p.version === draft.version) ? 'hub.sim.version.taken' : 'hub.sim.version.next';
    problems.push(fieldProblem('version', message(key, { version: draft.version, expected })));
  }
  if (draft.effectiveFrom <= today) {
    problems.push(fieldProblem('effectiveFrom', message('hub.sim.effective.notFuture', { date: draft.effectiveFrom, today })));
  }
  if (latest !== null && draft.effectiveFrom <= latest.effectiveFrom) {
    problems.push(fieldProblem('effectiveFrom', message('hub.sim.effective.beforeCurrent', { date: draft.effectiveFrom, version: latest.version, from: latest.effectiveFrom })));
  }
  return problems;
}

// ---- simulation ----

/** A calendar month, 'YYYY-MM'. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'hub.sim.monthShape' });

/** POST body of a simulation: the draft as the form holds it, and the month (last month when absent). */
export const simulationRequestSchema = z.strictObject({
  draft: z.unknown(),
  month: monthSchema.optional(),
});
export type SimulationRequest = z.infer<typeof simulationRequestSchema>;

const fen = z.int().min(0);
const signedFen = z.int();

/** An amount now (the versions in force priced it) and under the draft. */
export const changeSchema = z.strictObject({ current: fen, draft: fen, difference: signedFen });
export type Change = z.infer<typeof changeSchema>;

export const budgetChangeSchema = changeSchema.extend({
  /** Funding source id, as the policies name it. */
  source: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type BudgetChange = z.infer<typeof budgetChangeSchema>;

export const canteenChangeSchema = changeSchema.extend({
  canteenId: z.int(),
  name: z.string(),
  meals: z.int().min(0),
});
export type CanteenChange = z.infer<typeof canteenChangeSchema>;

/** One elder's month; no name — the hub's meals carry only the roster's elder id. */
export const elderChangeSchema = changeSchema.extend({
  elderId: z.string(),
  ageBand: z.enum(AGE_BANDS),
  /** Status codes valid at the elder's last meal of the month. */
  statuses: z.array(z.string()),
  /** Where the elder last ate that month. */
  canteenId: z.int(),
  canteenName: z.string(),
  meals: z.int().min(0),
});
export type ElderChange = z.infer<typeof elderChangeSchema>;

/** How many of the largest changes each way the report lists. */
export const BIGGEST_CHANGES = 20;

export const simulationReportSchema = z.strictObject({
  districtId: z.int(),
  policyId: z.string(),
  draftVersion: z.int(),
  month: monthSchema,
  /** The month's first and last service dates. */
  from: z.string(),
  to: z.string(),
  /** Check-ins of the month re-priced (not voided, of this policy or of none). */
  meals: z.int().min(0),
  /** Check-ins of the month priced by another policy of the district: left out. */
  otherPolicyMeals: z.int().min(0),
  totals: z.strictObject({
    subsidy: changeSchema,
    operatorSubsidy: changeSchema,
    /** What the hub recorded as owed for these meals at ingest (for reference beside `current`). */
    recordedSubsidy: fen,
  }),
  /** Meal subsidy per funding source (budget), in the draft's order, then any the draft no longer has. */
  budgets: z.array(budgetChangeSchema),
  mealChanges: z.strictObject({
    /** Subsidised now, not under the draft. */
    lostSubsidy: z.int().min(0),
    /** Not subsidised now, subsidised under the draft. */
    gainedSubsidy: z.int().min(0),
    /** Subsidised both ways, by another amount. */
    amountChanged: z.int().min(0),
  }),
  elders: z.strictObject({
    betterOff: z.int().min(0),
    worseOff: z.int().min(0),
    unchanged: z.int().min(0),
    /** The largest gains, biggest first (at most BIGGEST_CHANGES). */
    biggestGains: z.array(elderChangeSchema),
    /** The largest losses, biggest first (at most BIGGEST_CHANGES). */
    biggestLosses: z.array(elderChangeSchema),
  }),
  canteens: z.array(canteenChangeSchema),
});
export type SimulationReport = z.infer<typeof simulationReportSchema>;

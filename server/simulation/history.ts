/**
 * One kiosk's earlier meals of each elder, as one side of a simulation (the versions in force, or
 * the draft) priced them: what that side's limits count. Kept only as far back as the side's limits
 * can look — the same rule the ingest reads history by (server/policies/in-force.ts, limitScope):
 * with no weekly or monthly limit in any of its versions, only the meal's own date matters (per
 * period, per day, the operator's per-elder-per-day subsidy), so the history is keyed by elder and
 * date; with a weekly limit, by elder and ISO week; with a monthly one, the elder's whole run. Each
 * meal is then priced against a handful of meals instead of the elder's month so far — the
 * difference between a list scanned per meal and a few entries.
 */
import { weekStart } from '../../shared/dates.js';
import type { Policy } from '../../shared/policy/schema.js';
import type { EatenMeal } from '../../shared/pricing/types.js';

export type HistoryScope = 'day' | 'week' | 'month';

/** The furthest any limit of `versions` (their own and their tiers') looks back. */
export function historyScope(versions: readonly Policy[]): HistoryScope {
  const limits = versions.flatMap((p) => [p.limits, ...p.tiers.map((t) => t.limits ?? {})]);
  if (limits.some((l) => l.perMonth !== undefined)) return 'month';
  if (limits.some((l) => l.perWeek !== undefined)) return 'week';
  return 'day';
}

export class ElderHistories {
  readonly #meals = new Map<string, EatenMeal[]>();
  readonly #scope: HistoryScope;

  constructor(scope: HistoryScope) {
    this.#scope = scope;
  }

  /** The elder's earlier meals that a meal on `serviceDate` can count against; push the meal to it once priced. */
  of(elderId: string, serviceDate: string): EatenMeal[] {
    const key = this.#scope === 'month' ? elderId : `${elderId}\u0000${this.#scope === 'week' ? weekStart(serviceDate) : serviceDate}`;
    let meals = this.#meals.get(key);
    if (meals === undefined) {
      meals = [];
      this.#meals.set(key, meals);
    }
    return meals;
  }
}

/**
 * The running sums of a simulation: one meal at a time in, the report out. Holds aggregates only —
 * per budget, per canteen and per elder — never the meals, so a city month of millions of meals
 * costs memory in proportion to its elders (a few hundred thousand small records), not its rows.
 */
import { BIGGEST_CHANGES } from '../../shared/hub-api/policy-views.js';
import type { BudgetChange, CanteenChange, Change, ElderChange, SimulationReport } from '../../shared/hub-api/policy-views.js';
import type { Policy } from '../../shared/policy/schema.js';
import type { AgeBand, PriceResult } from '../../shared/pricing/types.js';

interface Pair {
  current: number;
  draft: number;
}

interface ElderSums extends Pair {
  meals: number;
  ageBand: AgeBand;
  statuses: readonly string[];
  canteenId: number;
  lastDate: string;
}

interface CanteenSums extends Pair {
  meals: number;
}

export interface TalliedMeal {
  readonly canteenId: number;
  readonly elderId: string;
  readonly serviceDate: string;
  /** Null when the meal's row had no age (the elder is then left out of the per-elder figures). */
  readonly ageBand: AgeBand | null;
  readonly statuses: readonly string[];
  /** What the hub recorded as owed at ingest. */
  readonly recordedSubsidy: number;
  readonly current: PriceResult;
  readonly draft: PriceResult;
}

function change(p: Pair): Change {
  return { current: p.current, draft: p.draft, difference: p.draft - p.current };
}

function add(map: Map<string, Pair>, source: string, key: 'current' | 'draft', amount: number): void {
  const sums = map.get(source) ?? { current: 0, draft: 0 };
  sums[key] += amount;
  map.set(source, sums);
}

export class SimulationTally {
  meals = 0;
  otherPolicyMeals = 0;
  readonly #subsidy: Pair = { current: 0, draft: 0 };
  readonly #operator: Pair = { current: 0, draft: 0 };
  #recorded = 0;
  readonly #budgets = new Map<string, Pair>();
  readonly #canteens = new Map<number, CanteenSums>();
  readonly #elders = new Map<string, ElderSums>();
  readonly #mealChanges = { lostSubsidy: 0, gainedSubsidy: 0, amountChanged: 0 };

  add(meal: TalliedMeal): void {
    const { current, draft } = meal;
    this.meals += 1;
    this.#subsidy.current += current.subsidy;
    this.#subsidy.draft += draft.subsidy;
    this.#operator.current += current.operatorSubsidy;
    this.#operator.draft += draft.operatorSubsidy;
    this.#recorded += meal.recordedSubsidy;
    for (const f of current.funding) add(this.#budgets, f.source, 'current', f.amount);
    for (const f of draft.funding) add(this.#budgets, f.source, 'draft', f.amount);

    if (current.subsidised && !draft.subsidised) this.#mealChanges.lostSubsidy += 1;
    else if (!current.subsidised && draft.subsidised) this.#mealChanges.gainedSubsidy += 1;
    else if (current.subsidy !== draft.subsidy) this.#mealChanges.amountChanged += 1;

    const canteen = this.#canteens.get(meal.canteenId) ?? { current: 0, draft: 0, meals: 0 };
    canteen.meals += 1;
    canteen.current += current.subsidy;
    canteen.draft += draft.subsidy;
    this.#canteens.set(meal.canteenId, canteen);

    if (meal.ageBand === null) return;
    const elder = this.#elders.get(meal.elderId);
    if (elder === undefined) {
      this.#elders.set(meal.elderId, { current: current.subsidy, draft: draft.subsidy, meals: 1, ageBand: meal.ageBand, statuses: meal.statuses, canteenId: meal.canteenId, lastDate: meal.serviceDate });
      return;
    }
    // Meals arrive device by device, not in time order: the facts kept are those of the latest
    // service date seen (ties: the later one read), "where the elder last ate that month".
    elder.current += current.subsidy;
    elder.draft += draft.subsidy;
    elder.meals += 1;
    if (meal.serviceDate < elder.lastDate) return;
    elder.lastDate = meal.serviceDate;
    elder.ageBand = meal.ageBand;
    elder.statuses = meal.statuses;
    elder.canteenId = meal.canteenId;
  }

  report(head: Pick<SimulationReport, 'districtId' | 'policyId' | 'draftVersion' | 'month' | 'from' | 'to'>, names: ReportNames): SimulationReport {
    let betterOff = 0;
    let worseOff = 0;
    let unchanged = 0;
    const gains: ElderChange[] = [];
    const losses: ElderChange[] = [];
    for (const [elderId, e] of this.#elders) {
      const difference = e.draft - e.current;
      if (difference === 0) {
        unchanged += 1;
        continue;
      }
      const view: ElderChange = {
        elderId,
        ageBand: e.ageBand,
        statuses: [...e.statuses],
        canteenId: e.canteenId,
        canteenName: names.canteen(e.canteenId),
        meals: e.meals,
        current: e.current,
        draft: e.draft,
        difference,
      };
      if (difference > 0) {
        betterOff += 1;
        gains.push(view);
      } else {
        worseOff += 1;
        losses.push(view);
      }
    }
    const bySize = (a: ElderChange, b: ElderChange): number => Math.abs(b.difference) - Math.abs(a.difference) || (a.elderId < b.elderId ? -1 : a.elderId > b.elderId ? 1 : 0);
    const canteens: CanteenChange[] = [...this.#canteens]
      .map(([canteenId, c]) => ({ canteenId, name: names.canteen(canteenId), meals: c.meals, ...change(c) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.canteenId - b.canteenId));
    return {
      ...head,
      meals: this.meals,
      otherPolicyMeals: this.otherPolicyMeals,
      totals: { subsidy: change(this.#subsidy), operatorSubsidy: change(this.#operator), recordedSubsidy: this.#recorded },
      budgets: this.#budgetChanges(names),
      mealChanges: { ...this.#mealChanges },
      elders: {
        betterOff,
        worseOff,
        unchanged,
        biggestGains: gains.sort(bySize).slice(0, BIGGEST_CHANGES),
        biggestLosses: losses.sort(bySize).slice(0, BIGGEST_CHANGES),
      },
      canteens,
    };
  }

  /** Every budget either side pays from: the draft's in its order, then those only the versions in force had. */
  #budgetChanges(names: ReportNames): BudgetChange[] {
    const order = names.budgetOrder.filter((s) => this.#budgets.has(s));
    for (const source of this.#budgets.keys()) if (!order.includes(source)) order.push(source);
    return order.map((source) => {
      const sums = this.#budgets.get(source) ?? { current: 0, draft: 0 };
      const named = names.budget(source);
      return { source, name: named.name, nameEn: named.nameEn, ...change(sums) };
    });
  }
}

/** Names the report shows: canteens by id, budgets by source id. */
export interface ReportNames {
  canteen(id: number): string;
  budget(source: string): { name: string; nameEn: string | null };
  /** Funding source ids in the order the report lists them. */
  readonly budgetOrder: readonly string[];
}

/** Budget names from the draft first (its wording is the one being decided), then the versions in force. */
export function budgetNames(draft: Policy, versions: readonly Policy[]): Pick<ReportNames, 'budget' | 'budgetOrder'> {
  const names = new Map<string, { name: string; nameEn: string | null }>();
  for (const p of [draft, ...[...versions].sort((a, b) => b.version - a.version)]) {
    for (const f of p.funding) if (!names.has(f.id)) names.set(f.id, { name: f.name, nameEn: f.nameEn ?? null });
  }
  return {
    budget: (source) => names.get(source) ?? { name: source, nameEn: null },
    budgetOrder: [...names.keys()],
  };
}

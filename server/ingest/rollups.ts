/**
 * The daily roll-ups (daily_counts, daily_funding) as a batch changes them: summed in memory over
 * the batch (a meal adds, a void subtracts), then one upsert per table that adds each cell's delta —
 * `meals = daily_counts.meals + EXCLUDED.meals`, so concurrent batches of one canteen's devices add up
 * instead of overwriting each other. Rows are sent in key order so two such batches take their row
 * locks in the same order.
 */
import { jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import type { FundingShare } from '../../shared/pricing/types.js';
import { insertRows } from './sql-rows.js';

/** What a meal contributes to its daily_counts cell. */
export interface CountedMeal {
  readonly serviceDate: string;
  readonly periodId: string;
  /** 'none' for a sale to anyone (no elder). */
  readonly ageBand: string;
  readonly claimable: boolean;
  readonly quantity: number;
  readonly standard: number;
  readonly personal: number;
  readonly claimedSubsidy: number;
  readonly subsidy: number;
  readonly operatorSubsidy: number;
  readonly funding: readonly FundingShare[];
}

interface CountDelta {
  serviceDate: string;
  periodId: string;
  ageBand: string;
  claimable: boolean;
  meals: number;
  standard: number;
  personal: number;
  claimedSubsidy: number;
  subsidy: number;
  operatorSubsidy: number;
}

export class RollupDeltas {
  readonly #counts = new Map<string, CountDelta>();
  readonly #funding = new Map<string, { serviceDate: string; source: string; amount: number }>();

  add(meal: CountedMeal): void {
    this.#apply(meal, 1);
  }

  subtract(meal: CountedMeal): void {
    this.#apply(meal, -1);
  }

  #apply(m: CountedMeal, sign: 1 | -1): void {
    const key = [m.serviceDate, m.periodId, m.ageBand, m.claimable ? '1' : '0'].join('\u0000');
    const cell = this.#counts.get(key) ?? {
      serviceDate: m.serviceDate,
      periodId: m.periodId,
      ageBand: m.ageBand,
      claimable: m.claimable,
      meals: 0,
      standard: 0,
      personal: 0,
      claimedSubsidy: 0,
      subsidy: 0,
      operatorSubsidy: 0,
    };
    cell.meals += sign * m.quantity;
    cell.standard += sign * m.standard;
    cell.personal += sign * m.personal;
    cell.claimedSubsidy += sign * m.claimedSubsidy;
    cell.subsidy += sign * m.subsidy;
    cell.operatorSubsidy += sign * m.operatorSubsidy;
    this.#counts.set(key, cell);
    for (const f of m.funding) {
      const fkey = `${m.serviceDate}\u0000${f.source}`;
      const part = this.#funding.get(fkey) ?? { serviceDate: m.serviceDate, source: f.source, amount: 0 };
      part.amount += sign * f.amount;
      this.#funding.set(fkey, part);
    }
  }

  /** Adds the deltas to the stored roll-ups: two statements at most, cells that net to nothing left out. */
  async write(db: HubQueries, where: { readonly canteenId: number; readonly districtId: number }): Promise<void> {
    const changed = [...this.#counts.entries()]
      .filter(([, c]) => c.meals !== 0 || c.standard !== 0 || c.personal !== 0 || c.claimedSubsidy !== 0 || c.subsidy !== 0 || c.operatorSubsidy !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => c);
    // PostgreSQL checks `meals >= 0` on the row an upsert proposes before it finds the conflict, so a
    // cell the batch takes meals out of (a void of a meal counted earlier — its cell exists) is an
    // UPDATE of its own; everything else adds through the upsert.
    const shrinking = changed.filter((c) => c.meals < 0);
    const cells = changed.filter((c) => c.meals >= 0);
    if (shrinking.length > 0) {
      await db.execute(
        `UPDATE daily_counts d SET meals = d.meals + x.meals, standard = d.standard + x.standard, personal = d.personal + x.personal,
           claimed_subsidy = d.claimed_subsidy + x.claimed_subsidy, subsidy = d.subsidy + x.subsidy, operator_subsidy = d.operator_subsidy + x.operator_subsidy
         FROM jsonb_to_recordset($2::jsonb) AS x(service_date date, period_id text, age_band text, claimable boolean, meals bigint, standard bigint,
           personal bigint, claimed_subsidy bigint, subsidy bigint, operator_subsidy bigint)
         WHERE d.canteen_id = $1 AND d.service_date = x.service_date AND d.period_id = x.period_id AND d.age_band = x.age_band AND d.claimable = x.claimable`,
        [
          where.canteenId,
          jsonParam(
            shrinking.map((c) => ({
              service_date: c.serviceDate,
              period_id: c.periodId,
              age_band: c.ageBand,
              claimable: c.claimable,
              meals: c.meals,
              standard: c.standard,
              personal: c.personal,
              claimed_subsidy: c.claimedSubsidy,
              subsidy: c.subsidy,
              operator_subsidy: c.operatorSubsidy,
            })),
          ),
        ],
      );
    }
    await insertRows(
      db,
      'daily_counts',
      ['canteen_id', 'service_date', 'period_id', 'age_band', 'claimable', 'district_id', 'meals', 'standard', 'personal', 'claimed_subsidy', 'subsidy', 'operator_subsidy'],
      cells.map((c) => [where.canteenId, c.serviceDate, c.periodId, c.ageBand, c.claimable, where.districtId, c.meals, c.standard, c.personal, c.claimedSubsidy, c.subsidy, c.operatorSubsidy]),
      {
        suffix: `ON CONFLICT (canteen_id, service_date, period_id, age_band, claimable) DO UPDATE SET
          meals = daily_counts.meals + EXCLUDED.meals,
          standard = daily_counts.standard + EXCLUDED.standard,
          personal = daily_counts.personal + EXCLUDED.personal,
          claimed_subsidy = daily_counts.claimed_subsidy + EXCLUDED.claimed_subsidy,
          subsidy = daily_counts.subsidy + EXCLUDED.subsidy,
          operator_subsidy = daily_counts.operator_subsidy + EXCLUDED.operator_subsidy`,
      },
    );
    const parts = [...this.#funding.entries()]
      .filter(([, f]) => f.amount !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, f]) => f);
    await insertRows(
      db,
      'daily_funding',
      ['canteen_id', 'service_date', 'source', 'district_id', 'amount'],
      parts.map((f) => [where.canteenId, f.serviceDate, f.source, where.districtId, f.amount]),
      { suffix: 'ON CONFLICT (canteen_id, service_date, source) DO UPDATE SET amount = daily_funding.amount + EXCLUDED.amount' },
    );
  }
}

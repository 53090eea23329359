/**
 * A month's settlement figures per canteen × funding source, computed from the daily roll-ups
 * (daily_counts, daily_funding) — two grouped scans of a few hundred thousand rows for a city
 * month, never the millions of meals. Every canteen of the district is listed, also one that served
 * nothing: a missing canteen on a payment sheet would look like a forgotten payment.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dbCount, dbInt } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import { canonicalJson } from '../../shared/ledger/canonical.js';
import type { SettlementFigures, SettlementTotals } from '../../shared/hub-api/counting-views.js';
import type { DateRange } from './range.js';

const canteenRow = z.object({
  canteen_id: dbInt,
  canteen_name: z.string(),
  meals: dbCount,
  claimable_meals: dbCount,
  claimed_subsidy: dbInt,
  subsidy: dbInt,
  operator_subsidy: dbInt,
});
const fundingRow = z.object({ canteen_id: dbInt, source: z.string(), amount: dbInt });

function totalsOf(t: { meals: number; claimableMeals: number; claimedSubsidy: number; subsidy: number; operatorSubsidy: number }): SettlementTotals {
  return { ...t, difference: t.claimedSubsidy - t.subsidy, payable: t.subsidy + t.operatorSubsidy };
}

export async function settlementFigures(db: HubQueries, districtId: number, range: DateRange): Promise<SettlementFigures> {
  // Aggregate first, then join the canteens: the join touches 2 000 rows, not the roll-up's rows.
  const canteens = await db.query(
    `SELECT c.id AS canteen_id, c.name AS canteen_name,
            COALESCE(s.meals, 0) AS meals, COALESCE(s.claimable_meals, 0) AS claimable_meals,
            COALESCE(s.claimed_subsidy, 0) AS claimed_subsidy, COALESCE(s.subsidy, 0) AS subsidy,
            COALESCE(s.operator_subsidy, 0) AS operator_subsidy
       FROM canteens c
       LEFT JOIN (
         SELECT canteen_id, sum(meals) AS meals, COALESCE(sum(meals) FILTER (WHERE claimable), 0) AS claimable_meals,
                sum(claimed_subsidy) AS claimed_subsidy, sum(subsidy) AS subsidy, sum(operator_subsidy) AS operator_subsidy
           FROM daily_counts
          WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
          GROUP BY canteen_id
       ) s ON s.canteen_id = c.id
      WHERE c.district_id = $1
      ORDER BY c.name, c.id`,
    [districtId, range.from, range.to],
    canteenRow,
  );
  const funding = await db.query(
    `SELECT canteen_id, source, sum(amount) AS amount
       FROM daily_funding
      WHERE district_id = $1 AND service_date BETWEEN $2::date AND $3::date
      GROUP BY canteen_id, source
      HAVING sum(amount) <> 0`,
    [districtId, range.from, range.to],
    fundingRow,
  );

  // Sources in code-unit order, here and in the totals: the same on every engine and collation.
  funding.sort((a, b) => a.canteen_id - b.canteen_id || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const byCanteen = new Map<number, { source: string; amount: number }[]>();
  const bySource = new Map<string, number>();
  for (const f of funding) {
    const list = byCanteen.get(f.canteen_id) ?? [];
    list.push({ source: f.source, amount: f.amount });
    byCanteen.set(f.canteen_id, list);
    bySource.set(f.source, (bySource.get(f.source) ?? 0) + f.amount);
  }
  const sum = { meals: 0, claimableMeals: 0, claimedSubsidy: 0, subsidy: 0, operatorSubsidy: 0 };
  const rows = canteens.map((c) => {
    sum.meals += c.meals;
    sum.claimableMeals += c.claimable_meals;
    sum.claimedSubsidy += c.claimed_subsidy;
    sum.subsidy += c.subsidy;
    sum.operatorSubsidy += c.operator_subsidy;
    return {
      canteenId: c.canteen_id,
      canteenName: c.canteen_name,
      ...totalsOf({
        meals: c.meals,
        claimableMeals: c.claimable_meals,
        claimedSubsidy: c.claimed_subsidy,
        subsidy: c.subsidy,
        operatorSubsidy: c.operator_subsidy,
      }),
      bySource: byCanteen.get(c.canteen_id) ?? [],
    };
  });
  return {
    canteens: rows,
    bySource: [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source, amount]) => ({ source, amount })),
    total: totalsOf(sum),
  };
}

/**
 * SHA-256 hex of the figures' canonical JSON: equal amounts, equal fingerprint. Canteen names are
 * left out, so renaming a canteen does not mark an approved month as changed (ids identify them),
 * and so are canteens with nothing in the month, so a canteen created later does not either.
 */
export function figuresFingerprint(figures: SettlementFigures): string {
  const served = figures.canteens.filter((c) => c.meals !== 0 || c.claimedSubsidy !== 0 || c.subsidy !== 0 || c.operatorSubsidy !== 0 || c.bySource.length > 0);
  const amounts = { ...figures, canteens: served.map(({ canteenName: _name, ...rest }) => rest) };
  return createHash('sha256').update(canonicalJson(amounts)).digest('hex');
}

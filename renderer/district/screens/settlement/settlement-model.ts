/**
 * The settlement sheet's columns: the funding sources (budgets) that pay any canteen this month, in
 * the order of the district's total, so the per-canteen columns and the totals row line up.
 */
import type { SettlementCanteen, SettlementFigures } from '../../../../shared/hub-api/counting-views.js';

export function sourcesOf(figures: SettlementFigures): string[] {
  const order = figures.bySource.map((s) => s.source);
  for (const c of figures.canteens) for (const s of c.bySource) if (!order.includes(s.source)) order.push(s.source);
  return order;
}

export function amountFor(canteen: Pick<SettlementCanteen, 'bySource'>, source: string): number {
  return canteen.bySource.find((s) => s.source === source)?.amount ?? 0;
}

/** A month can be approved once it has ended (the hub refuses earlier; the button says why first). */
export function monthEnded(month: string, today: string): boolean {
  return today.slice(0, 7) > month;
}

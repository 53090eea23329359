/**
 * A day's totals from its ledger records — one definition, so the kiosk's day close and the hub's
 * recount can never disagree on how they add up. Voided records and the voids themselves count only
 * in `voids`.
 */
import type { LedgerContent } from './envelope.js';
import { checkinBodySchema, saleBodySchema } from './bodies.js';
import type { CheckinBody, DayTotals, MealCount, SaleBody } from './bodies.js';
import { PAYMENT_METHODS } from '../payment.js';
import type { PaymentMethod } from '../payment.js';
import { AGE_BANDS } from '../pricing/types.js';

/**
 * Bodies already parsed with checkinBodySchema / saleBodySchema, keyed by their record object: the
 * hub's ingest parsed every body of a batch before its closes are recounted, and parsing each again
 * (~200 a day) was a measurable share of the ingest's Node time. The result is the same — the same
 * schema over the same body gives the same value; a record not in the map is parsed here as before.
 */
export type ParsedBodies = ReadonlyMap<LedgerContent, { readonly kind: 'checkin'; readonly body: CheckinBody } | { readonly kind: 'sale'; readonly body: SaleBody }>;

export function dayTotals(serviceDate: string, records: Iterable<LedgerContent>, fundingOrder: readonly string[] = [], parsed?: ParsedBodies): DayTotals {
  const checkinBody = (r: LedgerContent): CheckinBody => {
    const known = parsed?.get(r);
    return known?.kind === 'checkin' ? known.body : checkinBodySchema.parse(r.body);
  };
  const saleBody = (r: LedgerContent): SaleBody => {
    const known = parsed?.get(r);
    return known?.kind === 'sale' ? known.body : saleBodySchema.parse(r.body);
  };
  const all = [...records].filter((r) => r.serviceDate === serviceDate);
  const voided = new Set(all.filter((r) => r.kind === 'void' && r.targetSeq !== null).map((r) => r.targetSeq));
  const meals = new Map<string, { -readonly [K in keyof MealCount]: MealCount[K] }>();
  const bySource = new Map<string, number>();
  const byPayment = new Map<PaymentMethod, number>();
  const elders = new Set<string>();
  const sales = { count: 0, amount: 0 };
  const totals = { meals: 0, standard: 0, subsidy: 0, personal: 0 };
  let operatorSubsidy = 0;
  let voids = 0;

  for (const r of all) {
    if (r.kind === 'void') voids += 1;
    if (voided.has(r.seq)) continue;
    if (r.kind === 'checkin') {
      const b = checkinBody(r);
      const subsidised = b.subsidy > 0;
      const key = [r.periodId ?? '', b.facts.ageBand, b.tierId ?? '', subsidised ? 1 : 0].join('|');
      const m = meals.get(key) ?? {
        periodId: r.periodId ?? '',
        ageBand: b.facts.ageBand,
        tierId: b.tierId,
        subsidised,
        count: 0,
        standard: 0,
        subsidy: 0,
        personal: 0,
      };
      m.count += 1;
      m.standard += b.standard;
      m.subsidy += b.subsidy;
      m.personal += b.personal;
      meals.set(key, m);
      for (const f of b.funding) bySource.set(f.source, (bySource.get(f.source) ?? 0) + f.amount);
      byPayment.set(b.payment, (byPayment.get(b.payment) ?? 0) + b.personal);
      operatorSubsidy += b.operatorSubsidy;
      if (subsidised && r.elderId !== null) elders.add(r.elderId);
      totals.meals += 1;
      totals.standard += b.standard;
      totals.subsidy += b.subsidy;
      totals.personal += b.personal;
    } else if (r.kind === 'sale') {
      const b = saleBody(r);
      sales.count += b.quantity;
      sales.amount += b.personal;
      byPayment.set(b.payment, (byPayment.get(b.payment) ?? 0) + b.personal);
      totals.meals += b.quantity;
      totals.standard += b.standard;
      totals.personal += b.personal;
    }
  }

  const order = (s: string): number => {
    const i = fundingOrder.indexOf(s);
    return i === -1 ? fundingOrder.length : i;
  };
  return {
    serviceDate,
    meals: [...meals.values()].sort(
      (a, b) =>
        a.periodId.localeCompare(b.periodId) ||
        AGE_BANDS.indexOf(a.ageBand) - AGE_BANDS.indexOf(b.ageBand) ||
        (a.tierId ?? '').localeCompare(b.tierId ?? '') ||
        Number(b.subsidised) - Number(a.subsidised),
    ),
    subsidyBySource: [...bySource.entries()]
      .filter(([, amount]) => amount > 0)
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([source, amount]) => ({ source, amount })),
    personalByPayment: PAYMENT_METHODS.filter((p) => byPayment.has(p)).map((payment) => ({ payment, amount: byPayment.get(payment) ?? 0 })),
    sales,
    operatorSubsidy,
    eldersServed: elders.size,
    voids,
    totals,
  };
}

/**
 * Check-in outcomes as the screen's views. The view carries the price broken down and the budgets by
 * name, never the elder's status or tier (the cashier's screen can be seen from the queue).
 */
import type { CheckinView, DisplayView, ElderBrief, PeriodView, PriceView } from '../../../../shared/kiosk-api/views.js';
import type { MealPeriod, Policy } from '../../../../shared/policy/schema.js';
import { assertNever } from '../../../../shared/assert.js';
import type { CheckinOutcome, ElderView } from '../../checkin/outcome.js';
import type { Kiosk } from '../../kiosk.js';

export function periodView(p: MealPeriod): PeriodView {
  return { id: p.id, name: p.name, nameEn: p.nameEn ?? null, start: p.start, end: p.end, standardPrice: p.standardPrice };
}

export function elderBrief(e: ElderView, active = true): ElderBrief {
  return { id: e.id, name: e.name, idMasked: e.idMasked, age: e.age, ageBand: e.ageBand, dietAlert: e.dietAlert, hasPhoto: e.hasPhoto, active };
}

function sourceName(policy: Policy, id: string): string {
  return policy.funding.find((f) => f.id === id)?.name ?? id;
}

export function priceView(
  policy: Policy,
  p: { standard: number; subsidy: number; personal: number; funding: readonly { source: string; amount: number }[] },
): PriceView {
  return {
    standard: p.standard,
    subsidy: p.subsidy,
    personal: p.personal,
    funding: p.funding.map((f) => ({ source: f.source, name: sourceName(policy, f.source), amount: f.amount })),
  };
}

export function checkinView(kiosk: Kiosk, o: CheckinOutcome): CheckinView {
  switch (o.kind) {
    case 'served': {
      const policy = kiosk.context.policies.inForce(o.serviceDate);
      const period = policy.periods.find((p) => p.id === o.periodId) ?? null;
      return {
        kind: 'served',
        seq: o.seq,
        at: o.at,
        serviceDate: o.serviceDate,
        period: periodView(period ?? policy.periods[0]!),
        elder: elderBrief(o.elder),
        // The recorded body is the truth for a repeated swipe (its first reckoning is not kept).
        price: priceView(policy, o.meal),
        payment: o.meal.payment,
        method: o.method,
        duplicate: o.duplicate,
        backfilled: o.meal.backfilled,
        fullPrice: o.meal.subsidy === 0 && o.meal.refusal !== null,
      };
    }
    case 'refused': {
      const policy = kiosk.context.policies.latest();
      return { kind: 'refused', elder: elderBrief(o.elder), price: priceView(policy, o.price), message: o.message };
    }
    case 'unidentified':
      return { kind: 'unidentified', reason: o.reason, message: o.message };
    case 'failed':
      return { kind: 'failed', reason: o.reason, message: o.message };
    default:
      return assertNever(o);
  }
}

/** What the elder sees: the amount to pay, or "please see the cashier" — never why. */
export function displayFor(v: CheckinView): DisplayView {
  switch (v.kind) {
    case 'served':
      return { kind: 'pay', personal: v.price.personal, payment: v.payment, duplicate: v.duplicate };
    case 'refused':
    case 'unidentified':
    case 'failed':
      return { kind: 'seeCashier' };
    default:
      return assertNever(v);
  }
}

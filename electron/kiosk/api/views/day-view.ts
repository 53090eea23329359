/** A day's report (open or closed) as the day-close screen shows it. */
import type { DayReportView } from '../../../../shared/kiosk-api/views.js';
import type { Policy } from '../../../../shared/policy/schema.js';
import type { DayReport } from '../../day-close.js';
import { priceView } from './checkin-view.js';

export function dayReportView(policy: Policy, r: DayReport, counts: { backfilled: number }): DayReportView {
  const t = r.totals;
  const count = (keep: (m: (typeof t.meals)[number]) => boolean): number => t.meals.filter(keep).reduce((n, m) => n + m.count, 0);
  const byPeriod = policy.periods.map((p) => ({
    periodId: p.id,
    name: p.name,
    checkins: count((m) => m.periodId === p.id),
    subsidised: count((m) => m.periodId === p.id && m.subsidised),
  }));
  return {
    serviceDate: r.serviceDate,
    closed: r.closed,
    closedAt: r.close?.at ?? null,
    checkins: count(() => true),
    subsidised: count((m) => m.subsidised),
    sales: t.sales.count,
    eldersServed: t.eldersServed,
    voids: t.voids,
    backfilled: counts.backfilled,
    standardTotal: t.totals.standard,
    subsidyTotal: t.totals.subsidy,
    personalTotal: t.totals.personal,
    cashExpected: r.cashExpected,
    byPayment: t.personalByPayment.map((p) => ({ payment: p.payment, amount: p.amount })),
    byPeriod,
    byFunding: priceView(policy, { standard: 0, subsidy: 0, personal: 0, funding: t.subsidyBySource }).funding,
  };
}

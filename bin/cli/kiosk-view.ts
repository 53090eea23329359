/** Check-in outcomes and day reports as the command line prints them. */
import { assertNever } from '../../shared/assert.js';
import { render, renderBoth } from '../../shared/i18n/catalogs.js';
import { formatYuan } from '../../shared/money.js';
import type { CheckinOutcome } from '../../electron/kiosk/checkin/outcome.js';
import type { DayReport } from '../../electron/kiosk/day-close.js';
import type { KioskFailure } from '../../electron/kiosk/guard.js';
import { done, refused } from './io.js';
import type { Outcome } from './io.js';
import { priceJson } from './price-view.js';

export function failureOutcome(f: KioskFailure): Outcome {
  return refused({ error: f.kind, message: renderBoth(f.message) }, [`未完成 / NOT done: ${renderBoth(f.message)}`]);
}

export function checkinOutcome(o: CheckinOutcome): Outcome {
  switch (o.kind) {
    case 'served': {
      const m = o.meal;
      return done(
        { kind: o.kind, seq: o.seq, at: o.at, serviceDate: o.serviceDate, duplicate: o.duplicate, elder: o.elder, meal: m, price: o.price === null ? null : priceJson(o.price) },
        [
          `${o.duplicate ? '重复刷卡，同一次就餐 / same check-in again' : '已记录 / recorded'}  #${o.seq}  ${o.elder.name}  ${o.elder.idMasked}  ${o.elder.age}岁`,
          `餐费 / price ${formatYuan(m.standard)}  补贴 / subsidy ${formatYuan(m.subsidy)}  自付 / pays ${formatYuan(m.personal)}  (${m.payment})`,
          ...(o.elder.dietAlert === null ? [] : [`饮食提示 / diet: ${o.elder.dietAlert}`]),
          ...(m.refusal === null ? [] : [`原价售出 / sold at full price (${m.refusal})`]),
        ],
      );
    }
    case 'refused':
      return refused({ kind: o.kind, elder: o.elder, reason: o.price.refusal?.code ?? null, message: renderBoth(o.message), price: priceJson(o.price) }, [
        `不补贴 / not subsidised: ${o.elder.name}  ${renderBoth(o.message)}`,
        `可按原价 ${formatYuan(o.price.standard)} 元售出（--full-price）/ may be sold at full price (--full-price)`,
      ]);
    case 'unidentified':
      return refused({ kind: o.kind, reason: o.reason, message: renderBoth(o.message) }, [`${renderBoth(o.message)}`]);
    case 'failed':
      return refused({ kind: o.kind, reason: o.reason, message: renderBoth(o.message) }, [`未记录 / NOT recorded: ${renderBoth(o.message)}`]);
    default:
      return assertNever(o, 'check-in outcome');
  }
}

export function reportLines(r: DayReport): string[] {
  const t = r.totals;
  return [
    `${r.serviceDate}  ${r.closed ? `已日结 / closed (#${r.close?.seq})` : '未日结 / open'}`,
    `就餐 / meals ${t.totals.meals}  餐费 / price ${formatYuan(t.totals.standard)}  补贴 / subsidy ${formatYuan(t.totals.subsidy)}  自付 / paid ${formatYuan(t.totals.personal)}`,
    `补贴老人 / elders subsidised ${t.eldersServed}  原价售餐 / full-price sales ${t.sales.count} (${formatYuan(t.sales.amount)})  撤销 / voids ${t.voids}`,
    `资金来源 / by budget: ${t.subsidyBySource.map((s) => `${s.source} ${formatYuan(s.amount)}`).join('  ') || '—'}`,
    `应收现金 / cash expected ${formatYuan(r.cashExpected)}`,
    ...t.meals.map(
      (m) => `  ${m.periodId}  ${m.ageBand}  ${m.tierId ?? '—'}  ${m.subsidised ? render({ key: 'common.yes' }) : render({ key: 'common.no' })}  ×${m.count}  ${formatYuan(m.subsidy)}`,
    ),
  ];
}

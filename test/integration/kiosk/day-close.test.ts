/**
 * Day close (日结) through the Kiosk facade on a real SQLite file: the totals it records are the sum
 * of the day's records that were not voided, worked out here by hand from the ledger rows; its head
 * is the chain head before it; and after it the date takes no more records of any kind.
 */
import { describe, expect, it } from 'vitest';
import type { DayTotals, MealCount } from '../../../shared/ledger/bodies.js';
import { checkinBodySchema, closeBodySchema, saleBodySchema } from '../../../shared/ledger/bodies.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import { PAYMENT_METHODS } from '../../../shared/payment.js';
import type { PaymentMethod } from '../../../shared/payment.js';
import { AGE_BANDS } from '../../../shared/pricing/types.js';
import type { CheckinOutcome, Identity } from '../../../electron/kiosk/checkin/outcome.js';
import type { DayReport } from '../../../electron/kiosk/day-close.js';
import { head } from '../../../electron/kiosk/ledger/ledger-store.js';
import {
  at,
  CASHIER,
  useKioskFixtures,
  ledgerRecords,
  MANAGER,
  snapshot,
  TODAY,
} from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

// Every fixture's chain is checked after each test, whatever the scenario did.
const fixture = useKioskFixtures();

function card(fx: KioskFixture, key: string): Identity {
  const uid = fx.elder(key).card;
  if (uid === null) throw new Error(`elder ${key} has no active card`);
  return { kind: 'card', uid };
}

function seqOf(o: CheckinOutcome): number {
  if (o.kind !== 'served' || o.duplicate) throw new Error(`expected a new check-in, got ${JSON.stringify(o)}`);
  return o.seq;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

function unchanged<T>(fx: KioskFixture, act: () => T): T {
  const before = snapshot(fx.store.read);
  const result = act();
  expect(snapshot(fx.store.read)).toEqual(before);
  return result;
}

/**
 * A busy lunch and dinner on TODAY, every kind of record: subsidised check-ins of each tier, one
 * elder of another town, a full-price second lunch, a back-filled meal, sales of several meals and
 * payment methods, a voided check-in and a voided sale, and a refused swipe (no record).
 */
function busyDay(fx: KioskFixture): void {
  const c = fx.kiosk;
  const cashier = CASHIER.id;
  fx.clock.set(TODAY, '11:30');
  seqOf(c.checkIn({ identity: card(fx, 'young'), operatorId: cashier }));
  fx.clock.set(TODAY, '11:31');
  const oldLunch = seqOf(c.checkIn({ identity: card(fx, 'old'), operatorId: cashier }));
  fx.clock.set(TODAY, '11:32');
  seqOf(c.checkIn({ identity: card(fx, 'poor'), operatorId: cashier, payment: 'qrExternal' }));
  fx.clock.set(TODAY, '11:33');
  seqOf(c.checkIn({ identity: card(fx, 'otherTown'), operatorId: cashier }));
  fx.clock.set(TODAY, '11:34');
  seqOf(c.checkIn({ identity: { kind: 'manual', elderId: fx.elder('noCard').id }, operatorId: cashier }));
  fx.clock.set(TODAY, '11:35');
  expect(c.checkIn({ identity: card(fx, 'under60'), operatorId: cashier }).kind).toBe('refused');
  fx.clock.set(TODAY, '12:30');
  expect(c.checkIn({ identity: card(fx, 'young'), operatorId: cashier }).kind).toBe('refused');
  seqOf(c.checkIn({ identity: card(fx, 'young'), operatorId: cashier, fullPrice: true }));
  fx.clock.set(TODAY, '12:31');
  unwrap(c.sell({ operatorId: cashier, quantity: 2 }));
  fx.clock.set(TODAY, '12:32');
  unwrap(c.sell({ operatorId: cashier, amount: 1500, payment: 'qrExternal' }));
  fx.clock.set(TODAY, '12:40');
  unwrap(c.voidRecord({ seq: oldLunch, reason: '老人没有来，刷错卡', operatorId: MANAGER.id }));
  fx.clock.set(TODAY, '12:41');
  const wrongSale = unwrap(c.sell({ operatorId: cashier }));
  fx.clock.set(TODAY, '12:42');
  unwrap(c.voidRecord({ seq: wrongSale.seq, reason: '重复收款', operatorId: MANAGER.id }));
  fx.clock.set(TODAY, '15:00');
  seqOf(c.checkIn({ identity: { kind: 'manual', elderId: fx.elder('lostCard').id }, operatorId: MANAGER.id, backfilledAt: at(TODAY, '11:20') }));
  fx.clock.set(TODAY, '17:30');
  seqOf(c.checkIn({ identity: card(fx, 'young'), operatorId: cashier }));
  fx.clock.set(TODAY, '17:31');
  seqOf(c.checkIn({ identity: card(fx, 'old'), operatorId: cashier }));
}

/** The day's totals worked out by hand from the ledger rows (not with dayTotals). */
function byHand(records: readonly LedgerRecord[], date: string): Omit<DayTotals, 'meals'> & { meals: MealCount[] } {
  const day = records.filter((r) => r.serviceDate === date);
  const voided = new Set(day.filter((r) => r.kind === 'void').map((r) => r.targetSeq));
  const kept = day.filter((r) => !voided.has(r.seq));
  const meals = new Map<string, MealCount>();
  const bySource = new Map<string, number>();
  const byPayment = new Map<PaymentMethod, number>();
  const elders = new Set<string>();
  let saleCount = 0;
  let saleAmount = 0;
  const totals = { meals: 0, standard: 0, subsidy: 0, personal: 0 };
  const add = <K>(m: Map<K, number>, k: K, n: number): void => {
    m.set(k, (m.get(k) ?? 0) + n);
  };
  for (const r of kept) {
    if (r.kind === 'checkin') {
      const b = checkinBodySchema.parse(r.body);
      const subsidised = b.subsidy > 0;
      const key = `${r.periodId}|${b.facts.ageBand}|${b.tierId}|${subsidised}`;
      const m = meals.get(key) ?? { periodId: r.periodId ?? '', ageBand: b.facts.ageBand, tierId: b.tierId, subsidised, count: 0, standard: 0, subsidy: 0, personal: 0 };
      meals.set(key, { ...m, count: m.count + 1, standard: m.standard + b.standard, subsidy: m.subsidy + b.subsidy, personal: m.personal + b.personal });
      for (const f of b.funding) add(bySource, f.source, f.amount);
      add(byPayment, b.payment, b.personal);
      if (subsidised && r.elderId !== null) elders.add(r.elderId);
      totals.meals += 1;
      totals.standard += b.standard;
      totals.subsidy += b.subsidy;
      totals.personal += b.personal;
    } else if (r.kind === 'sale') {
      const b = saleBodySchema.parse(r.body);
      saleCount += b.quantity;
      saleAmount += b.personal;
      add(byPayment, b.payment, b.personal);
      totals.meals += b.quantity;
      totals.standard += b.standard;
      totals.personal += b.personal;
    }
  }
  const sources = ['city', 'district', 'town'];
  return {
    serviceDate: date,
    meals: [...meals.values()],
    subsidyBySource: [...bySource.entries()].sort(([a], [b]) => sources.indexOf(a) - sources.indexOf(b)).map(([source, amount]) => ({ source, amount })),
    personalByPayment: PAYMENT_METHODS.filter((p) => byPayment.has(p)).map((payment) => ({ payment, amount: byPayment.get(payment) ?? 0 })),
    sales: { count: saleCount, amount: saleAmount },
    operatorSubsidy: 0,
    eldersServed: elders.size,
    voids: day.filter((r) => r.kind === 'void').length,
    totals,
  };
}

const sortMeals = (m: readonly MealCount[]): MealCount[] =>
  [...m].sort(
    (a, b) =>
      a.periodId.localeCompare(b.periodId) ||
      AGE_BANDS.indexOf(a.ageBand) - AGE_BANDS.indexOf(b.ageBand) ||
      (a.tierId ?? '').localeCompare(b.tierId ?? '') ||
      Number(b.subsidised) - Number(a.subsidised),
  );

describe('day close totals', () => {
  it('equal the sum of the non-voided records, by period × age band × tier, by funding source and by payment method', () => {
    const fx = fixture();
    busyDay(fx);
    fx.clock.set(TODAY, '20:00');
    const report = unwrap(fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: CASHIER.id }));
    const t = report.totals;
    const hand = byHand(ledgerRecords(fx.store.read), TODAY);

    expect(sortMeals(t.meals)).toEqual(sortMeals(hand.meals));
    expect({ ...t, meals: [] }).toEqual({ ...hand, meals: [] });

    // The same figures written out, so a mistake in the hand sum above cannot hide one in the close.
    expect(sortMeals(t.meals)).toEqual([
      { periodId: 'dinner', ageBand: '70-79', tierId: 'age60', subsidised: true, count: 1, standard: 1200, subsidy: 700, personal: 500 },
      { periodId: 'dinner', ageBand: '80-89', tierId: 'age80', subsidised: true, count: 1, standard: 1200, subsidy: 900, personal: 300 },
      { periodId: 'lunch', ageBand: '60-69', tierId: 'hardship', subsidised: true, count: 1, standard: 1200, subsidy: 1100, personal: 100 },
      { periodId: 'lunch', ageBand: '70-79', tierId: 'age60', subsidised: true, count: 3, standard: 3600, subsidy: 2000, personal: 1600 },
      { periodId: 'lunch', ageBand: '70-79', tierId: 'age60', subsidised: false, count: 1, standard: 1200, subsidy: 0, personal: 1200 },
      { periodId: 'lunch', ageBand: '80-89', tierId: 'age80', subsidised: true, count: 1, standard: 1200, subsidy: 900, personal: 300 },
    ]);
    expect(t.subsidyBySource).toEqual([
      { source: 'city', amount: 2100 },
      { source: 'district', amount: 2100 },
      { source: 'town', amount: 1400 },
    ]);
    expect(t.personalByPayment).toEqual([
      { payment: 'cash', amount: 6300 },
      { payment: 'qrExternal', amount: 1600 },
    ]);
    expect(t.sales).toEqual({ count: 3, amount: 3900 });
    expect(t.totals).toEqual({ meals: 11, standard: 13500, subsidy: 5600, personal: 7900 });
    expect(t.totals.standard).toBe(t.totals.subsidy + t.totals.personal);
    expect(t.subsidyBySource.reduce((s, x) => s + x.amount, 0)).toBe(t.totals.subsidy);
    expect(t.eldersServed).toBe(6);
    expect(t.voids).toBe(2);
    expect(t.operatorSubsidy).toBe(0);
    expect(report.cashExpected).toBe(6300);
  });

  it('the report of an open day equals what the close then records', () => {
    const fx = fixture();
    busyDay(fx);
    fx.clock.set(TODAY, '20:00');
    const open = unwrap(fx.kiosk.dayReport(TODAY));
    expect(open).toMatchObject({ serviceDate: TODAY, closed: false, close: null });
    const closed = unwrap(fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: CASHIER.id }));
    expect(closed.totals).toEqual(open.totals);
    expect(closed.cashExpected).toBe(open.cashExpected);
    const after = unwrap(fx.kiosk.dayReport(TODAY));
    expect(after).toEqual<DayReport>({ ...open, closed: true, close: closed.close });
  });

  it('a day with no records closes with zero totals', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '08:00');
    const r = unwrap(fx.kiosk.closeDay({ serviceDate: '2026-11-23', operatorId: CASHIER.id }));
    expect(r.totals).toEqual({
      serviceDate: '2026-11-23',
      meals: [],
      subsidyBySource: [],
      personalByPayment: [],
      sales: { count: 0, amount: 0 },
      operatorSubsidy: 0,
      eldersServed: 0,
      voids: 0,
      totals: { meals: 0, standard: 0, subsidy: 0, personal: 0 },
    });
    expect(r.cashExpected).toBe(0);
  });

  it('each side of a policy change is reckoned at its own version’s prices', () => {
    const fx = fixture({ policies: ['guangzhou-2020', 'guangzhou-2026-v2'] });
    fx.clock.set('2026-06-30', '12:00');
    seqOf(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.set('2026-07-01', '12:00');
    seqOf(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.set('2026-07-01', '20:00');
    const june = unwrap(fx.kiosk.closeDay({ serviceDate: '2026-06-30', operatorId: CASHIER.id }));
    const july = unwrap(fx.kiosk.closeDay({ serviceDate: '2026-07-01', operatorId: CASHIER.id }));
    expect(june.totals.totals).toEqual({ meals: 1, standard: 1200, subsidy: 700, personal: 500 });
    expect(july.totals.totals).toEqual({ meals: 1, standard: 1300, subsidy: 900, personal: 400 });
  });
});

describe('the close record', () => {
  it('is appended by the operator, names the date, and its head is the ledger head just before it', () => {
    const fx = fixture();
    busyDay(fx);
    fx.clock.set(TODAY, '20:00');
    const before = head(fx.store.read);
    const report = unwrap(fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: CASHIER.id }));
    const records = ledgerRecords(fx.store.read);
    const close = records[records.length - 1];
    if (close === undefined) throw new Error('no close record');
    expect(close).toMatchObject({
      seq: before.seq + 1,
      kind: 'close',
      serviceDate: TODAY,
      periodId: null,
      elderId: null,
      targetSeq: null,
      operatorId: CASHIER.id,
      prevHash: before.hash,
      at: new Date(at(TODAY, '20:00')).toISOString(),
    });
    const body = closeBodySchema.parse(close.body);
    expect(body.head).toEqual(before);
    expect(body.totals).toEqual(report.totals);
    expect(report.close).toEqual({ seq: close.seq, at: close.at });
  });

  it('closing an earlier day covers the whole ledger head, including later days\' records', () => {
    const fx = fixture();
    fx.clock.set('2026-11-23', '12:00');
    seqOf(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.set(TODAY, '12:00');
    seqOf(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    const before = head(fx.store.read);
    const r = unwrap(fx.kiosk.closeDay({ serviceDate: '2026-11-23', operatorId: MANAGER.id }));
    const close = ledgerRecords(fx.store.read).find((x) => x.seq === r.close?.seq);
    expect(closeBodySchema.parse(close?.body).head).toEqual(before);
    expect(r.totals.totals.meals).toBe(1);
  });
});

describe('after the close', () => {
  it('the date takes no check-in, sale, void, back-fill or second close — each refused, nothing written — and the next day works', () => {
    const fx = fixture();
    busyDay(fx);
    const young = fx.elder('young');
    fx.clock.set(TODAY, '19:00');
    const closed = unwrap(fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: CASHIER.id }));
    const records = ledgerRecords(fx.store.read);
    const dinner = records.filter((r) => r.kind === 'checkin' && r.elderId === young.id && r.periodId === 'dinner')[0];
    if (dinner === undefined) throw new Error('no dinner record');

    // Still dinner time on the closed day; the poor elder has not had dinner.
    const checkin = unchanged(fx, () => fx.kiosk.checkIn({ identity: card(fx, 'poor'), operatorId: CASHIER.id }));
    expect(checkin).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
    const manual = unchanged(fx, () => fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: fx.elder('noCard').id }, operatorId: CASHIER.id }));
    expect(manual).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
    const sale = unchanged(fx, () => fx.kiosk.sell({ operatorId: CASHIER.id }));
    expect(sale).toMatchObject({ ok: false, error: { kind: 'dayClosed' } });
    const voided = unchanged(fx, () => fx.kiosk.voidRecord({ seq: dinner.seq, reason: '日结后撤销', operatorId: MANAGER.id }));
    expect(voided).toMatchObject({ ok: false, error: { kind: 'dayClosed' } });
    const again = unchanged(fx, () => fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: MANAGER.id }));
    expect(again).toMatchObject({ ok: false, error: { kind: 'dayClosed', message: { key: 'close.already' } } });

    // Next morning a manager tries to back-fill a meal of the closed day from the paper roster.
    fx.clock.set('2026-11-25', '09:00');
    const backfill = unchanged(fx, () =>
      fx.kiosk.checkIn({ identity: card(fx, 'poor'), operatorId: MANAGER.id, backfilledAt: at(TODAY, '18:00') }),
    );
    expect(backfill).toMatchObject({ kind: 'failed', reason: 'dayClosed' });
    const backfillSale = unchanged(fx, () => fx.kiosk.sell({ operatorId: MANAGER.id, backfilledAt: at(TODAY, '18:00') }));
    expect(backfillSale).toMatchObject({ ok: false, error: { kind: 'dayClosed' } });

    // The closed day's report is what the close recorded.
    expect(unwrap(fx.kiosk.dayReport(TODAY))).toMatchObject({ closed: true, close: closed.close, totals: closed.totals });

    // A different date still works: check-in, sale, void, close.
    fx.clock.set('2026-11-25', '12:00');
    const next = fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id });
    expect(next).toMatchObject({ kind: 'served', serviceDate: '2026-11-25', duplicate: false });
    const nextSale = unwrap(fx.kiosk.sell({ operatorId: CASHIER.id }));
    expect(fx.kiosk.voidRecord({ seq: nextSale.seq, reason: '顾客退餐', operatorId: MANAGER.id }).ok).toBe(true);
    fx.clock.set('2026-11-25', '20:00');
    const nextClose = unwrap(fx.kiosk.closeDay({ serviceDate: '2026-11-25', operatorId: CASHIER.id }));
    expect(nextClose.totals.totals).toEqual({ meals: 1, standard: 1200, subsidy: 700, personal: 500 });
    expect(nextClose.totals.voids).toBe(1);
  });

  it('refuses to close a date that has not come yet, nothing written', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '23:59');
    const r = unchanged(fx, () => fx.kiosk.closeDay({ serviceDate: '2026-11-25', operatorId: CASHIER.id }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'close.future', params: { date: '2026-11-25' } } } });
    // Today itself may be closed.
    expect(fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: CASHIER.id }).ok).toBe(true);
  });

  it('an unknown operator cannot close, nothing written', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '20:00');
    const r = unchanged(fx, () => fx.kiosk.closeDay({ serviceDate: TODAY, operatorId: 'nobody' }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'operator' } });
  });
});

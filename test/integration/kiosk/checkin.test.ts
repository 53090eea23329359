/**
 * The kiosk's check-in, sale, void and back-fill services through the Kiosk facade, on a real SQLite
 * file: what the cashier sees (outcome kinds, amounts in fen) and what the ledger keeps (records read
 * back through rowToRecord). Every refusal must leave the store exactly as it was, and the chain must
 * verify after every scenario.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import type { CheckinBody, SaleBody } from '../../../shared/ledger/bodies.js';
import { checkinBodySchema, saleBodySchema, voidBodySchema } from '../../../shared/ledger/bodies.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { CheckinOutcome } from '../../../electron/kiosk/checkin/outcome.js';
import type { Identity, UnidentifiedReason } from '../../../electron/kiosk/checkin/outcome.js';
import { SAME_CHECKIN_MS } from '../../../electron/kiosk/checkin/checkin.js';
import { rowToRecord } from '../../../electron/kiosk/ledger/ledger-store.js';
import { setOperatorActive } from '../../../electron/kiosk/operators.js';
import { installPolicy } from '../../../electron/kiosk/policy-store.js';
import {
  at,
  CASHIER,
  useKioskFixtures,
  DEVICE_ID,
  ledgerRecords,
  legacy15,
  makeIdNumber,
  MANAGER,
  snapshot,
  TODAY,
  withWrongCheck,
} from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';

// Every fixture's chain is checked after each test, whatever the scenario did.
const fixture = useKioskFixtures();

type Served = Extract<CheckinOutcome, { kind: 'served' }>;
type Refused = Extract<CheckinOutcome, { kind: 'refused' }>;
type Unidentified = Extract<CheckinOutcome, { kind: 'unidentified' }>;
type Failed = Extract<CheckinOutcome, { kind: 'failed' }>;

function served(o: CheckinOutcome): Served {
  if (o.kind !== 'served') throw new Error(`expected 'served', got ${JSON.stringify(o)}`);
  return o;
}

function refused(o: CheckinOutcome): Refused {
  if (o.kind !== 'refused') throw new Error(`expected 'refused', got ${JSON.stringify(o)}`);
  return o;
}

function unidentified(o: CheckinOutcome): Unidentified {
  if (o.kind !== 'unidentified') throw new Error(`expected 'unidentified', got ${JSON.stringify(o)}`);
  return o;
}

function failed(o: CheckinOutcome): Failed {
  if (o.kind !== 'failed') throw new Error(`expected 'failed', got ${JSON.stringify(o)}`);
  return o;
}

function card(fx: KioskFixture, key: string): Identity {
  const uid = fx.elder(key).card;
  if (uid === null) throw new Error(`elder ${key} has no active card`);
  return { kind: 'card', uid };
}

function recordAt(fx: KioskFixture, seq: number): LedgerRecord {
  const r = ledgerRecords(fx.store.read).find((x) => x.seq === seq);
  if (r === undefined) throw new Error(`no record ${seq}`);
  return r;
}

function checkinBody(r: LedgerRecord): CheckinBody {
  expect(r.kind).toBe('checkin');
  return checkinBodySchema.parse(r.body);
}

/** Runs `act` and checks it wrote nothing at all: every table's row count and the ledger head. */
function unchanged<T>(fx: KioskFixture, act: () => T): T {
  const before = snapshot(fx.store.read);
  const result = act();
  expect(snapshot(fx.store.read)).toEqual(before);
  return result;
}

const lunch = (fx: KioskFixture, time = '12:00', date = TODAY): void => fx.clock.set(date, time);

describe('check-in: identify → period → eligibility → price → ledger', () => {
  it('serves a 60–79 elder by card: 12 yuan, subsidy 7 (city 3 + district 3 + town 1), pays 5 — and the ledger holds exactly that', () => {
    const fx = fixture();
    lunch(fx);
    const young = fx.elder('young');
    // The reader may send lower case and stray spaces: still the same card.
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'card', uid: `  ${(young.card ?? '').toLowerCase()} ` }, operatorId: CASHIER.id }));

    expect(o).toMatchObject({ seq: 1, duplicate: false, method: 'card', serviceDate: TODAY, at: new Date(at(TODAY, '12:00')).toISOString() });
    expect(o.elder).toMatchObject({ id: young.id, name: young.name, age: 70, ageBand: '70-79' });
    expect(o.elder.idMasked).toBe(`**************${young.idNumber.slice(14)}`);
    expect(o.meal).toMatchObject({ method: 'card', cardUid: 'A1B2C3D4', policyId: 'guangzhou-zhucan', policyVersion: 1, tierId: 'age60' });
    expect([o.meal.standard, o.meal.subsidy, o.meal.personal]).toEqual([1200, 700, 500]);
    expect(o.meal.funding).toEqual([
      { source: 'city', amount: 300 },
      { source: 'district', amount: 300 },
      { source: 'town', amount: 100 },
    ]);
    expect(o.meal).toMatchObject({ payment: 'cash', refusal: null, backfilled: false });
    expect(o.price?.subsidised).toBe(true);

    const records = ledgerRecords(fx.store.read);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r).toMatchObject({
      seq: 1,
      deviceId: DEVICE_ID,
      kind: 'checkin',
      at: o.at,
      serviceDate: TODAY,
      periodId: 'lunch',
      elderId: young.id,
      operatorId: CASHIER.id,
      targetSeq: null,
    });
    expect(r === undefined ? null : checkinBody(r)).toEqual(o.meal);
    // The body never carries the resident ID number (PIPL), nor the masked form.
    expect(JSON.stringify(r)).not.toContain(young.idNumber);
  });

  it.each([
    ['old', 80, '80-89', 'age80', [1200, 900, 300], [300, 300, 300]],
    ['poor', 65, '60-69', 'hardship', [1200, 1100, 100], [300, 300, 500]],
    ['noCard', 81, '80-89', 'age80', [1200, 900, 300], [300, 300, 300]],
    ['lostCard', 78, '70-79', 'age60', [1200, 700, 500], [300, 300, 100]],
  ] as const)('prices %s by their tier', (key, minAge, band, tier, amounts, funding) => {
    const fx = fixture();
    lunch(fx);
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: fx.elder(key).id }, operatorId: CASHIER.id }));
    expect(o.elder.age).toBeGreaterThanOrEqual(minAge);
    expect(o.elder.ageBand).toBe(band);
    expect(o.meal.tierId).toBe(tier);
    expect([o.meal.standard, o.meal.subsidy, o.meal.personal]).toEqual(amounts);
    expect(o.meal.funding.map((f) => f.amount)).toEqual(funding);
    expect(checkinBody(recordAt(fx, o.seq))).toEqual(o.meal);
  });

  it('an elder whose 户籍 is another town of the district loses the town part: subsidy 6, pays 6', () => {
    const fx = fixture();
    lunch(fx);
    const o = served(fx.kiosk.checkIn({ identity: card(fx, 'otherTown'), operatorId: CASHIER.id }));
    expect([o.meal.standard, o.meal.subsidy, o.meal.personal]).toEqual([1200, 600, 600]);
    expect(o.meal.funding).toEqual([
      { source: 'city', amount: 300 },
      { source: 'district', amount: 300 },
    ]);
  });

  it('finds the elder by resident ID number (18 digits, lower-case x, full-width digits, or the old 15-digit form); method id', () => {
    const fx = fixture();
    const noCard = fx.elder('noCard');
    lunch(fx);
    const fullWidth = noCard.idNumber.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'id', number: ` ${fullWidth.toLowerCase()} ` }, operatorId: CASHIER.id }));
    expect(o).toMatchObject({ method: 'id', elder: { id: noCard.id } });
    expect(o.meal).toMatchObject({ method: 'id', cardUid: null });

    // The 15-digit form of another elder, on dinner: the same person.
    const old = fx.elder('old');
    fx.clock.set(TODAY, '17:00');
    const o2 = served(fx.kiosk.checkIn({ identity: { kind: 'id', number: legacy15(old.idNumber) }, operatorId: CASHIER.id }));
    expect(o2).toMatchObject({ method: 'id', elder: { id: old.id } });
    expect(recordAt(fx, o2.seq)).toMatchObject({ elderId: old.id, periodId: 'dinner' });
    expect(JSON.stringify(ledgerRecords(fx.store.read))).not.toContain(noCard.idNumber);
  });

  it('a manual pick by the cashier is recorded as manual', () => {
    const fx = fixture();
    lunch(fx);
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: fx.elder('young').id }, operatorId: CASHIER.id }));
    expect(o.method).toBe('manual');
    expect(checkinBody(recordAt(fx, o.seq))).toMatchObject({ method: 'manual', cardUid: null });
  });

  it('takes the personal part by QR payment, and refuses to record a part to pay as free (nothing written)', () => {
    const fx = fixture();
    lunch(fx);
    const o = served(fx.kiosk.checkIn({ identity: card(fx, 'poor'), operatorId: CASHIER.id, payment: 'qrExternal' }));
    expect(o.meal).toMatchObject({ personal: 100, payment: 'qrExternal' });

    const f = unchanged(fx, () => failed(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id, payment: 'free' })));
    expect(f.reason).toBe('invalid');
    expect(f.message.key).toBe('checkin.notFree');
  });

  it('outside every meal period: failed with the time, nothing written', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '15:00');
    const f = unchanged(fx, () => failed(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id })));
    expect(f.reason).toBe('invalid');
    expect(f.message).toEqual({ key: 'checkin.outsidePeriods', params: { time: '15:00' } });
  });
});

describe('check-in: who cannot be identified, or is not subsidised', () => {
  const cases: readonly (readonly [string, (fx: KioskFixture) => Identity, UnidentifiedReason, string | null])[] = [
    ['card UID with characters no reader sends', () => ({ kind: 'card', uid: 'ZZ-!!' }), 'invalidCard', 'roster.card.format'],
    ['a keyboard-wedge fragment of a card', () => ({ kind: 'card', uid: '12' }), 'invalidCard', 'roster.card.format'],
    ['an empty read', () => ({ kind: 'card', uid: '   ' }), 'invalidCard', 'roster.card.empty'],
    ['a resident ID number typed into the card field', (fx) => ({ kind: 'card', uid: fx.elder('young').idNumber }), 'invalidCard', 'roster.card.isIdNumber'],
    ['a card nobody holds', () => ({ kind: 'card', uid: '99887766' }), 'unknownCard', 'checkin.unidentified.unknownCard'],
    ['a card reported lost', () => ({ kind: 'card', uid: 'E5F6A7B8' }), 'lostCard', 'checkin.unidentified.lostCard'],
    ['a card replaced by a new one', () => ({ kind: 'card', uid: '0E0E0E0E' }), 'replacedCard', 'checkin.unidentified.replacedCard'],
    ['an ID number with a wrong check character', (fx) => ({ kind: 'id', number: withWrongCheck(fx.elder('young').idNumber) }), 'invalidId', 'id.checkChar'],
    ['an ID number of the wrong length', () => ({ kind: 'id', number: '4401061956' }), 'invalidId', 'id.length'],
    ['a valid ID number not in the roster', () => ({ kind: 'id', number: makeIdNumber('440106', '1950-01-01', 'M', 33) }), 'unknownId', 'checkin.unidentified.unknownId'],
    ['a manual pick of an elder id that does not exist', () => ({ kind: 'manual', elderId: 'E0000000000' }), 'unknownElder', 'checkin.unidentified.unknownElder'],
  ];

  it.each(cases)('%s: unidentified with its own message, nothing written', (_name, identity, reason, key) => {
    const fx = fixture();
    lunch(fx);
    const id = identity(fx);
    const o = unchanged(fx, () => unidentified(fx.kiosk.checkIn({ identity: id, operatorId: CASHIER.id })));
    expect(o.reason).toBe(reason);
    if (key !== null) expect(o.message.key).toBe(key);
    // The message shown never repeats an ID number (PIPL).
    for (const locale of ['zh-CN', 'en'] as const) expect(render(o.message, locale)).not.toMatch(/\d{15}/);
  });

  it('a lost card is refused with a message of its own, not "unknown card"; the owner is served with the new card', () => {
    const fx = fixture();
    lunch(fx);
    const lost = unidentified(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'E5F6A7B8' }, operatorId: CASHIER.id }));
    const unknown = unidentified(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'ABABABAB' }, operatorId: CASHIER.id }));
    expect(render(lost.message, 'zh-CN')).not.toBe(render(unknown.message, 'zh-CN'));
    expect(render(lost.message, 'zh-CN')).toContain('挂失');
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'F6A7B8C9' }, operatorId: CASHIER.id }));
    expect(o.elder.id).toBe(fx.elder('lostCard').id);
  });

  it('a suspended elder is found but refused (suspended), nothing written; may then be sold the meal at full price', () => {
    const fx = fixture();
    lunch(fx);
    const r = unchanged(fx, () => refused(fx.kiosk.checkIn({ identity: card(fx, 'suspended'), operatorId: CASHIER.id })));
    expect(r.elder.id).toBe(fx.elder('suspended').id);
    expect(r.price.refusal?.code).toBe('suspended');
    expect(r.message.key).toBe('pricing.refusal.suspended');
    expect([r.price.standard, r.price.subsidy, r.price.personal]).toEqual([1200, 0, 1200]);

    const full = served(fx.kiosk.checkIn({ identity: card(fx, 'suspended'), operatorId: CASHIER.id, fullPrice: true }));
    expect(full.meal).toMatchObject({ standard: 1200, subsidy: 0, personal: 1200, funding: [], refusal: 'suspended' });
  });

  it('an elder under 60 is refused (no tier), nothing written', () => {
    const fx = fixture();
    lunch(fx);
    const r = unchanged(fx, () => refused(fx.kiosk.checkIn({ identity: card(fx, 'under60'), operatorId: CASHIER.id })));
    expect(r.price.refusal?.code).toBe('noQualifyingTier');
    expect(r.elder.age).toBe(59);
  });
});

describe('check-in: operators', () => {
  it('every record carries the operator who made it', () => {
    const fx = fixture();
    lunch(fx);
    const a = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    const b = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: MANAGER.id }));
    const s = fx.kiosk.sell({ operatorId: CASHIER.id });
    expect(s.ok).toBe(true);
    expect(recordAt(fx, a.seq).operatorId).toBe(CASHIER.id);
    expect(recordAt(fx, b.seq).operatorId).toBe(MANAGER.id);
    expect(ledgerRecords(fx.store.read).map((r) => r.operatorId)).toEqual([CASHIER.id, MANAGER.id, CASHIER.id]);
  });

  it('an unknown or disabled operator records nothing', () => {
    const fx = fixture();
    lunch(fx);
    const unknown = unchanged(fx, () => failed(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: 'nobody' })));
    expect(unknown.reason).toBe('operator');
    expect(setOperatorActive(fx.store, CASHIER.id, false).ok).toBe(true);
    const disabled = unchanged(fx, () => failed(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id })));
    expect(disabled.reason).toBe('operator');
    const sale = unchanged(fx, () => fx.kiosk.sell({ operatorId: CASHIER.id }));
    expect(sale).toMatchObject({ ok: false, error: { kind: 'operator' } });
  });
});

describe('check-in: the same card again, and a second meal', () => {
  it('the same card within 10 s returns the first result and records nothing new; at 10 s it is a second meal, refused with the time of the first', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '12:00:00');
    const first = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    const after = snapshot(fx.store.read);

    fx.clock.advance(SAME_CHECKIN_MS - 1);
    const again = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    expect(again).toMatchObject({ duplicate: true, seq: first.seq, at: first.at, serviceDate: TODAY, price: null });
    expect(again.meal).toEqual(first.meal);
    // Another way of naming the same elder within the window is still the same check-in.
    const byId = served(fx.kiosk.checkIn({ identity: { kind: 'id', number: fx.elder('young').idNumber }, operatorId: CASHIER.id }));
    expect(byId).toMatchObject({ duplicate: true, seq: first.seq });
    expect(snapshot(fx.store.read)).toEqual(after);

    fx.clock.set(TODAY, '12:00:10');
    const second = unchanged(fx, () => refused(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id })));
    expect(second.price.refusal).toMatchObject({ code: 'limitPeriod', firstMealAt: first.at });
    expect(second.message).toMatchObject({ key: 'pricing.refusal.limitPeriod', params: { time: '12:00' } });
    expect(render(second.message, 'zh-CN')).toContain('12:00');
    expect([second.price.standard, second.price.subsidy, second.price.personal]).toEqual([1200, 0, 1200]);
  });

  it('a second lunch may be sold at full price: its own record, no subsidy, the refusal kept; dinner is subsidised again', () => {
    const fx = fixture();
    lunch(fx, '11:45');
    const first = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    lunch(fx, '12:40');
    refused(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    const full = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id, fullPrice: true }));
    expect(full.seq).toBe(first.seq + 1);
    expect(full.duplicate).toBe(false);
    expect(full.meal).toMatchObject({ standard: 1200, subsidy: 0, personal: 1200, funding: [], operatorSubsidy: 0, refusal: 'limitPeriod', payment: 'cash' });
    expect(checkinBody(recordAt(fx, full.seq))).toEqual(full.meal);
    // The full-price meal does not use up anything: a third lunch is refused for the same first meal.
    lunch(fx, '13:00');
    const third = refused(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    expect(third.price.refusal?.firstMealAt).toBe(first.at);

    fx.clock.set(TODAY, '17:30');
    const dinner = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    expect(dinner.meal).toMatchObject({ subsidy: 900, personal: 300 });
    expect(recordAt(fx, dinner.seq).periodId).toBe('dinner');
    expect(ledgerRecords(fx.store.read)).toHaveLength(3);
  });

  it('voiding the first lunch gives the subsidy back: the next swipe is subsidised (and is not a duplicate of the voided one)', () => {
    const fx = fixture();
    lunch(fx, '12:00:00');
    const first = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.advance(2000);
    expect(fx.kiosk.voidRecord({ seq: first.seq, reason: '刷错卡', operatorId: MANAGER.id }).ok).toBe(true);
    fx.clock.advance(2000);
    const again = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    expect(again).toMatchObject({ duplicate: false, seq: 3 });
    expect(again.meal).toMatchObject({ subsidy: 700, personal: 500 });
  });

  it.each([
    ['negative', -500],
    ['not whole fen', 12.5],
  ])('refuses an amount that is %s (%s), writes nothing, and the day can still be reckoned', (_name, amount) => {
    const fx = fixture();
    lunch(fx);
    const o = unchanged(fx, () => fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id, amount }));
    expect(o.kind).toBe('failed');
    expect(fx.kiosk.dayReport(TODAY).ok).toBe(true);
  });
});

describe('full-price sale to anyone (no elder)', () => {
  it('is its own record: no elder, the period standard price by default, amount × quantity, the payment method', () => {
    const fx = fixture();
    lunch(fx);
    const one = fx.kiosk.sell({ operatorId: CASHIER.id });
    if (!one.ok) throw new Error(JSON.stringify(one.error));
    expect(one.value).toMatchObject({ seq: 1, serviceDate: TODAY, periodId: 'lunch' });
    expect(one.value.sale).toEqual({ standard: 1200, personal: 1200, payment: 'cash', quantity: 1, backfilled: false });

    const many = fx.kiosk.sell({ operatorId: CASHIER.id, periodId: 'dinner', amount: 1500, quantity: 3, payment: 'qrExternal' });
    if (!many.ok) throw new Error(JSON.stringify(many.error));
    const r = recordAt(fx, many.value.seq);
    expect(r).toMatchObject({ kind: 'sale', elderId: null, periodId: 'dinner', operatorId: CASHIER.id, targetSeq: null });
    const body: SaleBody = saleBodySchema.parse(r.body);
    expect(body).toEqual({ standard: 4500, personal: 4500, payment: 'qrExternal', quantity: 3, backfilled: false });
  });

  it.each([
    ['a negative amount', { amount: -100 }, 'sale.badAmount'],
    ['an amount in yuan with decimals', { amount: 12.5 }, 'sale.badAmount'],
    ['quantity 0', { quantity: 0 }, 'sale.badQuantity'],
    ['a fractional quantity', { quantity: 1.5 }, 'sale.badQuantity'],
    ['more than 100 at once', { quantity: 101 }, 'sale.badQuantity'],
    ['an unknown period', { periodId: 'supper' }, 'sale.unknownPeriod'],
  ] as const)('refuses %s with a message, nothing written', (_name, over, key) => {
    const fx = fixture();
    lunch(fx);
    const r = unchanged(fx, () => fx.kiosk.sell({ operatorId: CASHIER.id, ...over }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key } } });
  });

  it('outside every period without a period named: refused; with one named: sold', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '15:00');
    const r = unchanged(fx, () => fx.kiosk.sell({ operatorId: CASHIER.id }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'checkin.outsidePeriods' } } });
    expect(fx.kiosk.sell({ operatorId: CASHIER.id, periodId: 'dinner' })).toMatchObject({ ok: true, value: { periodId: 'dinner' } });
  });
});

describe('voids', () => {
  it('a manager voids a check-in: a new record pointing at it, with reason and operator; the original is untouched', () => {
    const fx = fixture();
    lunch(fx);
    const meal = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    const original = recordAt(fx, meal.seq);
    fx.clock.set(TODAY, '12:20');
    const v = fx.kiosk.voidRecord({ seq: meal.seq, reason: '  老人临时有事未就餐  ', operatorId: MANAGER.id });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    expect(v.value).toMatchObject({ seq: 2, targetSeq: meal.seq, serviceDate: TODAY });

    const r = recordAt(fx, 2);
    expect(r).toMatchObject({
      kind: 'void',
      targetSeq: meal.seq,
      operatorId: MANAGER.id,
      elderId: fx.elder('young').id,
      periodId: 'lunch',
      serviceDate: TODAY,
      at: new Date(at(TODAY, '12:20')).toISOString(),
    });
    expect(voidBodySchema.parse(r.body)).toEqual({ reason: '老人临时有事未就餐' });
    expect(recordAt(fx, meal.seq)).toEqual(original);
  });

  it('a manager voids a sale', () => {
    const fx = fixture();
    lunch(fx);
    const s = fx.kiosk.sell({ operatorId: CASHIER.id, quantity: 2 });
    if (!s.ok) throw new Error('sale refused');
    const v = fx.kiosk.voidRecord({ seq: s.value.seq, reason: '多收了一份', operatorId: MANAGER.id });
    expect(v).toMatchObject({ ok: true, value: { targetSeq: s.value.seq } });
    expect(recordAt(fx, 2)).toMatchObject({ kind: 'void', elderId: null, targetSeq: 1 });
  });

  it('refuses, with a message and nothing written: a cashier, no reason, a missing seq, a void, twice, a close, another day', () => {
    const fx = fixture();
    fx.clock.set('2026-11-23', '12:00');
    const yesterday = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    fx.clock.set(TODAY, '09:00');
    const closed = fx.kiosk.closeDay({ serviceDate: '2026-11-23', operatorId: MANAGER.id });
    if (!closed.ok) throw new Error('close refused');
    lunch(fx);
    const meal = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    const v = fx.kiosk.voidRecord({ seq: meal.seq, reason: '刷错卡', operatorId: MANAGER.id });
    if (!v.ok) throw new Error('void refused');
    const sale = fx.kiosk.sell({ operatorId: CASHIER.id });
    if (!sale.ok) throw new Error('sale refused');

    const attempt = (seq: number, operatorId: string, reason = '原因'): unknown =>
      unchanged(fx, () => fx.kiosk.voidRecord({ seq, reason, operatorId }));

    expect(attempt(sale.value.seq, CASHIER.id)).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'kiosk.managerOnly' } } });
    expect(attempt(sale.value.seq, 'nobody')).toMatchObject({ ok: false, error: { kind: 'operator' } });
    expect(attempt(sale.value.seq, MANAGER.id, '   ')).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'void.needsReason' } } });
    expect(attempt(sale.value.seq, MANAGER.id, '因'.repeat(201))).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'void.needsReason' } } });
    expect(attempt(999, MANAGER.id)).toMatchObject({ ok: false, error: { kind: 'notFound', message: { key: 'void.noSuchRecord' } } });
    expect(attempt(v.value.seq, MANAGER.id)).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'void.notAMeal' } } });
    expect(attempt(meal.seq, MANAGER.id)).toMatchObject({
      ok: false,
      error: { kind: 'invalid', message: { key: 'void.alreadyVoided', params: { seq: meal.seq, by: v.value.seq } } },
    });
    expect(attempt(closed.value.close?.seq ?? -1, MANAGER.id)).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'void.notAMeal' } } });
    expect(attempt(yesterday.seq, MANAGER.id)).toMatchObject({
      ok: false,
      error: { kind: 'invalid', message: { key: 'void.otherDay', params: { date: '2026-11-23' } } },
    });
  });

  it('refuses a void of yesterday\'s meal even when yesterday is not closed (same service date only)', () => {
    const fx = fixture();
    fx.clock.set('2026-11-23', '17:00');
    const meal = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));
    fx.clock.set(TODAY, '00:05');
    const r = unchanged(fx, () => fx.kiosk.voidRecord({ seq: meal.seq, reason: '忘记撤销', operatorId: MANAGER.id }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid', message: { key: 'void.otherDay' } } });
  });
});

describe('back-filled meals (entered afterwards from the paper roster)', () => {
  it('a manager back-fills a lunch at 15:00: recorded at the time it was eaten, marked backfilled', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '15:00');
    const eaten = at(TODAY, '11:10');
    const o = served(fx.kiosk.checkIn({ identity: { kind: 'manual', elderId: fx.elder('old').id }, operatorId: MANAGER.id, backfilledAt: eaten }));
    expect(o).toMatchObject({ at: new Date(eaten).toISOString(), serviceDate: TODAY, method: 'manual' });
    expect(o.meal).toMatchObject({ backfilled: true, subsidy: 900, personal: 300 });
    const r = recordAt(fx, o.seq);
    expect(r).toMatchObject({ at: new Date(eaten).toISOString(), periodId: 'lunch', operatorId: MANAGER.id });
    expect(checkinBody(r).backfilled).toBe(true);

    const s = fx.kiosk.sell({ operatorId: MANAGER.id, backfilledAt: at(TODAY, '11:30') });
    expect(s).toMatchObject({ ok: true, value: { periodId: 'lunch', sale: { backfilled: true } } });
  });

  it('a cashier may not back-fill: refused, nothing written', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '15:00');
    const o = unchanged(fx, () => failed(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id, backfilledAt: at(TODAY, '11:10') })));
    expect(o.reason).toBe('forbidden');
    const s = unchanged(fx, () => fx.kiosk.sell({ operatorId: CASHIER.id, backfilledAt: at(TODAY, '11:30') }));
    expect(s).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('a back-filled meal still counts against the limits: a second lunch is refused as subsidised', () => {
    const fx = fixture();
    lunch(fx, '12:00');
    const first = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.set(TODAY, '15:00');
    const r = unchanged(fx, () => refused(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: MANAGER.id, backfilledAt: at(TODAY, '11:00') })));
    expect(r.price.refusal).toMatchObject({ code: 'limitPeriod', firstMealAt: first.at });
  });

  it('a meal cannot be back-filled for a time that has not come yet', () => {
    const fx = fixture();
    fx.clock.set(TODAY, '15:00');
    const tomorrow = at('2026-11-25', '12:00');
    const o = unchanged(fx, () => fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: MANAGER.id, backfilledAt: tomorrow }));
    expect(o.kind).toBe('failed');
    const s = unchanged(fx, () => fx.kiosk.sell({ operatorId: MANAGER.id, backfilledAt: tomorrow }));
    expect(s.ok).toBe(false);
  });
});

describe('a policy replaced by version 2 from 2026-07-01', () => {
  it('prices each meal by the version in force on its own date, in one ledger: 12/5 on 30 June, 13/4 on 1 July', () => {
    const fx = fixture({ policies: ['guangzhou-2020', 'guangzhou-2026-v2'] });
    fx.clock.set('2026-06-30', '12:00');
    const june = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    fx.clock.set('2026-07-01', '12:00');
    const july = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    const julyOld = served(fx.kiosk.checkIn({ identity: card(fx, 'old'), operatorId: CASHIER.id }));

    const [r1, r2, r3] = ledgerRecords(fx.store.read).map(checkinBody);
    expect(r1).toMatchObject({ policyId: 'guangzhou-zhucan', policyVersion: 1, standard: 1200, personal: 500, subsidy: 700 });
    expect(r2).toMatchObject({ policyId: 'guangzhou-zhucan', policyVersion: 2, standard: 1300, personal: 400, subsidy: 900 });
    expect(r2?.funding).toEqual([
      { source: 'city', amount: 300 },
      { source: 'district', amount: 300 },
      { source: 'town', amount: 300 },
    ]);
    // 80+ keeps paying 3 yuan under version 2, on the 13-yuan meal.
    expect(r3).toMatchObject({ policyVersion: 2, standard: 1300, personal: 300, subsidy: 1000 });
    expect(june.meal).toEqual(r1);
    expect(july.meal).toEqual(r2);
    expect(julyOld.meal).toEqual(r3);
    expect(ledgerRecords(fx.store.read).map((r) => r.serviceDate)).toEqual(['2026-06-30', '2026-07-01', '2026-07-01']);

    // Full-price sales follow the version too.
    const s = fx.kiosk.sell({ operatorId: CASHIER.id });
    expect(s).toMatchObject({ ok: true, value: { sale: { standard: 1300 } } });
  });

  it('a version installed while the kiosk is running is used from its date on', () => {
    const fx = fixture();
    fx.clock.set('2026-07-01', '12:00');
    expect(served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id })).meal.policyVersion).toBe(1);
    expect(installPolicy(fx.store, loadPolicy('guangzhou-2026-v2'), '2026-07-01T04:30:00.000Z')).toBe('installed');
    fx.clock.set('2026-07-01', '17:00');
    const dinner = served(fx.kiosk.checkIn({ identity: card(fx, 'young'), operatorId: CASHIER.id }));
    expect(dinner.meal).toMatchObject({ policyVersion: 2, standard: 1300, personal: 400 });
  });
});

describe('ledger rows read back', () => {
  it('every row of a busy day reads back through rowToRecord and chains to the one before', () => {
    const fx = fixture();
    lunch(fx, '11:00');
    for (const key of ['young', 'old', 'poor', 'otherTown']) served(fx.kiosk.checkIn({ identity: card(fx, key), operatorId: CASHIER.id }));
    expect(fx.kiosk.sell({ operatorId: CASHIER.id }).ok).toBe(true);
    const rows = ledgerRecords(fx.store.read);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    rows.forEach((r, i) => {
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
    });
    const raw = fx.store.read.stmt('SELECT * FROM ledger WHERE seq = 3').get();
    expect(rowToRecord(raw)).toMatchObject({ ok: true, value: rows[2] });
    expect(fx.kiosk.verify()).toMatchObject({ ok: true, count: 5, head: { seq: 5, hash: rows[4]?.hash } });
  });
});

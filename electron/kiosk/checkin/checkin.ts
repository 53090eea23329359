/**
 * A check-in: identify → meal period → eligibility and price → append to the ledger → result, all in
 * one BEGIN IMMEDIATE transaction. When this returns 'served' the record is committed with
 * synchronous=FULL: it survives a power cut. Anything that stops the write returns 'failed'.
 */
import { ageOn } from '../../../shared/dates.js';
import { message } from '../../../shared/i18n/text.js';
import type { CheckinBody } from '../../../shared/ledger/bodies.js';
import { checkinBodySchema } from '../../../shared/ledger/bodies.js';
import type { Fen } from '../../../shared/money.js';
import type { PaymentMethod } from '../../../shared/payment.js';
import { periodAt } from '../../../shared/policy/select.js';
import { ageBand } from '../../../shared/pricing/age-band.js';
import { price } from '../../../shared/pricing/price.js';
import type { PriceResult } from '../../../shared/pricing/types.js';
import { isoInstant } from '../clock.js';
import { failureOf } from '../guard.js';
import type { KioskContext } from '../kiosk-context.js';
import { localAt } from '../kiosk-context.js';
import { KioskError } from '../kiosk-error.js';
import { appendRecord } from '../ledger/ledger-store.js';
import { requireOperator } from '../operators-check.js';
import type { Elder } from '../roster/elder-rows.js';
import type { WriteTx } from '../store/open.js';
import { markPhoneCodeUsed, phoneCodeUsed } from '../qr/verify-qr.js';
import { identify } from './identify.js';
import { mealsEaten } from './meals-eaten.js';
import type { CheckinOutcome, ElderView, Identity } from './outcome.js';

/** A second swipe of the same elder within this long is the same check-in, not a second meal. */
export const SAME_CHECKIN_MS = 10_000;

export interface CheckinRequest {
  readonly identity: Identity;
  readonly operatorId: string;
  /** How the personal part was paid; 'free' is implied when there is nothing to pay. Default cash. */
  readonly payment?: PaymentMethod;
  /** Sell without subsidy to this elder (after a refusal, e.g. a second lunch). */
  readonly fullPrice?: boolean;
  /** The price of what is sold, when it is not the period's standard meal. */
  readonly amount?: Fen;
  /** Entered afterwards from the paper roster: the time the meal was eaten (manager only). */
  readonly backfilledAt?: number;
}

export function checkIn(ctx: KioskContext, req: CheckinRequest): CheckinOutcome {
  try {
    return ctx.store.write((tx) => checkInTx(ctx, tx, req));
  } catch (e) {
    const failure = failureOf(e);
    if (failure === null) throw e;
    return { kind: 'failed', reason: failure.kind, message: failure.message };
  }
}

function checkInTx(ctx: KioskContext, tx: WriteTx, req: CheckinRequest): CheckinOutcome {
  const backfill = req.backfilledAt !== undefined;
  requireOperator(tx, req.operatorId, backfill ? 'manager' : 'cashier');
  const now = ctx.clock();
  const found = identify(tx, req.identity, now);
  if (!found.ok) return { kind: 'unidentified', reason: found.error.reason, message: found.error.message };
  const { elder, method, cardUid, qrNonce } = found.value;

  if (req.amount !== undefined && (!Number.isSafeInteger(req.amount) || req.amount < 0)) {
    throw new KioskError('invalid', message('sale.badAmount'));
  }
  // A back-filled meal was eaten during an outage: in the past, never in the future.
  if (req.backfilledAt !== undefined && req.backfilledAt > now) throw new KioskError('invalid', message('checkin.backfillFuture'));
  const atMs = req.backfilledAt ?? now;
  const at = isoInstant(atMs);
  const local = localAt(ctx, atMs);
  const policy = ctx.policies.inForce(local.date);
  const period = periodAt(policy, local.minutes);
  const view = elderView(elder, local.date);

  // A full-price sale is asked for on purpose, after the first result: never a repeated swipe.
  if (!backfill && req.fullPrice !== true) {
    const first = recentCheckin(tx, elder.id, local.date, atMs);
    if (first !== null) {
      return { kind: 'served', seq: first.seq, at: first.at, serviceDate: local.date, periodId: first.periodId, elder: view, meal: first.body, method: first.body.method, price: null, duplicate: true };
    }
  }
  // A phone code already spent is refused only after the same-check-in test above, so scanning it
  // twice within 10 s shows the first result (like a second swipe) instead of "used".
  if (qrNonce !== undefined && phoneCodeUsed(tx, qrNonce)) return { kind: 'unidentified', reason: 'qrUsed', message: message('qr.used') };

  const result = price({
    policy,
    elder,
    canteenRegion: ctx.identity.canteenRegion,
    serviceDate: local.date,
    periodId: period?.id ?? null,
    ...(req.amount === undefined ? {} : { amount: req.amount }),
    eaten: mealsEaten(tx, elder.id, local.date),
  });
  if (result.periodId === null || period === null) {
    throw new KioskError('invalid', message('checkin.outsidePeriods', { time: local.time.slice(0, 5) }));
  }
  if (!result.subsidised && result.refusal !== null && req.fullPrice !== true) {
    return { kind: 'refused', elder: view, price: result, message: result.refusal.message };
  }
  const sold = req.fullPrice === true ? withoutSubsidy(result) : result;
  // Checked against the upload schema before it is sealed: a record the hub would refuse is a bug here.
  const meal = checkinBodySchema.parse(checkinBody(elder, sold, result, { method, cardUid, backfill, payment: paymentFor(sold.personal, req.payment) }));
  // Spent in the same transaction as the record, and only when a meal is recorded: a refusal above
  // leaves the code usable; the primary key stops two racing scans from both getting here.
  if (qrNonce !== undefined) {
    // Marked at the real time of use, not a back-filled meal's time: pruning counts from when it was used.
    const spent = markPhoneCodeUsed(tx, qrNonce, elder.id, isoInstant(now));
    if (!spent.ok) return { kind: 'unidentified', reason: 'qrUsed', message: spent.error.message };
  }
  const record = appendRecord(tx, {
    deviceId: ctx.identity.deviceId,
    kind: 'checkin',
    at,
    serviceDate: local.date,
    periodId: period.id,
    elderId: elder.id,
    operatorId: req.operatorId,
    targetSeq: null,
    body: meal,
  });
  return { kind: 'served', seq: record.seq, at, serviceDate: local.date, periodId: period.id, elder: view, meal, method, price: sold, duplicate: false };
}

/**
 * The elder's last check-in of the day that was not voided. +l.kind: without it the planner may take
 * the (service_date, kind) index and read every check-in of the day; the elder's own rows are a handful.
 */
export const RECENT_CHECKIN_SQL = `SELECT l.seq, l.at, l.period_id, l.body FROM ledger l
  WHERE l.elder_id = ? AND l.service_date = ? AND +l.kind = 'checkin'
    AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq)
  ORDER BY l.seq DESC LIMIT 1`;

/** The elder's last check-in today if it was under SAME_CHECKIN_MS ago and not voided. */
function recentCheckin(tx: WriteTx, elderId: string, serviceDate: string, atMs: number): { seq: number; at: string; periodId: string; body: CheckinBody } | null {
  const row = tx
    .stmt<{ seq: number; at: string; period_id: string; body: string }>(RECENT_CHECKIN_SQL)
    .get(elderId, serviceDate);
  if (row === undefined) return null;
  const age = atMs - Date.parse(row.at);
  if (age < 0 || age >= SAME_CHECKIN_MS) return null;
  return { seq: row.seq, at: row.at, periodId: row.period_id, body: checkinBodySchema.parse(JSON.parse(row.body)) };
}

function withoutSubsidy(r: PriceResult): PriceResult {
  return { ...r, subsidy: 0, personal: r.standard, subsidised: false, funding: [], operatorSubsidy: 0 };
}

function paymentFor(personal: Fen, asked: PaymentMethod | undefined): PaymentMethod {
  if (personal === 0) return 'free';
  if (asked === 'free') throw new KioskError('invalid', message('checkin.notFree'));
  return asked ?? 'cash';
}

function checkinBody(
  elder: Elder,
  sold: PriceResult,
  priced: PriceResult,
  how: { method: CheckinBody['method']; cardUid: string | null; backfill: boolean; payment: PaymentMethod },
): CheckinBody {
  const facts = priced.facts;
  if (facts === null) throw new Error('a registered elder always has facts');
  return {
    method: how.method,
    cardUid: how.cardUid,
    policyId: sold.policy?.id ?? null,
    policyVersion: sold.policy?.version ?? null,
    tierId: sold.tier?.id ?? null,
    standard: sold.standard,
    subsidy: sold.subsidy,
    personal: sold.personal,
    funding: sold.funding.map((f) => ({ source: f.source, amount: f.amount })),
    operatorSubsidy: sold.operatorSubsidy,
    payment: how.payment,
    facts: {
      age: facts.age,
      ageBand: facts.ageBand,
      statuses: [...facts.statuses],
      hukouRegion: elder.hukouRegion,
      residenceRegion: elder.residenceRegion,
      careHome: elder.careHome,
    },
    refusal: priced.refusal?.code ?? null,
    backfilled: how.backfill,
  };
}

export function elderView(e: Elder, serviceDate: string): ElderView {
  const age = ageOn(e.birthDate, serviceDate);
  return { id: e.id, name: e.name, idMasked: e.idMasked, age, ageBand: ageBand(age), dietAlert: e.dietAlert, hasPhoto: e.hasPhoto };
}

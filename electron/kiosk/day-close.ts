/**
 * Day close (日结): the day's totals and the chain head, appended as a 'close' record; after it the
 * date takes no more records. The report of an open day is the same reckoning, not recorded.
 */
import { message } from '../../shared/i18n/text.js';
import type { CloseBody, DayTotals } from '../../shared/ledger/bodies.js';
import { closeBodySchema } from '../../shared/ledger/bodies.js';
import { policyInForce } from '../../shared/policy/select.js';
import { dayTotals } from '../../shared/ledger/day-totals.js';
import type { LedgerContent } from '../../shared/ledger/envelope.js';
import type { Result } from '../../shared/result.js';
import { isoInstant } from './clock.js';
import { guard } from './guard.js';
import type { KioskFailure } from './guard.js';
import type { KioskContext } from './kiosk-context.js';
import { localAt } from './kiosk-context.js';
import { KioskError } from './kiosk-error.js';
import { appendRecord, dayCloseSeq, head, rowToRecord } from './ledger/ledger-store.js';
import { requireOperator } from './operators-check.js';
import type { ReadHandle } from './store/open.js';

export interface DayReport {
  readonly serviceDate: string;
  readonly closed: boolean;
  /** The close record's seq and time, when closed. */
  readonly close: { readonly seq: number; readonly at: string } | null;
  readonly totals: DayTotals;
  /** Cash the drawer should hold from meals (the elders' parts paid in cash and cash sales). */
  readonly cashExpected: number;
}

const DAY_ROWS = `SELECT seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash
  FROM ledger WHERE service_date = ? ORDER BY seq`;

function dayRecords(read: ReadHandle, serviceDate: string): LedgerContent[] {
  return read
    .stmt(DAY_ROWS)
    .all(serviceDate)
    .map((row) => {
      const r = rowToRecord(row);
      if (!r.ok) throw new KioskError('invalid', message('close.badRecord', { date: serviceDate }));
      return r.value;
    });
}

/** The budgets in the policy's order; a day no version covers (nothing priced) takes the latest's. */
function fundingOrder(ctx: KioskContext, date: string): string[] {
  const policy = policyInForce(ctx.policies.all(), date) ?? ctx.policies.latest();
  return policy.funding.map((f) => f.id);
}

function cashOf(t: DayTotals): number {
  return t.personalByPayment.find((p) => p.payment === 'cash')?.amount ?? 0;
}

export function dayReport(ctx: KioskContext, serviceDate: string): Result<DayReport, KioskFailure> {
  return guard(() => {
    const records = dayRecords(ctx.store.read, serviceDate);
    const close = records.find((r) => r.kind === 'close');
    if (close !== undefined) {
      const body = closeBodySchema.parse(close.body);
      return { serviceDate, closed: true, close: { seq: close.seq, at: close.at }, totals: body.totals, cashExpected: cashOf(body.totals) };
    }
    const totals = dayTotals(serviceDate, records, fundingOrder(ctx, serviceDate));
    return { serviceDate, closed: false, close: null, totals, cashExpected: cashOf(totals) };
  });
}

export function closeDay(ctx: KioskContext, req: { serviceDate: string; operatorId: string }): Result<DayReport, KioskFailure> {
  return guard(() =>
    ctx.store.write((tx) => {
      requireOperator(tx, req.operatorId);
      const atMs = ctx.clock();
      const today = localAt(ctx, atMs).date;
      if (req.serviceDate > today) throw new KioskError('invalid', message('close.future', { date: req.serviceDate }));
      if (dayCloseSeq(tx, req.serviceDate) !== null) throw new KioskError('dayClosed', message('close.already', { date: req.serviceDate }));
      const totals = dayTotals(req.serviceDate, dayRecords(tx, req.serviceDate), fundingOrder(ctx, req.serviceDate));
      const body: CloseBody = { totals, head: head(tx) };
      const at = isoInstant(atMs);
      const record = appendRecord(tx, {
        deviceId: ctx.identity.deviceId,
        kind: 'close',
        at,
        serviceDate: req.serviceDate,
        periodId: null,
        elderId: null,
        operatorId: req.operatorId,
        targetSeq: null,
        body,
      });
      return { serviceDate: req.serviceDate, closed: true, close: { seq: record.seq, at }, totals, cashExpected: cashOf(totals) };
    }),
  );
}

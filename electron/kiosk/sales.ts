/** A full-price meal sold to anyone (全人群服务): no elder named, its own ledger record. */
import { message } from '../../shared/i18n/text.js';
import type { SaleBody } from '../../shared/ledger/bodies.js';
import type { Fen } from '../../shared/money.js';
import type { PaymentMethod } from '../../shared/payment.js';
import { periodAt } from '../../shared/policy/select.js';
import type { Result } from '../../shared/result.js';
import { isoInstant } from './clock.js';
import { guard } from './guard.js';
import type { KioskFailure } from './guard.js';
import type { KioskContext } from './kiosk-context.js';
import { localAt } from './kiosk-context.js';
import { KioskError } from './kiosk-error.js';
import { appendRecord } from './ledger/ledger-store.js';
import { requireOperator } from './operators-check.js';

export interface SaleRequest {
  readonly operatorId: string;
  /** The meal period; the one the clock is in when absent. */
  readonly periodId?: string;
  /** Price of one meal; the period's standard price when absent. */
  readonly amount?: Fen;
  readonly quantity?: number;
  readonly payment?: Exclude<PaymentMethod, 'free'>;
  readonly backfilledAt?: number;
}

export interface Sold {
  readonly seq: number;
  readonly at: string;
  readonly serviceDate: string;
  readonly periodId: string;
  readonly sale: SaleBody;
}

export function sell(ctx: KioskContext, req: SaleRequest): Result<Sold, KioskFailure> {
  return guard(() =>
    ctx.store.write((tx) => {
      const backfill = req.backfilledAt !== undefined;
      requireOperator(tx, req.operatorId, backfill ? 'manager' : 'cashier');
      const now = ctx.clock();
      if (req.backfilledAt !== undefined && req.backfilledAt > now) throw new KioskError('invalid', message('checkin.backfillFuture'));
      const atMs = req.backfilledAt ?? now;
      const local = localAt(ctx, atMs);
      const policy = ctx.policies.inForce(local.date);
      const period =
        req.periodId === undefined ? periodAt(policy, local.minutes) : (policy.periods.find((p) => p.id === req.periodId) ?? null);
      if (period === null) {
        throw new KioskError(
          'invalid',
          req.periodId === undefined ? message('checkin.outsidePeriods', { time: local.time.slice(0, 5) }) : message('sale.unknownPeriod', { period: req.periodId }),
        );
      }
      const quantity = req.quantity ?? 1;
      if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 100) throw new KioskError('invalid', message('sale.badQuantity'));
      const each = req.amount ?? period.standardPrice;
      if (!Number.isSafeInteger(each) || each < 0) throw new KioskError('invalid', message('sale.badAmount'));
      const total = each * quantity;
      const sale: SaleBody = { standard: total, personal: total, payment: req.payment ?? 'cash', quantity, backfilled: backfill };
      const at = isoInstant(atMs);
      const record = appendRecord(tx, {
        deviceId: ctx.identity.deviceId,
        kind: 'sale',
        at,
        serviceDate: local.date,
        periodId: period.id,
        elderId: null,
        operatorId: req.operatorId,
        targetSeq: null,
        body: sale,
      });
      return { seq: record.seq, at, serviceDate: local.date, periodId: period.id, sale };
    }),
  );
}

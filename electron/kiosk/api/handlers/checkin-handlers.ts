/**
 * The check-in screen's methods: a scan, a manual pick, a full-price meal after a refusal, a
 * back-filled meal from the paper roster, the elder search, full-price sales, recent records and
 * voids. Every outcome of a check-in goes to the elder-facing display too.
 */
import { localToInstant } from '../../../../shared/dates.js';
import { message } from '../../../../shared/i18n/text.js';
import type { CheckinView } from '../../../../shared/kiosk-api/views.js';
import type { CheckinRequest } from '../../checkin/checkin.js';
import type { Identity } from '../../checkin/outcome.js';
import { localAt } from '../../kiosk-context.js';
import { classifyScan } from '../../readers/classify-scan.js';
import { getElder, searchElders } from '../../roster/roster-store.js';
import { ageOn } from '../../../../shared/dates.js';
import { ageBand } from '../../../../shared/pricing/age-band.js';
import type { DisplayBoard } from '../display-board.js';
import { fromKioskFailure, unwrap } from '../failures.js';
import { ApiFailure } from '../handler-types.js';
import type { HandlerContext, Handlers } from '../handler-types.js';
import { loadUiSettings } from '../ui-settings.js';
import { checkinView, displayFor, periodView } from '../views/checkin-view.js';
import { recentRecords } from '../views/records-view.js';

export function checkinHandlers(display: DisplayBoard) {
  function run(ctx: HandlerContext, req: Omit<CheckinRequest, 'operatorId'>): CheckinView {
    const view = checkinView(ctx.kiosk, ctx.kiosk.checkIn({ ...req, operatorId: ctx.actorId }));
    display.show(displayFor(view));
    return view;
  }

  function manual(ctx: HandlerContext, elderId: string): Identity {
    if (getElder(ctx.kiosk.context.store.read, elderId) === undefined) throw new ApiFailure('notFound', message('api.elderNotFound'));
    return { kind: 'manual', elderId };
  }

  return {
    'checkin.scan': (input, ctx) => {
      const uidFormat = loadUiSettings(ctx.kiosk.context.store.read).wedge.uidFormat;
      const identity = classifyScan(input.text, { uidFormat });
      if (identity.kind === 'unreadable') {
        const view: CheckinView = { kind: 'unidentified', reason: 'unreadable', message: identity.message };
        display.show(displayFor(view));
        return view;
      }
      return run(ctx, { identity, payment: input.payment });
    },
    'checkin.manual': (input, ctx) => run(ctx, { identity: manual(ctx, input.elderId), payment: input.payment }),
    'checkin.fullPrice': (input, ctx) => run(ctx, { identity: manual(ctx, input.elderId), payment: input.payment, fullPrice: true }),
    'checkin.backfill': (input, ctx) => {
      const policy = ctx.kiosk.context.policies.inForce(input.serviceDate);
      const period = policy.periods.find((p) => p.id === input.periodId);
      if (period === undefined) throw new ApiFailure('refused', message('sale.unknownPeriod', { period: input.periodId }));
      // The paper roster says the day and the meal, not the minute: the period's first minute stands for it.
      const at = localToInstant(input.serviceDate, period.start, policy.timeZone);
      return run(ctx, { identity: manual(ctx, input.elderId), payment: input.payment, backfilledAt: at });
    },
    'elders.search': (input, ctx) => {
      const read = ctx.kiosk.context.store.read;
      const today = localAt(ctx.kiosk.context, ctx.kiosk.context.clock()).date;
      return searchElders(read, input.query, { limit: 20 }).map((e) => {
        const age = ageOn(e.birthDate, today);
        return { id: e.id, name: e.name, idMasked: e.idMasked, age, ageBand: ageBand(age), dietAlert: e.dietAlert, hasPhoto: e.hasPhoto, active: e.active };
      });
    },
    'sale.sell': (input, ctx) => {
      const sold = unwrap(
        ctx.kiosk.sell({
          operatorId: ctx.actorId,
          quantity: input.quantity,
          payment: input.payment,
          ...(input.amount === undefined ? {} : { amount: input.amount }),
          ...(input.periodId === undefined ? {} : { periodId: input.periodId }),
        }),
        fromKioskFailure,
      );
      const policy = ctx.kiosk.context.policies.inForce(sold.serviceDate);
      const period = policy.periods.find((p) => p.id === sold.periodId) ?? policy.periods[0];
      if (period === undefined) throw new ApiFailure('internal', message('api.internal'));
      return {
        seq: sold.seq,
        at: sold.at,
        serviceDate: sold.serviceDate,
        period: periodView(period),
        quantity: sold.sale.quantity,
        total: sold.sale.personal,
        payment: sold.sale.payment === 'qrExternal' ? 'qrExternal' : 'cash',
        backfilled: sold.sale.backfilled,
      };
    },
    'records.recent': (input, ctx) => recentRecords(ctx.kiosk.context.store.read, input.limit),
    'records.void': (input, ctx) => {
      const v = unwrap(ctx.kiosk.voidRecord({ seq: input.seq, reason: input.reason, operatorId: ctx.actorId }), fromKioskFailure);
      return { seq: v.seq, targetSeq: v.targetSeq, at: v.at };
    },
  } satisfies Handlers<
    'checkin.scan' | 'checkin.manual' | 'checkin.fullPrice' | 'checkin.backfill' | 'elders.search' | 'sale.sell' | 'records.recent' | 'records.void'
  >;
}

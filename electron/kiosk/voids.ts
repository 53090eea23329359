/**
 * A void: a new record that points at the one it reverses — never an edit. A manager only, with a
 * reason, on the same service date as the meal (yesterday's day is reckoned; fix it at the hub).
 */
import { message } from '../../shared/i18n/text.js';
import type { Result } from '../../shared/result.js';
import { isoInstant } from './clock.js';
import { guard } from './guard.js';
import type { KioskFailure } from './guard.js';
import type { KioskContext } from './kiosk-context.js';
import { localAt } from './kiosk-context.js';
import { KioskError } from './kiosk-error.js';
import { appendRecord } from './ledger/ledger-store.js';
import { requireOperator } from './operators-check.js';

export interface VoidRequest {
  readonly seq: number;
  readonly reason: string;
  readonly operatorId: string;
}

export interface Voided {
  readonly seq: number;
  readonly targetSeq: number;
  readonly at: string;
  readonly serviceDate: string;
}

interface TargetRow {
  kind: string;
  service_date: string;
  period_id: string | null;
  elder_id: string | null;
}

export function voidRecord(ctx: KioskContext, req: VoidRequest): Result<Voided, KioskFailure> {
  return guard(() =>
    ctx.store.write((tx) => {
      requireOperator(tx, req.operatorId, 'manager');
      const reason = req.reason.trim();
      if (reason === '' || reason.length > 200) throw new KioskError('invalid', message('void.needsReason'));
      const target = tx
        .stmt<TargetRow>('SELECT kind, service_date, period_id, elder_id FROM ledger WHERE seq = ?')
        .get(req.seq);
      if (target === undefined) throw new KioskError('notFound', message('void.noSuchRecord', { seq: req.seq }));
      if (target.kind !== 'checkin' && target.kind !== 'sale') throw new KioskError('invalid', message('void.notAMeal', { seq: req.seq }));
      const already = tx.stmt<{ seq: number }>('SELECT seq FROM ledger WHERE target_seq = ?').get(req.seq);
      if (already !== undefined) throw new KioskError('invalid', message('void.alreadyVoided', { seq: req.seq, by: already.seq }));
      const atMs = ctx.clock();
      const today = localAt(ctx, atMs).date;
      if (target.service_date !== today) {
        throw new KioskError('invalid', message('void.otherDay', { seq: req.seq, date: target.service_date }));
      }
      const at = isoInstant(atMs);
      const record = appendRecord(tx, {
        deviceId: ctx.identity.deviceId,
        kind: 'void',
        at,
        serviceDate: target.service_date,
        periodId: target.period_id,
        elderId: target.elder_id,
        operatorId: req.operatorId,
        targetSeq: req.seq,
        body: { reason },
      });
      return { seq: record.seq, targetSeq: req.seq, at, serviceDate: target.service_date };
    }),
  );
}

/**
 * The recent records list (for a void): the last N records, newest first, with the elder's and the
 * operator's names and whether a later void reversed each. Read straight from the ledger — the
 * ledger is the only record of what happened.
 */
import { z } from 'zod';
import { IDENTIFY_METHODS } from '../../../../shared/ledger/bodies.js';
import type { RecordView } from '../../../../shared/kiosk-api/views.js';
import { PAYMENT_METHODS } from '../../../../shared/payment.js';
import type { ReadHandle } from '../../store/open.js';

export const RECENT_RECORDS_SQL = `SELECT l.seq, l.kind, l.at, l.service_date, l.period_id, l.target_seq, l.body,
    e.name AS elder_name, o.name AS operator_name,
    EXISTS (SELECT 1 FROM ledger v WHERE v.target_seq = l.seq) AS voided
  FROM ledger l
  LEFT JOIN elders e ON e.id = l.elder_id
  LEFT JOIN operators o ON o.id = l.operator_id
  ORDER BY l.seq DESC LIMIT ?`;

const rowSchema = z.object({
  seq: z.int().positive(),
  kind: z.enum(['checkin', 'sale', 'void', 'close']),
  at: z.string(),
  service_date: z.string(),
  period_id: z.string().nullable(),
  target_seq: z.int().nullable(),
  body: z.string(),
  elder_name: z.string().nullable(),
  operator_name: z.string().nullable(),
  voided: z.union([z.literal(0), z.literal(1)]),
});

// Only the fields the list shows; a body that lacks them shows 0 rather than failing the whole list.
const moneyBodySchema = z.object({
  standard: z.int().min(0).catch(0),
  personal: z.int().min(0).catch(0),
  payment: z.enum(PAYMENT_METHODS).nullable().catch(null),
  method: z.enum(IDENTIFY_METHODS).nullable().catch(null),
  backfilled: z.boolean().catch(false),
});

export function recentRecords(read: ReadHandle, limit: number): RecordView[] {
  return read
    .stmt(RECENT_RECORDS_SQL)
    .all(limit)
    .map((raw) => {
      const r = rowSchema.parse(raw);
      const money = r.kind === 'checkin' || r.kind === 'sale';
      const body = moneyBodySchema.parse(money ? JSON.parse(r.body) : {});
      return {
        seq: r.seq,
        kind: r.kind,
        at: r.at,
        serviceDate: r.service_date,
        periodId: r.period_id,
        elderName: r.elder_name,
        personal: money ? body.personal : 0,
        standard: money ? body.standard : 0,
        payment: money ? (body.payment ?? null) : null,
        method: r.kind === 'checkin' ? (body.method ?? null) : null,
        backfilled: body.backfilled,
        targetSeq: r.target_seq,
        voided: r.voided === 1,
        operatorName: r.operator_name,
      };
    });
}

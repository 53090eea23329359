/**
 * A batch's day closes: each kiosk's totals beside the hub's recount of that device's day (the same
 * dayTotals the kiosk ran), stored together; a disagreement is flagged. The recount covers the
 * device's records of the date before the close. Most of them are in the batch itself (a busy day is
 * ~200 records, a batch up to 500): those are counted from memory, and only the records the hub held
 * before the batch are read — one query for every close of the batch, one INSERT for their rows.
 */
import { z } from 'zod';
import { dbInt, dbInstant, dbLocalDate, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import type { DayTotals } from '../../shared/ledger/bodies.js';
import { dayTotals } from '../../shared/ledger/day-totals.js';
import type { ParsedBodies } from '../../shared/ledger/day-totals.js';
import { jsonObjectSchema } from '../../shared/ledger/envelope.js';
import type { LedgerContent } from '../../shared/ledger/envelope.js';
import type { AnomalyDraft } from './anomalies.js';
import type { CheckedRecord } from './check-batch.js';
import { insertRows } from './sql-rows.js';

export type CheckedClose = Extract<CheckedRecord, { kind: 'close' }>;
type CheckedCheckin = Extract<CheckedRecord, { kind: 'checkin' }>;
type CheckedSale = Extract<CheckedRecord, { kind: 'sale' }>;

const ledgerRow = z.object({
  seq: dbInt,
  device_id: z.string(),
  kind: z.enum(['checkin', 'sale', 'void', 'close']),
  at: dbInstant,
  service_date: dbLocalDate,
  period_id: z.string().nullable(),
  elder_id: z.string().nullable(),
  operator_id: z.string(),
  target_seq: dbInt.nullable(),
  body: jsonObjectSchema,
});

const totalsOf = (t: DayTotals): string => `${t.totals.meals}|${t.totals.standard}|${t.totals.subsidy}|${t.totals.personal}`;

/** The device's records of each closed date, in seq order: those held before the batch, then the batch's. */
async function recordsOfDates(
  tx: HubQueries,
  input: { readonly deviceId: string; readonly heldSeq: number; readonly dates: readonly string[]; readonly batch: readonly CheckedRecord[] },
): Promise<Map<string, LedgerContent[]>> {
  const byDate = new Map<string, LedgerContent[]>(input.dates.map((d) => [d, []]));
  if (input.heldSeq > 0) {
    const rows = await tx.query(
      `SELECT seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body FROM ledger_records
       WHERE device_id = $1 AND service_date = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::date)) AND seq <= $3 ORDER BY seq`,
      [input.deviceId, jsonParam(input.dates), input.heldSeq],
      ledgerRow,
    );
    for (const x of rows) {
      byDate.get(x.service_date)?.push({
        seq: x.seq,
        deviceId: x.device_id,
        kind: x.kind,
        at: x.at,
        serviceDate: x.service_date,
        periodId: x.period_id,
        elderId: x.elder_id,
        operatorId: x.operator_id,
        targetSeq: x.target_seq,
        body: x.body,
      });
    }
  }
  for (const { record } of input.batch) byDate.get(record.serviceDate)?.push(record);
  return byDate;
}

/** Stores the batch's closes (in one statement) and returns a closeMismatch for each that disagrees. */
export async function storeCloses(
  tx: HubQueries,
  input: {
    readonly deviceId: string;
    readonly canteenId: number;
    /** The head the hub held before this batch: records up to it are read, the rest are `batch`. */
    readonly heldSeq: number;
    readonly closes: readonly CheckedClose[];
    /** The batch's new records, in seq order. */
    readonly batch: readonly CheckedRecord[];
    readonly receivedAt: string;
  },
): Promise<AnomalyDraft[]> {
  const { deviceId, closes } = input;
  if (closes.length === 0) return [];
  const byDate = await recordsOfDates(tx, { deviceId, heldSeq: input.heldSeq, dates: [...new Set(closes.map((c) => c.record.serviceDate))], batch: input.batch });
  // The batch's bodies were parsed by checkBodies: the recount reuses them instead of parsing again.
  const parsed = new Map<LedgerContent, { kind: 'checkin'; body: CheckedCheckin['body'] } | { kind: 'sale'; body: CheckedSale['body'] }>();
  for (const c of input.batch) {
    if (c.kind === 'checkin') parsed.set(c.record, { kind: 'checkin', body: c.body });
    else if (c.kind === 'sale') parsed.set(c.record, { kind: 'sale', body: c.body });
  }
  const known: ParsedBodies = parsed;
  const rows: [string, number, number, string, string, string, boolean, string][] = [];
  const anomalies: AnomalyDraft[] = [];
  for (const close of closes) {
    const r = close.record;
    const before = (byDate.get(r.serviceDate) ?? []).filter((x) => x.seq < r.seq);
    const recounted = dayTotals(r.serviceDate, before, close.body.totals.subsidyBySource.map((s) => s.source), known);
    const matches = totalsOf(recounted) === totalsOf(close.body.totals);
    rows.push([deviceId, r.seq, input.canteenId, r.serviceDate, jsonParam(close.body.totals), jsonParam(recounted), matches, input.receivedAt]);
    if (matches) continue;
    anomalies.push({
      kind: 'closeMismatch',
      dedupeKey: `closeMismatch|${deviceId}|${r.seq}`,
      serviceDate: r.serviceDate,
      details: { claimed: { ...close.body.totals.totals }, recounted: { ...recounted.totals } },
      records: [{ deviceId, seq: r.seq }],
    });
  }
  await insertRows(tx, 'day_closes', ['device_id', 'seq', 'canteen_id', 'service_date', 'claimed', 'recounted', 'matches', 'received_at'], rows, {
    casts: { canteen_id: '::bigint', service_date: '::date', claimed: '::jsonb', recounted: '::jsonb', received_at: '::timestamptz' },
  });
  return anomalies;
}

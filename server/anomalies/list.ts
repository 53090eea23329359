/**
 * Anomalies for district staff: a filtered list, newest first, paged by a cursor (the last id seen,
 * so a page never repeats or skips a row while new anomalies arrive), and one anomaly with the
 * ledger records behind it.
 */
import { z } from 'zod';
import { dbInstant, dbInt, dbLocalDate } from '../db/index.js';
import type { HubQueries, SqlParam } from '../db/index.js';
import { isLocalDate } from '../../shared/dates.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { AnomalyDetail, AnomalyKind, AnomalyPage } from '../../shared/hub-api/counting-views.js';
import { requireMemberOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { requireReader } from '../counting/access.js';
import type { ReadRefusal } from '../counting/access.js';
import { ANOMALY_SELECT, anomalyRow, toAnomaly } from './anomaly-row.js';

export const MAX_PAGE = 500;

export interface AnomalyFilter {
  readonly districtId: number;
  readonly status?: 'open' | 'resolved' | undefined;
  readonly kind?: AnomalyKind | undefined;
  readonly canteenId?: number | null | undefined;
  /** Service dates, inclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | null | undefined;
}

export type ListRefusal = ReadRefusal | HubRefusal<'badFilter'>;

export async function listAnomalies(db: HubQueries, actor: Actor, f: AnomalyFilter): Promise<Result<AnomalyPage, ListRefusal>> {
  const allowed = await requireReader(db, actor, f.districtId, f.canteenId);
  if (!allowed.ok) return allowed;
  if (!Number.isInteger(f.limit) || f.limit < 1 || f.limit > MAX_PAGE) return refuse('badFilter', 'hub.anomaly.badLimit', { max: MAX_PAGE });
  if ((f.from !== undefined && !isLocalDate(f.from)) || (f.to !== undefined && !isLocalDate(f.to))) return refuse('badFilter', 'hub.count.badDate');
  const cursor = f.cursor ?? null;
  if (cursor !== null && !/^[1-9]\d{0,15}$/.test(cursor)) return refuse('badFilter', 'hub.anomaly.badCursor');

  const where = ['a.district_id = $1'];
  const params: SqlParam[] = [f.districtId];
  const add = (sql: (n: string) => string, value: SqlParam): void => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.status !== undefined) add((n) => `a.status = ${n}`, f.status);
  if (f.kind !== undefined) add((n) => `a.kind = ${n}`, f.kind);
  if (f.canteenId !== undefined && f.canteenId !== null) add((n) => `a.canteen_id = ${n}`, f.canteenId);
  if (f.from !== undefined) add((n) => `a.service_date >= ${n}::date`, f.from);
  if (f.to !== undefined) add((n) => `a.service_date <= ${n}::date`, f.to);
  if (cursor !== null) add((n) => `a.id < ${n}::bigint`, cursor);
  params.push(f.limit + 1);
  const rows = await db.query(`${ANOMALY_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT $${params.length}`, params, anomalyRow);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return ok({ anomalies: page.map(toAnomaly), nextCursor: rows.length > f.limit && last !== undefined ? String(last.id) : null });
}

const recordRow = z.object({
  device_id: z.string(),
  seq: dbInt,
  kind: z.enum(['checkin', 'sale', 'void', 'close']),
  at: dbInstant,
  service_date: dbLocalDate,
  period_id: z.string().nullable(),
  elder_id: z.string().nullable(),
  canteen_id: dbInt.nullable(),
  canteen_name: z.string().nullable(),
  claimed_subsidy: dbInt.nullable(),
  subsidy: dbInt.nullable(),
  voided: z.boolean(),
});

export async function getAnomaly(db: HubQueries, actor: Actor, id: number): Promise<Result<AnomalyDetail, ReadRefusal>> {
  const [row] = await db.query(`${ANOMALY_SELECT} WHERE a.id = $1`, [id], anomalyRow);
  if (row === undefined) return refuse('unknown', 'hub.anomaly.unknown');
  const allowed = requireMemberOf(actor, row.district_id);
  if (!allowed.ok) return allowed;
  const records = await db.query(
    `SELECT r.device_id, r.seq, l.kind, l.at, l.service_date, l.period_id, l.elder_id,
            d.canteen_id, c.name AS canteen_name, m.claimed_subsidy, m.subsidy, (m.voided_seq IS NOT NULL) AS voided
       FROM anomaly_records r
       JOIN ledger_records l ON l.device_id = r.device_id AND l.seq = r.seq
       JOIN devices d ON d.device_id = r.device_id
       LEFT JOIN canteens c ON c.id = d.canteen_id
       LEFT JOIN meals m ON m.device_id = r.device_id AND m.seq = r.seq
      WHERE r.anomaly_id = $1
      ORDER BY l.service_date, l.at, r.device_id, r.seq`,
    [id],
    recordRow,
  );
  return ok({
    anomaly: toAnomaly(row),
    records: records.map((r) => ({
      deviceId: r.device_id,
      seq: r.seq,
      kind: r.kind,
      at: r.at,
      serviceDate: r.service_date,
      periodId: r.period_id,
      elderId: r.elder_id,
      canteenId: r.canteen_id,
      canteenName: r.canteen_name,
      claimedSubsidy: r.claimed_subsidy,
      subsidy: r.subsidy,
      voided: r.voided,
    })),
  });
}

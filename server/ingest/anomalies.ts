/**
 * Anomalies the ingest raises, written idempotently: each has a dedupe key, so a replayed batch or a
 * second detector run flags once (INSERT … ON CONFLICT DO NOTHING), and the stored records behind it
 * are linked in anomaly_records. Keys name what they are about, e.g.
 *   reusedSeq:<device>:<seq>   gap:<device>:<from>-<to>   duplicateElder:<elder>:<date>:<period>
 * so another detector (the month-wide re-detection) that finds the same thing uses the same key.
 */
import { z } from 'zod';
import { dbInt, jsonParam } from '../db/index.js';
import type { HubQueries } from '../db/index.js';
import type { JsonObject } from '../../shared/ledger/envelope.js';
import { insertRows } from './sql-rows.js';

export const INGEST_ANOMALY_KINDS = [
  'duplicateElder',
  'chainBreak',
  'gap',
  'reusedSeq',
  'clockSkew',
  'lateUpload',
  'priceMismatch',
  'unknownPolicy',
  'closeMismatch',
  'forgedSignature',
  'afterOwnClose',
  'unknownPeriod',
] as const;
export type IngestAnomalyKind = (typeof INGEST_ANOMALY_KINDS)[number];

export interface RecordRef {
  readonly deviceId: string;
  readonly seq: number;
}

export interface AnomalyDraft {
  readonly kind: IngestAnomalyKind;
  readonly dedupeKey: string;
  readonly serviceDate: string | null;
  /** The kind's own figures, for the message and for whoever looks into it. */
  readonly details: JsonObject;
  /** Stored records behind it (a refused batch's records were never stored: their figures go in details). */
  readonly records: readonly RecordRef[];
  /** The canteen it is about, when not the uploading device's (null: it spans canteens). */
  readonly canteenId?: number | null;
}

export interface AnomalySource {
  readonly districtId: number;
  readonly canteenId: number;
  readonly deviceId: string;
  readonly detectedAt: string;
}

/** Drafts of one batch sharing a key become one, with the records of all (e.g. one lateUpload listing each late record). */
function merge(drafts: readonly AnomalyDraft[]): AnomalyDraft[] {
  const byKey = new Map<string, AnomalyDraft>();
  for (const d of drafts) {
    const seen = byKey.get(d.dedupeKey);
    byKey.set(d.dedupeKey, seen === undefined ? d : { ...seen, records: [...seen.records, ...d.records] });
  }
  return [...byKey.values()];
}

/** Writes the anomalies and links their records; three statements however many there are. */
export async function recordAnomalies(db: HubQueries, source: AnomalySource, drafts: readonly AnomalyDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const merged = merge(drafts);
  await insertRows(
    db,
    'anomalies',
    ['district_id', 'canteen_id', 'device_id', 'kind', 'service_date', 'dedupe_key', 'details', 'detected_at'],
    merged.map((d) => [source.districtId, d.canteenId === undefined ? source.canteenId : d.canteenId, source.deviceId, d.kind, d.serviceDate, d.dedupeKey, jsonParam(d.details), source.detectedAt]),
    { casts: { service_date: '::date', details: '::jsonb', detected_at: '::timestamptz', district_id: '::bigint', canteen_id: '::bigint' }, suffix: 'ON CONFLICT (district_id, dedupe_key) DO NOTHING' },
  );
  const withRecords = merged.filter((d) => d.records.length > 0);
  if (withRecords.length === 0) return;
  // The anomaly may be new or an earlier one with the same key: either way, its records are linked.
  const ids = await db.query(
    `SELECT id, dedupe_key FROM anomalies WHERE district_id = $1 AND dedupe_key = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
    [source.districtId, jsonParam(withRecords.map((d) => d.dedupeKey))],
    z.object({ id: dbInt, dedupe_key: z.string() }),
  );
  const idOf = new Map(ids.map((r) => [r.dedupe_key, r.id]));
  const links = new Map<string, [number, string, number]>();
  for (const d of withRecords) {
    const id = idOf.get(d.dedupeKey);
    if (id === undefined) continue;
    for (const r of d.records) links.set(`${id}\u0000${r.deviceId}\u0000${r.seq}`, [id, r.deviceId, r.seq]);
  }
  await insertRows(db, 'anomaly_records', ['anomaly_id', 'device_id', 'seq'], [...links.values()], {
    casts: { anomaly_id: '::bigint', seq: '::bigint' },
    suffix: 'ON CONFLICT DO NOTHING',
  });
}

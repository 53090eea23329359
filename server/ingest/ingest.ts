/**
 * ingestBatch: what the hub does with a kiosk's upload (POST /api/v1/upload), in the order
 * docs/hub-ingest.md describes — shape, device, signature, run, bodies (no database lock held), then
 * in one transaction: fit to the held chain, store, re-price, count, flag. Every attempt that names a
 * known device leaves a row in `uploads`; a refused one leaves only that row (and its anomaly), written
 * after the rolled-back work, so nothing of a refused batch is stored and nothing before it is lost.
 */
import { z } from 'zod';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubDb, HubQueries } from '../db/index.js';
import { MAX_UPLOAD_BYTES } from '../../shared/hub-api/upload.js';
import type { UploadBatch, UploadRefused, UploadResponse } from '../../shared/hub-api/upload.js';
import { message } from '../../shared/i18n/index.js';
import type { Locale } from '../../shared/i18n/index.js';
import { recordAnomalies } from './anomalies.js';
import type { AnomalyDraft } from './anomalies.js';
import { checkBodies, checkRun, checkShape, claimedDeviceId } from './check-batch.js';
import { refusalReason, refusedResponse } from './refusal.js';
import type { IngestRefusal } from './refusal.js';
import { batchSignatureValid } from './signature.js';
import { storeBatch } from './store-batch.js';
import type { IngestDevice } from './store-batch.js';

export interface IngestInput {
  /** The request body after JSON.parse: anything at all. */
  readonly body: unknown;
  /** The hub's clock when the request arrived (UTC ISO with ms). */
  readonly receivedAt: string;
  /** The language of the refusal message (from Accept-Language); zh-CN by default. */
  readonly locale?: Locale;
}

const deviceRow = z.object({
  device_id: z.string(),
  canteen_id: dbInt,
  district_id: dbInt,
  region_code: z.string(),
  public_key: z.string(),
  revoked_at: dbInstant.nullable(),
});
type DeviceRow = z.infer<typeof deviceRow>;

async function findDevice(db: HubQueries, deviceId: string): Promise<DeviceRow | null> {
  const [row] = await db.query(
    `SELECT d.device_id, d.canteen_id, c.district_id, c.region_code, d.public_key, d.revoked_at
     FROM devices d JOIN canteens c ON c.id = d.canteen_id WHERE d.device_id = $1`,
    [deviceId],
    deviceRow,
  );
  return row ?? null;
}

interface LogEntry {
  readonly deviceId: string;
  readonly receivedAt: string;
  readonly batch: UploadBatch | null;
  readonly outcome: 'accepted' | IngestRefusal['kind'];
  readonly reason: string | null;
  readonly accepted: number;
  readonly duplicates: number;
}

async function logUpload(db: HubQueries, e: LogEntry): Promise<void> {
  const first = e.batch?.records[0];
  const last = e.batch?.records[e.batch.records.length - 1];
  await db.execute(
    `INSERT INTO uploads (device_id, received_at, sent_at, from_seq, to_seq, accepted, duplicates, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.deviceId, e.receivedAt, e.batch?.sentAt ?? null, first?.seq ?? null, last?.seq ?? null, e.accepted, e.duplicates, e.outcome, e.reason],
  );
}

/**
 * A refusal: logged against the device when the hub knows it, with its anomalies, in a transaction
 * of its own (the batch's own work, if any, has already rolled back).
 */
async function refuseUpload(
  db: HubDb,
  refusal: IngestRefusal,
  ctx: { readonly device: DeviceRow | null; readonly batch: UploadBatch | null; readonly receivedAt: string; readonly locale: Locale; readonly anomalies?: readonly AnomalyDraft[] },
): Promise<UploadRefused> {
  const { device } = ctx;
  if (device !== null) {
    await db.transaction(async (tx) => {
      await logUpload(tx, { deviceId: device.device_id, receivedAt: ctx.receivedAt, batch: ctx.batch, outcome: refusal.kind, reason: refusalReason(refusal), accepted: 0, duplicates: 0 });
      await recordAnomalies(tx, { districtId: device.district_id, canteenId: device.canteen_id, deviceId: device.device_id, detectedAt: ctx.receivedAt }, ctx.anomalies ?? []);
    });
  }
  return refusedResponse(refusal, ctx.locale);
}

/**
 * For the HTTP layer: a body it could not read — larger than MAX_UPLOAD_BYTES ('tooLarge') or not
 * JSON ('badRequest'). Logged like any other refusal when `deviceId` (e.g. from a header) names an
 * enrolled device.
 */
export async function refuseUnreadable(
  db: HubDb,
  input: { readonly kind: 'tooLarge' | 'badRequest'; readonly receivedAt: string; readonly locale?: Locale; readonly deviceId?: string },
): Promise<UploadRefused> {
  const refusal: IngestRefusal =
    input.kind === 'tooLarge'
      ? { kind: 'tooLarge', message: message('hub.ingest.tooLargeBytes', { max: MAX_UPLOAD_BYTES }) }
      : { kind: 'badRequest', message: message('hub.ingest.unreadable') };
  const device = input.deviceId === undefined ? null : await findDevice(db, input.deviceId);
  return refuseUpload(db, refusal, { device, batch: null, receivedAt: input.receivedAt, locale: input.locale ?? 'zh-CN' });
}

export async function ingestBatch(db: HubDb, input: IngestInput): Promise<UploadResponse> {
  const locale = input.locale ?? 'zh-CN';
  const { receivedAt } = input;

  const shape = checkShape(input.body);
  if (!shape.ok) {
    const named = claimedDeviceId(input.body);
    const device = named === null ? null : await findDevice(db, named);
    return refuseUpload(db, shape.error, { device, batch: null, receivedAt, locale });
  }
  const { batch, contents } = shape.value;
  const device = await findDevice(db, batch.deviceId);
  if (device === null) {
    return refusedResponse({ kind: 'unknownDevice', message: message('hub.ingest.unknownDevice', { deviceId: batch.deviceId }) }, locale);
  }
  const ctx = { device, batch, receivedAt, locale };
  if (device.revoked_at !== null) {
    return refuseUpload(db, { kind: 'revoked', message: message('hub.ingest.revoked', { deviceId: batch.deviceId }) }, ctx);
  }
  const first = batch.records[0];
  const last = batch.records[batch.records.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('a parsed batch has at least one record');
  if (!batchSignatureValid(batch, device.public_key)) {
    // Someone holds the device id but not its key, or the batch was altered in transit: either way
    // the district should know, once per device and range.
    const forged: AnomalyDraft = {
      kind: 'forgedSignature',
      dedupeKey: `forgedSignature|${device.device_id}|${first.seq}-${last.seq}`,
      serviceDate: first.serviceDate,
      details: { fromSeq: first.seq, toSeq: last.seq, sentAt: batch.sentAt, receivedAt },
      records: [],
    };
    return refuseUpload(db, { kind: 'badSignature', message: message('hub.ingest.badSignature', { from: first.seq, to: last.seq }) }, { ...ctx, anomalies: [forged] });
  }
  const run = checkRun(batch, contents);
  if (!run.ok) return refuseUpload(db, run.error, ctx);
  const checked = checkBodies(batch);
  if (!checked.ok) return refuseUpload(db, checked.error, ctx);

  const ingestDevice: IngestDevice = { deviceId: device.device_id, canteenId: device.canteen_id, districtId: device.district_id, regionCode: device.region_code };
  const outcome = await db.transaction(
    async (tx) => {
      const stored = await storeBatch(tx, { device: ingestDevice, batch, records: checked.value, contents, receivedAt });
      if (!stored.ok) return stored;
      await recordAnomalies(tx, { districtId: device.district_id, canteenId: device.canteen_id, deviceId: device.device_id, detectedAt: receivedAt }, stored.anomalies);
      await logUpload(tx, { deviceId: device.device_id, receivedAt, batch, outcome: 'accepted', reason: null, accepted: stored.accepted, duplicates: stored.duplicates });
      return stored;
    },
    // Devices of one canteen add to the same daily cells: a deadlock between them (rare, rows are
    // locked in key order) rolls one back, and it simply runs again.
    { attempts: 3 },
  );
  if (!outcome.ok) return refuseUpload(db, outcome.refusal, { ...ctx, anomalies: outcome.anomalies });
  return { ok: true, accepted: outcome.accepted, duplicates: outcome.duplicates, head: outcome.head, serverTime: receivedAt };
}


/**
 * The upload wire format: what a kiosk sends the hub (POST /api/v1/upload) and what it gets back.
 * One definition for both sides. Change it additively only: kiosks of several versions talk to one hub.
 *
 * A batch is a run of consecutive records of one device's chain, in seq order, with one Ed25519
 * signature. The signature covers the batch's *statement* (which device, which seq range, the hash the
 * run starts from and the hash it ends at, and the kiosk's clock): because every record's hash covers its
 * content and the previous hash, signing the ends of the run signs every record in it. The hub checks
 * each record's hash and link, so one signature verification per batch is enough — and cheap at a
 * million records.
 */
import { z } from 'zod';
import { canonicalJson } from '../ledger/canonical.js';
import { hashHexSchema, ledgerRecordSchema } from '../ledger/envelope.js';
import type { LedgerRecord } from '../ledger/envelope.js';

/** The most records one batch may carry; the kiosk sends at most this many, the hub refuses more. */
export const MAX_BATCH_RECORDS = 500;
/** The largest request body the hub reads for an upload (a full batch is ~600 KB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Version of the signed statement's layout; a new layout gets a new number, never a silent change. */
export const UPLOAD_STATEMENT_VERSION = 1;

export const deviceIdSchema = z.string().min(1).max(100);

export const uploadBatchSchema = z.strictObject({
  deviceId: deviceIdSchema,
  /** The kiosk's clock when it sent the batch (UTC ISO with ms): the hub compares it with its own. */
  sentAt: z.iso.datetime({ precision: 3 }),
  /** Consecutive records of `deviceId`, seq ascending, 1 … MAX_BATCH_RECORDS of them. */
  records: z.array(ledgerRecordSchema).min(1).max(MAX_BATCH_RECORDS),
  /** Ed25519 signature of uploadStatementBytes(batch), base64 (64 bytes). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, { error: 'hub.upload.badSignatureShape' }),
});
export type UploadBatch = z.infer<typeof uploadBatchSchema>;

/** What the signature covers. */
export interface UploadStatement {
  readonly v: number;
  readonly deviceId: string;
  readonly sentAt: string;
  readonly fromSeq: number;
  readonly toSeq: number;
  /** prevHash of the first record: where the run joins the chain. */
  readonly fromPrevHash: string;
  /** hash of the last record. */
  readonly toHash: string;
  readonly count: number;
}

export function uploadStatement(batch: { readonly deviceId: string; readonly sentAt: string; readonly records: readonly LedgerRecord[] }): UploadStatement {
  const first = batch.records[0];
  const last = batch.records[batch.records.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('uploadStatement: a batch has at least one record');
  return {
    v: UPLOAD_STATEMENT_VERSION,
    deviceId: batch.deviceId,
    sentAt: batch.sentAt,
    fromSeq: first.seq,
    toSeq: last.seq,
    fromPrevHash: first.prevHash,
    toHash: last.hash,
    count: batch.records.length,
  };
}

/** The exact text that is signed (UTF-8 of this string): the canonical JSON of the statement, prefixed so it can never be mistaken for another signed thing. */
export function uploadStatementText(batch: { readonly deviceId: string; readonly sentAt: string; readonly records: readonly LedgerRecord[] }): string {
  return `zhucan-upload\n${canonicalJson(uploadStatement(batch))}`;
}

/**
 * Why the hub refused a batch. Nothing of a refused batch is stored; records before it stay stored.
 * - badRequest: not JSON, or not the shape above (message names the field)
 * - tooLarge: more than MAX_UPLOAD_BYTES or MAX_BATCH_RECORDS
 * - unknownDevice: no enrolled device with this id
 * - revoked: the device was revoked by the district
 * - badSignature: the signature does not verify with the device's registered key
 * - notConsecutive: the records in the batch are not one unbroken run (seq order, device, prevHash links)
 * - badHash: a record's hash does not match its content (it was edited after sealing)
 * - gap: the batch starts after the hub's head (records missing between); `expectedSeq` says where to resume
 * - tampered: a seq the hub holds arrived with other content (flagged as an anomaly for the district)
 * - forked: the batch's first new record does not link to the hub's head (the chain was rewritten)
 * - badRecord: a record's body is not valid for its kind (message names the record and field)
 */
export const UPLOAD_REFUSALS = [
  'badRequest',
  'tooLarge',
  'unknownDevice',
  'revoked',
  'badSignature',
  'notConsecutive',
  'badHash',
  'gap',
  'tampered',
  'forked',
  'badRecord',
] as const;
export type UploadRefusalKind = (typeof UPLOAD_REFUSALS)[number];

export const chainHeadSchema = z.strictObject({ seq: z.int().min(0), hash: hashHexSchema });
export type ChainHead = z.infer<typeof chainHeadSchema>;

/** 200: the batch was taken (all of it: new records stored, records already held acknowledged). */
export const uploadAcceptedSchema = z.strictObject({
  ok: z.literal(true),
  /** Records stored now. */
  accepted: z.int().min(0),
  /** Records the hub already held with the same hash (a replay): acknowledged, counted once. */
  duplicates: z.int().min(0),
  /** The hub's head of this device's chain after the batch: the kiosk deletes nothing, it just resumes after it. */
  head: chainHeadSchema,
  /** The hub's clock (UTC ISO with ms), so the kiosk can show how far off its own clock is. */
  serverTime: z.iso.datetime({ precision: 3 }),
});
export type UploadAccepted = z.infer<typeof uploadAcceptedSchema>;

/** 4xx: the batch was refused; `message` is in the language the request asked for (Accept-Language). */
export const uploadRefusedSchema = z.strictObject({
  ok: z.literal(false),
  kind: z.enum(UPLOAD_REFUSALS),
  message: z.string(),
  /** For gap / forked / tampered: the hub's head, so an honest kiosk knows where to resume. */
  head: chainHeadSchema.optional(),
  /** The seq the refusal is about, when there is one. */
  seq: z.int().min(1).optional(),
});
export type UploadRefused = z.infer<typeof uploadRefusedSchema>;

export const uploadResponseSchema = z.discriminatedUnion('ok', [uploadAcceptedSchema, uploadRefusedSchema]);
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** POST /api/v1/enrol — a kiosk registers its public key with a one-time code (no account needed). */
export const enrolRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  deviceId: deviceIdSchema,
  /** Ed25519 public key, SPKI DER or raw 32 bytes, base64. */
  publicKey: z.string().min(1).max(200),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolResponseSchema = z.strictObject({
  deviceId: deviceIdSchema,
  canteen: z.strictObject({ id: z.int(), name: z.string(), regionCode: z.string(), districtName: z.string() }),
  /** The district's Ed25519 public key (SPKI DER base64): checks what the hub sends down (policy, roster). */
  districtKey: z.string(),
  enrolledAt: z.iso.datetime({ precision: 3 }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

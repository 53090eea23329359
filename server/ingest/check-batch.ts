/**
 * The checks that need nothing but the batch itself: its shape, that its records are one unbroken run
 * of one device's chain (seq, link, hash), and that each body is valid for its kind. Pure; run before
 * the transaction, so a bad batch never holds a lock.
 */
import { createHash } from 'node:crypto';
import { MAX_BATCH_RECORDS, uploadBatchSchema } from '../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../shared/hub-api/upload.js';
import { message } from '../../shared/i18n/index.js';
import { checkinBodySchema, closeBodySchema, saleBodySchema, voidBodySchema } from '../../shared/ledger/bodies.js';
import type { CheckinBody, CloseBody, SaleBody, VoidBody } from '../../shared/ledger/bodies.js';
import { canonicalJson, CanonicalJsonError } from '../../shared/ledger/canonical.js';
import { ledgerRecordShapeSchema, recordContent } from '../../shared/ledger/envelope.js';
import type { LedgerRecord } from '../../shared/ledger/envelope.js';
import { parseWith } from '../../shared/parse.js';
import { z } from 'zod';
import type { ZodType } from 'zod';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { IngestRefusal } from './refusal.js';

/** A record with its body parsed for its kind. */
export type CheckedRecord =
  | { readonly kind: 'checkin'; readonly record: LedgerRecord; readonly body: CheckinBody; readonly elderId: string }
  | { readonly kind: 'sale'; readonly record: LedgerRecord; readonly body: SaleBody }
  | { readonly kind: 'void'; readonly record: LedgerRecord; readonly body: VoidBody; readonly targetSeq: number }
  | { readonly kind: 'close'; readonly record: LedgerRecord; readonly body: CloseBody };

/** The device id a body names, if it names one as a string: enough to log a malformed upload against its device. */
export function claimedDeviceId(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('deviceId' in body)) return null;
  const id: unknown = body.deviceId;
  return typeof id === 'string' && id.length >= 1 && id.length <= 100 ? id : null;
}

/**
 * The upload schema with each record's body checked only for being a plain object: whether it has a
 * canonical form is learnt from canonicalising it for its hash, once (see checkShape).
 */
const shapeOnlyBatchSchema = uploadBatchSchema.extend({ records: z.array(ledgerRecordShapeSchema).min(1).max(MAX_BATCH_RECORDS) });

/** A batch of the right shape, with each record's canonical content (what its hash covers), in order. */
export interface ShapedBatch {
  readonly batch: UploadBatch;
  readonly contents: readonly string[];
}

/** Each record's canonical content, or null when one has none (a float, a non-JSON value…). */
function canonicalContents(batch: UploadBatch): string[] | null {
  const out: string[] = [];
  try {
    for (const r of batch.records) out.push(canonicalJson(recordContent(r)));
  } catch (e) {
    if (e instanceof CanonicalJsonError) return null;
    throw e;
  }
  return out;
}

/**
 * Shape first; an over-long batch is 'tooLarge' (not a shape problem), so the kiosk knows to split it.
 * The hot path parses once and canonicalises each record once — the hash check needs that string
 * anyway, and producing it is exactly the "is this body hashable?" test the full record schema runs.
 * Anything that fails either goes through the full schema, so a refusal is worded as it always was.
 */
export function checkShape(body: unknown): Result<ShapedBatch, IngestRefusal> {
  if (typeof body === 'object' && body !== null && 'records' in body && Array.isArray(body.records) && body.records.length > MAX_BATCH_RECORDS) {
    return err({ kind: 'tooLarge', message: message('hub.ingest.tooLarge', { max: MAX_BATCH_RECORDS, count: body.records.length }) });
  }
  const fast = shapeOnlyBatchSchema.safeParse(body);
  if (fast.success) {
    const contents = canonicalContents(fast.data);
    if (contents !== null) return ok({ batch: fast.data, contents });
  }
  // Only a failing batch pays for the full schema and parseWith's worded problem list.
  const parsed = parseWith(uploadBatchSchema, body, 'hub.ingest.what.batch');
  if (!parsed.ok) return err({ kind: 'badRequest', message: parsed.error.message, problem: parsed.error });
  // The full schema accepted what the fast path did not (it should not happen): canonicalise anew.
  const contents = canonicalContents(parsed.value);
  if (contents === null) return err({ kind: 'badRequest', message: message('hub.ingest.unreadable') });
  return ok({ batch: parsed.value, contents });
}

/**
 * One unbroken run: each record of the batch's device, seq one more than the one before, linked by
 * prevHash, and hashing to its stated hash. Position and device first (they explain everything after
 * them), then the link, then the content — the order ChainVerifier uses.
 */
export function checkRun(batch: UploadBatch, contents?: readonly string[]): Result<void, IngestRefusal> {
  const first = batch.records[0];
  if (first === undefined) throw new RangeError('a parsed batch has at least one record');
  let prev: LedgerRecord | null = null;
  for (const [index, r] of batch.records.entries()) {
    const expected = first.seq + index;
    if (r.seq !== expected) {
      return err({ kind: 'notConsecutive', message: message('hub.ingest.notConsecutive.seq', { index, expected, found: r.seq }), seq: r.seq });
    }
    if (r.deviceId !== batch.deviceId) {
      return err({ kind: 'notConsecutive', message: message('hub.ingest.notConsecutive.device', { seq: r.seq, found: r.deviceId, deviceId: batch.deviceId }), seq: r.seq });
    }
    if (prev !== null && r.prevHash !== prev.hash) {
      return err({ kind: 'notConsecutive', message: message('hub.ingest.notConsecutive.link', { seq: r.seq }), seq: r.seq });
    }
    // The canonical content from checkShape when given (computed once per record), else made here.
    const canonical = contents?.[index] ?? canonicalJson(recordContent(r));
    // PostgreSQL text and jsonb cannot hold U+0000: a record carrying it could never be stored, so it
    // is refused as a record problem rather than failing the transaction as a database error.
    if (canonical.includes(NUL_ESCAPE)) return err({ kind: 'badRecord', message: message('hub.ingest.badRecord', { seq: r.seq }), seq: r.seq });
    if (sealedHash(canonical, r.prevHash) !== r.hash) return err({ kind: 'badHash', message: message('hub.ingest.badHash', { seq: r.seq }), seq: r.seq });
    prev = r;
  }
  return ok(undefined);
}

// canonicalJson writes strings as JSON.stringify does, so a U+0000 anywhere shows as this escape.
const NUL_ESCAPE = '\\u0000';

/**
 * chainHash (shared/ledger/chain.ts) with Node's native SHA-256 instead of the portable one: the same
 * bytes (canonical content ‖ the 32 raw bytes of prevHash), several times faster over a batch.
 * The ingest test checks it against chainHash on real records.
 */
export function sealedHash(canonicalContent: string, prevHash: string): string {
  return createHash('sha256').update(canonicalContent, 'utf8').update(Buffer.from(prevHash, 'hex')).digest('hex');
}

function badRecord(seq: number, key: string, params: Record<string, string | number> = {}): Result<never, IngestRefusal> {
  return err({ kind: 'badRecord', message: message(key, { seq, ...params }), seq });
}

function parseBody<T>(schema: ZodType<T>, r: LedgerRecord): Result<T, IngestRefusal> {
  const fast = schema.safeParse(r.body);
  if (fast.success) return ok(fast.data);
  const parsed = parseWith(schema, r.body, message('hub.ingest.what.record', { seq: r.seq }));
  if (parsed.ok) return parsed;
  return err({ kind: 'badRecord', message: message('hub.ingest.badRecord', { seq: r.seq }), problem: parsed.error, seq: r.seq });
}


/** Each body valid for its kind, and the envelope fields each kind needs. */
export function checkBodies(batch: UploadBatch): Result<CheckedRecord[], IngestRefusal> {
  const out: CheckedRecord[] = [];
  for (const r of batch.records) {
    switch (r.kind) {
      case 'checkin': {
        if (r.elderId === null) return badRecord(r.seq, 'hub.ingest.badRecord.checkinNoElder');
        const body = parseBody(checkinBodySchema, r);
        if (!body.ok) return body;
        out.push({ kind: 'checkin', record: r, body: body.value, elderId: r.elderId });
        break;
      }
      case 'sale': {
        if (r.elderId !== null) return badRecord(r.seq, 'hub.ingest.badRecord.saleWithElder');
        const body = parseBody(saleBodySchema, r);
        if (!body.ok) return body;
        out.push({ kind: 'sale', record: r, body: body.value });
        break;
      }
      case 'void': {
        const body = parseBody(voidBodySchema, r);
        if (!body.ok) return body;
        // The envelope schema already requires a target, earlier than the void, on a void.
        if (r.targetSeq === null) return badRecord(r.seq, 'hub.ingest.badRecord.voidTarget', { target: 0 });
        out.push({ kind: 'void', record: r, body: body.value, targetSeq: r.targetSeq });
        break;
      }
      case 'close': {
        const body = parseBody(closeBodySchema, r);
        if (!body.ok) return body;
        out.push({ kind: 'close', record: r, body: body.value });
        break;
      }
    }
  }
  return ok(out);
}

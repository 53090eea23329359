/**
 * The envelope every ledger record shares, whatever its kind: where it sits in the device's chain,
 * when and for which service day, who and for whom. The kind-specific part is `body`, defined by the
 * services that write each kind. The schema is the boundary check for records read back from SQLite
 * and for records the hub receives; the interfaces are what the rest of the code handles.
 */
import { z } from 'zod';
import { localDateSchema } from '../dates.js';
import { canonicalJson, CanonicalJsonError } from './canonical.js';

export const LEDGER_KINDS = ['checkin', 'sale', 'void', 'close'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** JSON as the ledger can hash it: numbers are safe integers only (see canonical.ts). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

// The canonical writer is the validator: whatever it accepts can be hashed, whatever it refuses
// could not be. One pass, no copy — far cheaper than a recursive zod union, which matters when a
// verification streams millions of bodies through here.
function hashable(value: unknown, ctx: z.core.$RefinementCtx): void {
  try {
    canonicalJson(value);
  } catch (e) {
    if (!(e instanceof CanonicalJsonError)) throw e;
    const key = e.code === 'number' ? 'ledger.schema.wholeNumber' : 'ledger.schema.notJson';
    ctx.addIssue({ code: 'custom', path: [...e.segments], message: key, input: undefined });
  }
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const jsonValueSchema: z.ZodType<JsonValue> = z.custom<JsonValue>(() => true).superRefine(hashable);
export const jsonObjectSchema: z.ZodType<JsonObject> = z
  .custom<JsonObject>(isPlainObject, { error: 'ledger.schema.notObject' })
  .superRefine(hashable);

/** A SHA-256 as 64 lower-case hex digits: one spelling only, so equal hashes compare equal as text. */
export const hashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'ledger.schema.hashHex' });

/** Everything the hash covers: the record minus prevHash and hash. */
export interface LedgerContent {
  /** 1, 2, 3 … per device, no gap. */
  readonly seq: number;
  readonly deviceId: string;
  readonly kind: LedgerKind;
  /** UTC instant, ISO 8601 with milliseconds and Z, e.g. 2026-11-24T04:12:33.120Z. */
  readonly at: string;
  /** YYYY-MM-DD in the policy's time zone. */
  readonly serviceDate: string;
  readonly periodId: string | null;
  readonly elderId: string | null;
  readonly operatorId: string;
  /** For a void: the seq it reverses; null for every other kind. */
  readonly targetSeq: number | null;
  readonly body: JsonObject;
}

export interface LedgerRecord extends LedgerContent {
  readonly prevHash: string;
  readonly hash: string;
}

/** What a service hands to the ledger store; the store numbers, chains and seals it. */
export type LedgerDraft = Omit<LedgerContent, 'seq'>;

const id = z.string().min(1);
const seq = z.int().min(1);

const draftShape = {
  deviceId: id,
  kind: z.enum(LEDGER_KINDS),
  at: z.iso.datetime({ precision: 3 }),
  serviceDate: localDateSchema,
  periodId: id.nullable(),
  elderId: id.nullable(),
  operatorId: id,
  targetSeq: seq.nullable(),
  body: jsonObjectSchema,
};
const contentShape = { seq, ...draftShape };

interface TargetFields {
  readonly kind: LedgerKind;
  readonly targetSeq: number | null;
  readonly seq?: number;
}

// A void without a target, or a sale pointing at another record, has no meaning anyone could act on;
// and a void can only reverse something already in the chain.
function checkTarget(r: TargetFields, ctx: z.core.$RefinementCtx<TargetFields>): void {
  const problem =
    r.kind === 'void' && r.targetSeq === null
      ? 'ledger.schema.voidNeedsTarget'
      : r.kind !== 'void' && r.targetSeq !== null
        ? 'ledger.schema.targetOnlyForVoid'
        : r.targetSeq !== null && r.seq !== undefined && r.targetSeq >= r.seq
          ? 'ledger.schema.targetNotEarlier'
          : null;
  if (problem !== null) ctx.addIssue({ code: 'custom', path: ['targetSeq'], message: problem, params: { kind: r.kind }, input: r.targetSeq });
}

// Strict objects: an envelope field this version does not know would change the hash, so it must be
// reported, never dropped.
export const ledgerDraftSchema = z.strictObject(draftShape).superRefine(checkTarget);
export const ledgerContentSchema = z.strictObject(contentShape).superRefine(checkTarget);
export const ledgerRecordSchema = z
  .strictObject({ ...contentShape, prevHash: hashHexSchema, hash: hashHexSchema })
  .superRefine(checkTarget);

/**
 * ledgerRecordSchema minus one thing: the body is checked to be a plain object, but not yet that it
 * has a canonical form. For a caller that canonicalises every record's content anyway to check its
 * hash (the hub's ingest): it learns whether the body is hashable from that one pass instead of
 * paying for a second, and must fall back to ledgerRecordSchema when canonicalJson refuses, so the
 * refusal is the same. Everything else — strictness, field formats, the void target — is identical.
 */
export const ledgerRecordShapeSchema = z
  .strictObject({
    ...contentShape,
    body: z.custom<JsonObject>(isPlainObject, { error: 'ledger.schema.notObject' }),
    prevHash: hashHexSchema,
    hash: hashHexSchema,
  })
  .superRefine(checkTarget);

/** The part of a record its hash covers, picked field by field so extra properties never leak in. */
export function recordContent(r: LedgerContent): LedgerContent {
  return {
    seq: r.seq,
    deviceId: r.deviceId,
    kind: r.kind,
    at: r.at,
    serviceDate: r.serviceDate,
    periodId: r.periodId,
    elderId: r.elderId,
    operatorId: r.operatorId,
    targetSeq: r.targetSeq,
    body: r.body,
  };
}

// The schemas and the interfaces must describe the same thing; these fail to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _draftMatches: Same<z.output<typeof ledgerDraftSchema>, { -readonly [K in keyof LedgerDraft]: LedgerDraft[K] }> = true;
const _recordMatches: Same<z.output<typeof ledgerRecordSchema>, { -readonly [K in keyof LedgerRecord]: LedgerRecord[K] }> = true;
const _recordShapeMatches: Same<z.output<typeof ledgerRecordShapeSchema>, { -readonly [K in keyof LedgerRecord]: LedgerRecord[K] }> = true;

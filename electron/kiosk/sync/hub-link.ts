/**
 * The kiosk's link to the district hub as stored in the hub_link row (migration 0006): who enrolled
 * us and how far the hub has acknowledged our ledger. Read back through zod like every boundary.
 */
import { z } from 'zod';
import { hashHexSchema } from '../../../shared/ledger/envelope.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { KioskError } from '../kiosk-error.js';
import { UPLOAD_REFUSALS } from '../../../shared/hub-api/upload.js';
import type { ReadHandle, WriteTx } from '../store/open.js';

const instant = z.iso.datetime({ precision: 3 });

const problemSchema = z.strictObject({
  key: z.string().min(1),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** Kinds that stop the uploader until a person acts: the hub's refusals plus our own local ones. */
export const STOP_KINDS = [...UPLOAD_REFUSALS, 'hubAnswer', 'localChain'] as const;
export type StopKind = (typeof STOP_KINDS)[number];

const rowSchema = z.strictObject({
  hub_url: z.url(),
  device_id: z.string().min(1),
  public_key: z.string().min(1),
  canteen_id: z.int(),
  canteen_name: z.string(),
  region_code: z.string(),
  district_name: z.string(),
  district_key: z.string(),
  enrolled_at: instant,
  acked_seq: z.int().min(0),
  acked_hash: hashHexSchema,
  last_attempt_at: instant.nullable(),
  last_success_at: instant.nullable(),
  last_problem: z.string().nullable(),
  refused_kind: z.enum(STOP_KINDS).nullable(),
  refused_at: instant.nullable(),
  clock_skew_ms: z.int().nullable(),
});

export interface HubLink {
  readonly hubUrl: string;
  readonly deviceId: string;
  /** Our Ed25519 public key, SPKI DER base64, as registered with the hub. */
  readonly publicKey: string;
  readonly canteen: { readonly id: number; readonly name: string; readonly regionCode: string; readonly districtName: string };
  /** The district's Ed25519 public key (SPKI DER base64): checks what the hub sends down. */
  readonly districtKey: string;
  readonly enrolledAt: string;
  /** The hub's head of our chain as far as it acknowledged it; GENESIS before the first upload. */
  readonly acked: ChainPosition;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastProblem: Message | null;
  /** Set while the hub's refusal waits for a person (retried rarely). */
  readonly refused: { readonly kind: StopKind; readonly at: string } | null;
  readonly clockSkewMs: number | null;
}

/**
 * A stored hub_link row that does not read back (edited by hand): as bad as no link, and said so.
 * A KioskError, so the command line and the back end show it as a refusal, not a stack trace.
 */
export class HubLinkUnreadable extends KioskError {
  readonly fields: string;

  constructor(fields: string) {
    super('invalid', message('sync.problem.linkUnreadable'));
    this.fields = fields;
  }
}

const SELECT = `SELECT hub_url, device_id, public_key, canteen_id, canteen_name, region_code, district_name, district_key, enrolled_at,
  acked_seq, acked_hash, last_attempt_at, last_success_at, last_problem, refused_kind, refused_at, clock_skew_ms FROM hub_link WHERE id = 1`;

/** The link, or null for a kiosk not enrolled yet. */
export function readHubLink(read: ReadHandle): HubLink | null {
  const row = read.stmt(SELECT).get();
  if (row === undefined) return null;
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) throw new HubLinkUnreadable(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
  const r = parsed.data;
  return {
    hubUrl: r.hub_url,
    deviceId: r.device_id,
    publicKey: r.public_key,
    canteen: { id: r.canteen_id, name: r.canteen_name, regionCode: r.region_code, districtName: r.district_name },
    districtKey: r.district_key,
    enrolledAt: r.enrolled_at,
    acked: { seq: r.acked_seq, hash: r.acked_hash },
    lastAttemptAt: r.last_attempt_at,
    lastSuccessAt: r.last_success_at,
    lastProblem: parseProblem(r.last_problem),
    refused: r.refused_kind !== null && r.refused_at !== null ? { kind: r.refused_kind, at: r.refused_at } : null,
    clockSkewMs: r.clock_skew_ms,
  };
}

function parseProblem(text: string | null): Message | null {
  if (text === null) return null;
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface NewHubLink {
  readonly hubUrl: string;
  readonly deviceId: string;
  readonly publicKey: string;
  readonly canteen: HubLink['canteen'];
  readonly districtKey: string;
  readonly enrolledAt: string;
}

/**
 * Stores a fresh enrolment, replacing any earlier one. Progress starts again from the genesis: the
 * hub acknowledges records it already holds as duplicates, so nothing is counted twice.
 */
export function saveHubLink(tx: WriteTx, link: NewHubLink): void {
  tx.stmt('DELETE FROM hub_link').run();
  tx.stmt(
    `INSERT INTO hub_link (id, hub_url, device_id, public_key, canteen_id, canteen_name, region_code, district_name, district_key, enrolled_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(link.hubUrl, link.deviceId, link.publicKey, link.canteen.id, link.canteen.name, link.canteen.regionCode, link.canteen.districtName, link.districtKey, link.enrolledAt);
}

/** After an accepted batch: the new acknowledged head, the success, and the clock skew; clears any problem. */
export function recordSuccess(tx: WriteTx, acked: ChainPosition, at: string, clockSkewMs: number): void {
  tx.stmt(
    `UPDATE hub_link SET acked_seq = ?, acked_hash = ?, last_attempt_at = ?, last_success_at = ?, last_problem = NULL,
       refused_kind = NULL, refused_at = NULL, clock_skew_ms = ? WHERE id = 1`,
  ).run(acked.seq, acked.hash, at, at, clockSkewMs);
}

/** Moves the acknowledged head without a success (the hub said where it stands: resume from there). */
export function recordHubHead(tx: WriteTx, acked: ChainPosition): void {
  tx.stmt('UPDATE hub_link SET acked_seq = ?, acked_hash = ? WHERE id = 1').run(acked.seq, acked.hash);
}

/**
 * After a failed attempt: why. `stop` marks a refusal that waits for a person; a network failure
 * passes null, which clears an earlier mark — the next answer from the hub decides again.
 */
export function recordProblem(tx: WriteTx, at: string, problem: Message, stop: StopKind | null): void {
  tx.stmt('UPDATE hub_link SET last_attempt_at = ?, last_problem = ?, refused_kind = ?, refused_at = ? WHERE id = 1').run(
    at,
    JSON.stringify(problem),
    stop,
    stop === null ? null : at,
  );
}

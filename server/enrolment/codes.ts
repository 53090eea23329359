/**
 * Enrolling a kiosk: a district admin makes a one-time code for a canteen, the kiosk presents it with
 * the public key it just made, and the hub registers the key for that canteen. The code is spent by
 * one UPDATE that only a still-unused, unexpired code matches, so of two kiosks racing with one code
 * exactly one wins.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { dbInstant, dbInt, isHubDbError } from '../db/index.js';
import type { HubDb, HubQueries } from '../db/index.js';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { instant, later, requireAdminOf } from '../accounts/accounts.js';
import type { Actor } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { sha256Hex } from '../accounts/secrets.js';
import { getCanteen } from './canteens.js';

/**
 * 32 symbols a person reads off a screen and types without doubt: no 0/O, no 1/I. 32 is a power
 * of two, so each random byte maps to a symbol without bias (byte & 31). 12 symbols are 60 bits:
 * far beyond guessing within a code's few days, with every wrong guess a database lookup.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
export const DEFAULT_CODE_TTL_HOURS = 72;
export const MAX_CODE_TTL_HOURS = 24 * 14;

function newCode(): string {
  const symbols = [...randomBytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b & 31] ?? '');
  return [0, 4, 8].map((i) => symbols.slice(i, i + 4).join('')).join('-');
}

/**
 * What the person typed, as the 12 symbols that were hashed: letter case, spaces and dashes do not
 * matter. Anything else (a 0, an O, a wrong length) cannot be a code of ours; it is hashed anyway
 * and found unknown, so a typo and a guess get the same answer.
 */
export function normaliseCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  return bare.length === CODE_LENGTH ? [0, 4, 8].map((i) => bare.slice(i, i + 4)).join('-') : bare;
}

export interface NewEnrolmentCode {
  /** Shown to the admin once (to read out or print); only its SHA-256 is stored. */
  readonly code: string;
  readonly canteenId: number;
  readonly expiresAt: string;
}

export type CreateCodeRefusal = HubRefusal<'forbidden' | 'unknown' | 'badTtl'>;

export async function createEnrolmentCode(
  db: HubQueries,
  input: { readonly actor: Actor; readonly canteenId: number; readonly now: string; readonly ttlHours?: number },
): Promise<Result<NewEnrolmentCode, CreateCodeRefusal>> {
  const ttlHours = input.ttlHours ?? DEFAULT_CODE_TTL_HOURS;
  if (!Number.isFinite(ttlHours) || ttlHours < 1 || ttlHours > MAX_CODE_TTL_HOURS) return refuse('badTtl', 'hub.enrol.ttl', { max: MAX_CODE_TTL_HOURS });
  const canteen = await getCanteen(db, input.actor, input.canteenId);
  if (!canteen.ok) return canteen;
  const allowed = requireAdminOf(input.actor, canteen.value.districtId);
  if (!allowed.ok) return allowed;
  const code = newCode();
  const expiresAt = later(input.now, ttlHours * 60 * 60 * 1000);
  await db.execute(`INSERT INTO enrolment_codes (code_hash, canteen_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
    sha256Hex(code),
    canteen.value.id,
    input.now,
    expiresAt,
  ]);
  return ok({ code, canteenId: canteen.value.id, expiresAt });
}

export interface Device {
  readonly deviceId: string;
  readonly canteenId: number;
  /** Ed25519 public key, SPKI DER in base64: one form whatever form the kiosk sent. */
  readonly publicKey: string;
  readonly enrolledAt: string;
}

// The fixed SPKI header of an Ed25519 key (RFC 8410): SEQUENCE { AlgorithmIdentifier 1.3.101.112,
// BIT STRING of 32 bytes }. Prefixed to a raw 32-byte key to make its DER form.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** An Ed25519 public key, raw (32 bytes) or SPKI DER, in base64 → its SPKI DER base64, or null. */
export function parseEd25519PublicKey(text: string): string | null {
  if (text.length === 0 || text.length > 200 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Node's decoder skips what it cannot read; a round trip tells a valid encoding from junk.
  if (bytes.toString('base64') !== text) return null;
  const der = bytes.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, bytes]) : bytes;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return null;
    return key.export({ format: 'der', type: 'spki' }).toString('base64');
  } catch {
    return null;
  }
}

export type RedeemRefusal = HubRefusal<'unknown' | 'expired' | 'used' | 'badKey' | 'badDeviceId' | 'deviceTaken' | 'keyTaken'>;

const deviceRow = z.object({ device_id: z.string(), canteen_id: dbInt, public_key: z.string(), enrolled_at: dbInstant });

/**
 * Spends a code for a kiosk: the device row, or why not. A refusal changes nothing — the code stays
 * usable when the key or the device id was the problem. Needs the HubDb itself (not a transaction):
 * spending the code and registering the device are one transaction of its own.
 */
export async function redeemEnrolmentCode(
  db: HubDb,
  input: { readonly code: string; readonly devicePublicKey: string; readonly deviceId: string; readonly now: string },
): Promise<Result<Device, RedeemRefusal>> {
  instant(input.now);
  const publicKey = parseEd25519PublicKey(input.devicePublicKey);
  if (publicKey === null) return refuse('badKey', 'hub.enrol.badKey');
  if (!isPlainText(input.deviceId, 100) || input.deviceId.trim() === '') return refuse('badDeviceId', 'hub.enrol.badDeviceId');
  const codeHash = sha256Hex(normaliseCode(input.code));
  try {
    return await db.transaction(async (tx) => {
      const [spent] = await tx.query(
        `UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2::timestamptz RETURNING canteen_id`,
        [codeHash, input.now],
        z.object({ canteen_id: dbInt }),
      );
      if (spent === undefined) return whyNotSpendable(tx, codeHash);
      // A unique violation here (device id or key already registered) rolls back the spend too.
      const [device] = await tx.query(
        `INSERT INTO devices (device_id, canteen_id, public_key, enrolled_at) VALUES ($1, $2, $3, $4)
         RETURNING device_id, canteen_id, public_key, enrolled_at`,
        [input.deviceId, spent.canteen_id, publicKey, input.now],
        deviceRow,
      );
      if (device === undefined) throw new Error('INSERT … RETURNING gave no row');
      return ok({ deviceId: device.device_id, canteenId: device.canteen_id, publicKey: device.public_key, enrolledAt: device.enrolled_at });
    });
  } catch (e) {
    if (isHubDbError(e, 'unique') && e.constraint === 'devices_pkey') return refuse('deviceTaken', 'hub.enrol.deviceTaken', { deviceId: input.deviceId });
    if (isHubDbError(e, 'unique') && e.constraint === 'devices_public_key_key') return refuse('keyTaken', 'hub.enrol.keyTaken');
    throw e;
  }
}

/** After the spending UPDATE matched nothing: which of unknown, used, expired. */
async function whyNotSpendable(tx: HubQueries, codeHash: string): Promise<Result<never, RedeemRefusal>> {
  const [row] = await tx.query(`SELECT used_at FROM enrolment_codes WHERE code_hash = $1`, [codeHash], z.object({ used_at: dbInstant.nullable() }));
  if (row === undefined) return refuse('unknown', 'hub.enrol.unknownCode');
  // Used wins over expired: "someone already used this code" is the one that needs looking into.
  if (row.used_at !== null) return refuse('used', 'hub.enrol.used');
  return refuse('expired', 'hub.enrol.expired');
}

/**
 * A district's QR public keys (table district_qr_keys, migration 0006; docs/hub-roster.md "QR keys"):
 * the keys the district's QR codes may be signed with, which every kiosk of the district trusts once
 * the roster package brings them (verify only — the hub never holds a private half).
 *
 * Only the hub's console adds and retires keys (`zhucan hub qr-key …`, run by whoever runs the hub,
 * like making a district): a key decides which codes every canteen accepts. Each add and each retire
 * takes the district's next roster version under the roster_versions row lock (roster-versions.ts),
 * so it reaches kiosks with the next incremental package, in commit order. Retiring is final.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { keyIdSchema } from '../../shared/qr/token.js';
import { qrKeyIdOfRaw } from '../../shared/roster/package.js';
import { dbInstant, dbInt } from '../db/index.js';
import type { HubDb, HubQueries } from '../db/index.js';
import { instant } from '../accounts/accounts.js';
import { isPlainText, refuse } from '../accounts/refusal.js';
import type { HubRefusal } from '../accounts/refusal.js';
import { lockVersion, saveVersion } from '../roster/roster-versions.js';

export interface DistrictQrKey {
  readonly districtId: number;
  readonly keyId: string;
  /** Ed25519, SPKI DER, base64. */
  readonly publicKey: string;
  readonly addedAt: string;
  readonly addedBy: string;
  readonly retiredAt: string | null;
  readonly retiredBy: string | null;
  /** The roster version of its last change. */
  readonly version: number;
}

export type QrKeyRefusal = HubRefusal<'unknownDistrict' | 'badKey' | 'duplicate' | 'duplicateRetired' | 'badKeyId' | 'unknownKey' | 'alreadyRetired' | 'badWho'>;

const keyRow = z.object({
  district_id: dbInt,
  key_id: z.string(),
  public_key: z.string(),
  added_at: dbInstant,
  added_by: z.string(),
  retired_at: dbInstant.nullable(),
  retired_by: z.string().nullable(),
  version: dbInt,
});
const COLUMNS = 'district_id, key_id, public_key, added_at, added_by, retired_at, retired_by, version';

function toKey(r: z.infer<typeof keyRow>): DistrictQrKey {
  return {
    districtId: r.district_id,
    keyId: r.key_id,
    publicKey: r.public_key,
    addedAt: r.added_at,
    addedBy: r.added_by,
    retiredAt: r.retired_at,
    retiredBy: r.retired_by,
    version: r.version,
  };
}

/** The key as SPKI DER, if the text is the base64 of an Ed25519 public key's SPKI and nothing else. */
function ed25519Spki(spkiBase64: string): Buffer | null {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
  if (key.asymmetricKeyType !== 'ed25519') return null;
  const der = key.export({ type: 'spki', format: 'der' });
  // Only the one spelling: what is stored and signed into packages is exactly what was checked.
  return der.toString('base64') === spkiBase64 ? der : null;
}

async function districtExists(db: HubQueries, districtId: number): Promise<boolean> {
  return (await db.query(`SELECT 1 AS one FROM districts WHERE id = $1`, [districtId], z.object({ one: z.number() }))).length === 1;
}

export interface AddQrKeyInput {
  /** Only the hub's console: see the file comment. */
  readonly actor: 'console';
  readonly districtId: number;
  /** Ed25519 public key, SPKI DER, base64 (the CLI turns a PEM file or raw key into this). */
  readonly publicKey: string;
  /** Who, for the audit: 'console:<OS user>'. */
  readonly by: string;
  readonly now: string;
}

export async function addDistrictQrKey(db: HubDb, input: AddQrKeyInput): Promise<Result<DistrictQrKey, QrKeyRefusal>> {
  instant(input.now);
  if (!isPlainText(input.by, 200)) return refuse('badWho', 'rosterKeys.badWho');
  const der = ed25519Spki(input.publicKey);
  if (der === null) return refuse('badKey', 'rosterKeys.badKey');
  const keyId = qrKeyIdOfRaw(der.subarray(der.length - 32));
  return db.transaction(async (tx) => {
    if (!(await districtExists(tx, input.districtId))) return refuse('unknownDistrict', 'rosterKeys.unknownDistrict', { districtId: input.districtId });
    // The counter row's lock first: roster writers of the district (and two adds of one key) queue here.
    const version = (await lockVersion(tx, input.districtId)) + 1;
    const [known] = await tx.query(`SELECT ${COLUMNS} FROM district_qr_keys WHERE district_id = $1 AND key_id = $2`, [input.districtId, keyId], keyRow);
    if (known !== undefined) {
      return known.retired_at === null
        ? refuse('duplicate', 'rosterKeys.duplicate', { keyId })
        : refuse('duplicateRetired', 'rosterKeys.duplicateRetired', { keyId, at: known.retired_at });
    }
    const [row] = await tx.query(
      `INSERT INTO district_qr_keys (district_id, key_id, public_key, added_at, added_by, version) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [input.districtId, keyId, input.publicKey, input.now, input.by, version],
      keyRow,
    );
    if (row === undefined) throw new Error('INSERT … RETURNING gave no row');
    await saveVersion(tx, input.districtId, version);
    return ok(toKey(row));
  });
}

export interface RetireQrKeyInput {
  readonly actor: 'console';
  readonly districtId: number;
  readonly keyId: string;
  readonly by: string;
  readonly now: string;
}

/** Retires a key: every kiosk refuses the codes it signed once its next roster package arrives. Final. */
export async function retireDistrictQrKey(db: HubDb, input: RetireQrKeyInput): Promise<Result<DistrictQrKey, QrKeyRefusal>> {
  instant(input.now);
  if (!isPlainText(input.by, 200)) return refuse('badWho', 'rosterKeys.badWho');
  const keyId = input.keyId.trim().toLowerCase();
  if (!keyIdSchema.safeParse(keyId).success) return refuse('badKeyId', 'rosterKeys.badKeyId');
  return db.transaction(async (tx) => {
    if (!(await districtExists(tx, input.districtId))) return refuse('unknownDistrict', 'rosterKeys.unknownDistrict', { districtId: input.districtId });
    const version = (await lockVersion(tx, input.districtId)) + 1;
    const [known] = await tx.query(`SELECT ${COLUMNS} FROM district_qr_keys WHERE district_id = $1 AND key_id = $2`, [input.districtId, keyId], keyRow);
    if (known === undefined) return refuse('unknownKey', 'rosterKeys.unknownKey', { keyId, districtId: input.districtId });
    if (known.retired_at !== null) return refuse('alreadyRetired', 'rosterKeys.alreadyRetired', { keyId, at: known.retired_at });
    const [row] = await tx.query(
      `UPDATE district_qr_keys SET retired_at = $3, retired_by = $4, version = $5 WHERE district_id = $1 AND key_id = $2 RETURNING ${COLUMNS}`,
      [input.districtId, keyId, input.now, input.by, version],
      keyRow,
    );
    if (row === undefined) throw new Error('UPDATE … RETURNING gave no row');
    await saveVersion(tx, input.districtId, version);
    return ok(toKey(row));
  });
}

/** Every key of the district, oldest first, retired ones included (with when and by whom). */
export async function listDistrictQrKeys(db: HubQueries, districtId: number): Promise<DistrictQrKey[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM district_qr_keys WHERE district_id = $1 ORDER BY added_at, key_id`, [districtId], keyRow);
  return rows.map(toKey);
}

/**
 * The keys whose last change has a version in (after, upTo], in version order, at most `limit`:
 * what a roster package carries. A seek of district_qr_keys_district_version_key.
 */
export async function qrKeysChanged(db: HubQueries, districtId: number, after: number, upTo: number, limit: number): Promise<DistrictQrKey[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM district_qr_keys WHERE district_id = $1 AND version > $2 AND version <= $3 ORDER BY version LIMIT $4`,
    [districtId, after, upTo, limit],
    keyRow,
  );
  return rows.map(toKey);
}

/**
 * The keys behind signed QR codes (docs/qr.md "Keys"), in the qr_keys table (migration 0005). Until
 * the hub issues codes, this kiosk makes its own Ed25519 pair and signs with it; later the district's
 * public keys are installed (verify only — the district's private key never reaches a kiosk). A token
 * names its key by id, so codes of several keys are accepted side by side while cards are re-printed.
 *
 * Retiring a key is for a key that must no longer be believed (a district key leaked, a kiosk's file
 * copied): every code it signed is refused from that moment, printed cards included. It is final —
 * the same key cannot be installed again — and a retired kiosk key is not replaced by itself: a new
 * one is made on purpose (newKioskQrKey), because a silent new key would hide that cards must be
 * re-printed.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { message } from '../../../shared/i18n/text.js';
import { isoInstant } from '../clock.js';
import { KioskError } from '../kiosk-error.js';
import type { KioskStore, ReadHandle, WriteTx } from '../store/open.js';
import { publicKeyFromText } from './public-key-input.js';

export type QrKeyKind = 'kiosk' | 'district';

export interface QrSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

export interface TrustedKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly source: QrKeyKind;
  /** When it was retired; a retired key verifies nothing (verify-qr.ts). */
  readonly retiredAt: string | null;
}

/** One key as `zhucan qr key list` shows it. */
export interface QrKeyInfo {
  readonly keyId: string;
  readonly kind: QrKeyKind;
  /** Null for a key made before migration 0005 (the time was not recorded then). */
  readonly createdAt: string | null;
  readonly retiredAt: string | null;
  /** Whether this kiosk holds the private key (its own keys only). */
  readonly privateKey: boolean;
  /** The kiosk key that signs new codes. */
  readonly signing: boolean;
}

interface KeyRow {
  key_id: string;
  kind: QrKeyKind;
  public_key: string;
  private_key: string | null;
  created_at: string | null;
  retired_at: string | null;
}

const KEY_ID = /^[0-9a-f]{8}$/;

/** First 8 hex digits of SHA-256 of the raw 32-byte Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki.subarray(spki.length - 32)).digest('hex').slice(0, 8);
}

function spkiBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

function publicFromBase64(spki: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function rows(read: ReadHandle): KeyRow[] {
  return read.stmt<KeyRow>('SELECT key_id, kind, public_key, private_key, created_at, retired_at FROM qr_keys ORDER BY created_at IS NULL DESC, created_at, key_id').all();
}

function rowOf(read: ReadHandle, keyId: string): KeyRow | undefined {
  return read.stmt<KeyRow>('SELECT key_id, kind, public_key, private_key, created_at, retired_at FROM qr_keys WHERE key_id = ?').get(keyId);
}

/** The kiosk key in use (the partial unique index allows one), if any. */
function kioskKeyInUse(read: ReadHandle): KeyRow | undefined {
  return read.stmt<KeyRow>("SELECT key_id, kind, public_key, private_key, created_at, retired_at FROM qr_keys WHERE kind = 'kiosk' AND retired_at IS NULL").get();
}

function makeKioskKey(tx: WriteTx, nowMs: number): QrSigningKey {
  const pair = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(pair.publicKey);
  tx.stmt("INSERT INTO qr_keys (key_id, kind, public_key, private_key, created_at) VALUES (?, 'kiosk', ?, ?, ?)").run(
    keyId,
    spkiBase64(pair.publicKey),
    pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    isoInstant(nowMs),
  );
  return { keyId, privateKey: pair.privateKey };
}

/**
 * The key that signs new codes. The first issue on a kiosk makes it; once the kiosk's key was
 * retired nothing is made here — a manager makes a new one (`zhucan qr key new-kiosk`).
 */
export function ensureKioskQrKey(tx: WriteTx, nowMs: number = Date.now()): QrSigningKey {
  const inUse = kioskKeyInUse(tx);
  if (inUse?.private_key !== undefined && inUse.private_key !== null) {
    const privateKey = createPrivateKey({ key: Buffer.from(inUse.private_key, 'base64'), format: 'der', type: 'pkcs8' });
    return { keyId: inUse.key_id, privateKey };
  }
  const retired = tx.stmt<{ key_id: string }>("SELECT key_id FROM qr_keys WHERE kind = 'kiosk' ORDER BY retired_at DESC LIMIT 1").get();
  if (retired !== undefined) throw new KioskError('invalid', message('qr.key.kioskRetired', { keyId: retired.key_id }));
  return makeKioskKey(tx, nowMs);
}

/** A new kiosk key after the old one was retired; refused while a kiosk key is in use. */
export function newKioskQrKey(store: KioskStore, nowMs: number): { keyId: string; createdAt: string } {
  return store.write((tx) => {
    const inUse = kioskKeyInUse(tx);
    if (inUse !== undefined) throw new KioskError('invalid', message('qr.key.kioskInUse', { keyId: inUse.key_id }));
    const { keyId } = makeKioskKey(tx, nowMs);
    return { keyId, createdAt: isoInstant(nowMs) };
  });
}

/** The kiosk's public key as SPKI DER base64 (to hand to the hub), making the pair if needed. */
export function kioskQrPublicKey(store: KioskStore): { keyId: string; spkiBase64: string } {
  return store.write((tx) => {
    const { keyId } = ensureKioskQrKey(tx);
    return { keyId, spkiBase64: rowOf(tx, keyId)?.public_key ?? '' };
  });
}

/**
 * Installs a district public key that QR codes may be signed with: SPKI PEM, or Base64 of the raw
 * 32-byte key or of SPKI DER (public-key-input.ts), or a key already parsed. The id is computed from
 * the key. A key already known (in use or retired) is refused: a retired key stays retired.
 */
export function installDistrictQrKey(store: KioskStore, key: string | KeyObject, nowMs: number = Date.now()): { keyId: string } {
  let publicKey: KeyObject;
  if (typeof key === 'string') {
    const parsed = publicKeyFromText(key);
    if (!parsed.ok) throw new KioskError('invalid', parsed.error);
    publicKey = parsed.value;
  } else {
    if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') throw new KioskError('invalid', message('qr.badPublicKey'));
    publicKey = key;
  }
  const keyId = keyIdOf(publicKey);
  store.write((tx) => {
    const known = rowOf(tx, keyId);
    if (known !== undefined) {
      const why = known.retired_at !== null ? 'qr.key.duplicateRetired' : known.kind === 'kiosk' ? 'qr.key.duplicateKiosk' : 'qr.key.duplicate';
      throw new KioskError('invalid', message(why, { keyId }));
    }
    tx.stmt("INSERT INTO qr_keys (key_id, kind, public_key, created_at) VALUES (?, 'district', ?, ?)").run(keyId, spkiBase64(publicKey), isoInstant(nowMs));
  });
  return { keyId };
}

/** Retires a key: from now on every code it signed is refused (verify-qr.ts). Final. */
export function retireQrKey(store: KioskStore, keyIdGiven: string, nowMs: number): { keyId: string; kind: QrKeyKind; retiredAt: string } {
  const keyId = keyIdGiven.trim().toLowerCase();
  if (!KEY_ID.test(keyId)) throw new KioskError('invalid', message('qr.key.badId'));
  const retiredAt = isoInstant(nowMs);
  return store.write((tx) => {
    const row = rowOf(tx, keyId);
    if (row === undefined) throw new KioskError('notFound', message('qr.key.unknown', { keyId }));
    if (row.retired_at !== null) throw new KioskError('invalid', message('qr.key.alreadyRetired', { keyId, at: row.retired_at }));
    tx.stmt('UPDATE qr_keys SET retired_at = ? WHERE key_id = ?').run(retiredAt, keyId);
    return { keyId, kind: row.kind, retiredAt };
  });
}

/** Every key this kiosk knows, oldest first. */
export function listQrKeys(read: ReadHandle): QrKeyInfo[] {
  return rows(read).map((r) => ({
    keyId: r.key_id,
    kind: r.kind,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    privateKey: r.private_key !== null,
    signing: r.kind === 'kiosk' && r.retired_at === null && r.private_key !== null,
  }));
}

/** Every public key a QR code may name, by key id, retired ones included (so a refusal can say "retired"). */
export function trustedQrKeys(read: ReadHandle): ReadonlyMap<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  for (const row of rows(read)) {
    const publicKey = publicFromBase64(row.public_key);
    // The id is recomputed, never taken from the row: a row cannot vouch for a key it does not hold.
    if (publicKey === null || keyIdOf(publicKey) !== row.key_id) continue;
    keys.set(row.key_id, { keyId: row.key_id, publicKey, source: row.kind, retiredAt: row.retired_at });
  }
  return keys;
}

/**
 * The keys behind signed QR codes (docs/qr.md). Until the hub issues codes, this kiosk makes its own
 * Ed25519 pair once and signs with it; later the district's public key is installed (verify only —
 * the district's private key never reaches a kiosk). A token names its key by id, so codes of both
 * keys are accepted side by side while cards are re-printed.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { message } from '../../../shared/i18n/text.js';
import { KioskError } from '../kiosk-error.js';
import { getSetting, setSetting } from '../settings.js';
import type { KioskStore, ReadHandle, WriteTx } from '../store/open.js';

const SIGNING_KEY = 'qr_signing_key';
const PUBLIC_KEY = 'qr_public_key';
/** One settings row per installed district key: `qr_trusted_key:<keyId>` = SPKI DER, base64. */
const TRUSTED_PREFIX = 'qr_trusted_key:';

export interface QrSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

export interface TrustedKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly source: 'kiosk' | 'district';
}

/** First 8 hex digits of SHA-256 of the raw 32-byte Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function keyIdOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki.subarray(spki.length - 32)).digest('hex').slice(0, 8);
}

function publicFromBase64(spkiBase64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** Makes the kiosk's QR key pair the first time it is needed; later calls return the same key. */
export function ensureKioskQrKey(tx: WriteTx): QrSigningKey {
  const existing = getSetting(tx, SIGNING_KEY);
  if (existing !== null) {
    const privateKey = createPrivateKey({ key: Buffer.from(existing, 'base64'), format: 'der', type: 'pkcs8' });
    return { keyId: keyIdOf(createPublicKey(privateKey)), privateKey };
  }
  const pair = generateKeyPairSync('ed25519');
  setSetting(tx, SIGNING_KEY, pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
  setSetting(tx, PUBLIC_KEY, pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
  return { keyId: keyIdOf(pair.publicKey), privateKey: pair.privateKey };
}

/** The kiosk's public key as SPKI DER base64 (to hand to the hub), making the pair if needed. */
export function kioskQrPublicKey(store: KioskStore): { keyId: string; spkiBase64: string } {
  return store.write((tx) => {
    const { keyId } = ensureKioskQrKey(tx);
    return { keyId, spkiBase64: getSetting(tx, PUBLIC_KEY) ?? '' };
  });
}

/** Installs a district public key (SPKI DER, base64) that QR codes may be signed with. */
export function installDistrictQrKey(store: KioskStore, spkiBase64: string): { keyId: string } {
  const key = publicFromBase64(spkiBase64);
  if (key === null) throw new KioskError('invalid', message('qr.badPublicKey'));
  const keyId = keyIdOf(key);
  store.write((tx) => setSetting(tx, `${TRUSTED_PREFIX}${keyId}`, key.export({ type: 'spki', format: 'der' }).toString('base64')));
  return { keyId };
}

/** Every public key a QR code may be signed with, by key id: the kiosk's own (if made) and the district's. */
export function trustedQrKeys(read: ReadHandle): ReadonlyMap<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  const own = getSetting(read, PUBLIC_KEY);
  const ownKey = own === null ? null : publicFromBase64(own);
  if (ownKey !== null) keys.set(keyIdOf(ownKey), { keyId: keyIdOf(ownKey), publicKey: ownKey, source: 'kiosk' });
  const rows = read.stmt<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'qr\\_trusted\\_key:%' ESCAPE '\\'").all();
  for (const row of rows) {
    const key = publicFromBase64(row.value);
    // The id is recomputed, never taken from the row name: a row cannot vouch for a key it does not hold.
    if (key !== null) keys.set(keyIdOf(key), { keyId: keyIdOf(key), publicKey: key, source: 'district' });
  }
  return keys;
}

import { createHmac, createSecretKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ReadHandle, WriteTx } from '../store/open.js';
import { getSetting } from '../settings.js';

/**
 * The keyed hash by which the kiosk finds an elder from a resident ID number without storing the
 * number (PIPL): id_hash = HMAC-SHA256(kiosk secret, the 18-character normalised number), in hex.
 * A plain SHA-256 would not do: there are only about 10^11 plausible ID numbers for a district, so
 * an unkeyed hash is reversed by trying them all. With the key, a copied database file alone gives
 * nothing away; the key lives in the same file today, so protecting the file still matters (a later
 * step can move the key to the OS keychain without changing the hashes).
 */
export const ID_HASH_SETTING = 'id_hash_key';

const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-f]{64}$/;

/** The kiosk's secret, or undefined before the first elder was ever written. */
export function readIdHashKey(db: ReadHandle): KeyObject | undefined {
  const hex = getSetting(db, ID_HASH_SETTING);
  return hex === null ? undefined : keyFromHex(hex);
}

/** The kiosk's secret, made (32 random bytes) the first time it is needed and never changed after. */
export function idHashKey(tx: WriteTx): KeyObject {
  const existing = readIdHashKey(tx);
  if (existing !== undefined) return existing;
  const hex = randomBytes(KEY_BYTES).toString('hex');
  tx.stmt('INSERT INTO settings (key, value) VALUES (?, ?)').run(ID_HASH_SETTING, hex);
  return keyFromHex(hex);
}

/** `number18` must already be normalised (parseResidentId's `number`): one number, one hash. */
export function hashResidentId(key: KeyObject, number18: string): string {
  if (number18.length !== 18) throw new RangeError('hashResidentId needs the normalised 18-character number');
  return createHmac('sha256', key).update(number18, 'utf8').digest('hex');
}

// Turning the stored hex into a KeyObject costs more than the HMAC itself; an import asks for the
// key once per row, so the last one is remembered. Immutable data, never reset.
let lastHex = '';
let lastKey: KeyObject | undefined;

function keyFromHex(hex: string): KeyObject {
  if (hex === lastHex && lastKey !== undefined) return lastKey;
  // A damaged key would silently make every elder unfindable by ID number; refuse it instead.
  if (!KEY_HEX.test(hex)) throw new Error(`settings.${ID_HASH_SETTING} is not 32 bytes of hex; the roster cannot be searched by ID number`);
  lastKey = createSecretKey(Buffer.from(hex, 'hex'));
  lastHex = hex;
  return lastKey;
}

/**
 * A district's QR public key as a manager hands it over (`zhucan qr key install --public …`): the raw
 * 32-byte Ed25519 key or its SPKI form, as a PEM file, a binary file or Base64 text. Everything is
 * checked by node:crypto; a private key is refused outright (it must never be stored on a kiosk),
 * even though createPublicKey would quietly derive a public key from it.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { message } from '../../../shared/i18n/text.js';
import type { Message } from '../../../shared/i18n/text.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';

const RAW_BYTES = 32;
const SPKI_PEM = /^-----BEGIN PUBLIC KEY-----\r?\n[\s\S]+\r?\n-----END PUBLIC KEY-----$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function ed25519(key: KeyObject): Result<KeyObject, Message> {
  return key.asymmetricKeyType === 'ed25519' ? ok(key) : err(message('qr.key.notEd25519', { type: key.asymmetricKeyType ?? '?' }));
}

/** Raw 32 bytes or SPKI DER. */
function fromDer(bytes: Uint8Array): Result<KeyObject, Message> {
  try {
    if (bytes.length === RAW_BYTES) {
      return ed25519(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes).toString('base64url') }, format: 'jwk' }));
    }
    return ed25519(createPublicKey({ key: Buffer.from(bytes), format: 'der', type: 'spki' }));
  } catch {
    return err(message('qr.key.badBytes', { bytes: bytes.length }));
  }
}

/** Base64 (standard or URL alphabet) decoded strictly: the text must be the one encoding of its bytes. */
function strictBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return null;
  const bare = compact.replace(/=+$/, '');
  const bytes = Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const again = bytes.toString('base64').replace(/=+$/, '');
  return again === bare.replace(/-/g, '+').replace(/_/g, '/') && bytes.length > 0 ? bytes : null;
}

/** A key given as text: SPKI PEM, or Base64 of the raw key or of SPKI DER. */
export function publicKeyFromText(text: string): Result<KeyObject, Message> {
  const trimmed = text.trim();
  if (trimmed.includes('PRIVATE KEY-----')) return err(message('qr.key.isPrivate'));
  if (trimmed.startsWith('-----BEGIN')) {
    if (!SPKI_PEM.test(trimmed)) return err(message('qr.key.badPem'));
    try {
      return ed25519(createPublicKey({ key: trimmed, format: 'pem' }));
    } catch {
      return err(message('qr.key.badPem'));
    }
  }
  const bytes = strictBase64(trimmed);
  return bytes === null ? err(message('qr.key.notBase64')) : fromDer(bytes);
}

/** A key file's bytes: a text file (PEM or Base64) or the binary key (raw 32 bytes or SPKI DER). */
export function publicKeyFromFile(bytes: Uint8Array): Result<KeyObject, Message> {
  const text = Buffer.from(bytes).toString('latin1');
  // Text if every byte is printable ASCII or white space; a binary key has bytes outside that.
  return /^[\x20-\x7e\t\r\n]*$/.test(text) ? publicKeyFromText(text) : fromDer(bytes);
}

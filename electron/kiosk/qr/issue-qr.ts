/**
 * Issuing signed QR codes with the kiosk's own key (until the hub issues them with the district's).
 * A retired kiosk key signs nothing: issuing is refused until a manager makes a new kiosk key
 * (qr-keys.ts, `zhucan qr key new-kiosk`).
 * A printed card code carries the elder's card-code version; printing again bumps it, which revokes
 * every earlier print. A phone code carries a random nonce and expires within a minute.
 */
import { randomBytes, sign } from 'node:crypto';
import { message } from '../../../shared/i18n/text.js';
import { base64urlEncode, encodePayload, encodeToken, NONCE_BYTES, PHONE_CODE_MAX_TTL_S, signedBytesOf } from '../../../shared/qr/token.js';
import type { TokenPayload } from '../../../shared/qr/token.js';
import { isoInstant } from '../clock.js';
import { KioskError } from '../kiosk-error.js';
import type { KioskStore, ReadHandle, WriteTx } from '../store/open.js';
import { ensureKioskQrKey } from './qr-keys.js';
import type { QrSigningKey } from './qr-keys.js';

export interface IssuedCardCode {
  readonly token: string;
  readonly elderId: string;
  readonly keyId: string;
  readonly cardVersion: number;
  readonly issuedAt: string;
}

export interface IssuedPhoneCode {
  readonly token: string;
  readonly elderId: string;
  readonly keyId: string;
  readonly nonce: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

function signToken(key: QrSigningKey, payload: TokenPayload): string {
  const signature = sign(null, signedBytesOf(encodePayload(payload)), key.privateKey);
  return encodeToken(payload, signature);
}

function requireElder(tx: WriteTx, elderId: string): void {
  if (tx.stmt('SELECT 1 FROM elders WHERE id = ?').get(elderId) === undefined) {
    throw new KioskError('notFound', message('qr.unknownElder'));
  }
}

/** The current card-code version of an elder, or null if no card code was ever printed here. */
export function currentCardVersion(read: ReadHandle, elderId: string): number | null {
  return read.stmt<{ version: number }>('SELECT version FROM qr_card_versions WHERE elder_id = ?').get(elderId)?.version ?? null;
}

/** A new printed-card code for the elder; every card code printed before it is revoked. */
export function issueCardCode(store: KioskStore, elderId: string, nowMs: number): IssuedCardCode {
  return store.write((tx) => {
    requireElder(tx, elderId);
    const key = ensureKioskQrKey(tx, nowMs);
    const cardVersion = (currentCardVersion(tx, elderId) ?? 0) + 1;
    const issuedAt = isoInstant(nowMs);
    tx.stmt(
      'INSERT INTO qr_card_versions (elder_id, version, issued_at) VALUES (?, ?, ?) ON CONFLICT (elder_id) DO UPDATE SET version = excluded.version, issued_at = excluded.issued_at',
    ).run(elderId, cardVersion, issuedAt);
    const payload: TokenPayload = { v: 1, k: 'card', keyId: key.keyId, elderId, issuedAt: Math.floor(nowMs / 1000), cardVersion };
    return { token: signToken(key, payload), elderId, keyId: key.keyId, cardVersion, issuedAt };
  });
}

/** A phone code for the elder, valid ttlSeconds (at most 60) and accepted once. */
export function issuePhoneCode(store: KioskStore, elderId: string, nowMs: number, ttlSeconds = PHONE_CODE_MAX_TTL_S): IssuedPhoneCode {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > PHONE_CODE_MAX_TTL_S) {
    throw new KioskError('invalid', message('qr.ttlTooLong', { max: PHONE_CODE_MAX_TTL_S }));
  }
  return store.write((tx) => {
    requireElder(tx, elderId);
    const key = ensureKioskQrKey(tx, nowMs);
    const issued = Math.floor(nowMs / 1000);
    const nonce = base64urlEncode(randomBytes(NONCE_BYTES));
    const payload: TokenPayload = { v: 1, k: 'phone', keyId: key.keyId, elderId, issuedAt: issued, expiresAt: issued + ttlSeconds, nonce };
    return { token: signToken(key, payload), elderId, keyId: key.keyId, nonce, issuedAt: isoInstant(issued * 1000), expiresAt: isoInstant((issued + ttlSeconds) * 1000) };
  });
}

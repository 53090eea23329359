/**
 * Checking a scanned QR code (docs/qr.md), in this order: it decodes; its key is trusted; the
 * Ed25519 signature covers exactly its bytes; the elder is in the roster; a card code is the elder's
 * current print; a phone code is in its time window and its nonce was never used. Each refusal has
 * its own code and message. The "used" mark itself is written by the check-in, in the same
 * transaction as its ledger record (markPhoneCodeUsed), so a refused meal does not spend the code.
 */
import { verify } from 'node:crypto';
import type { Message } from '../../../shared/i18n/text.js';
import { message } from '../../../shared/i18n/text.js';
import { decodeToken } from '../../../shared/qr/token.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import type { ReadHandle, WriteTx } from '../store/open.js';
import { currentCardVersion } from './issue-qr.js';
import { trustedQrKeys } from './qr-keys.js';

/** How far ahead of the kiosk's clock a phone's clock may be when it issues a code. */
export const QR_CLOCK_SKEW_S = 5;

export type QrRefusalCode = 'malformed' | 'badSignature' | 'unknownKey' | 'unknownElder' | 'revoked' | 'expired' | 'notYetValid' | 'used';

export interface QrRefusal {
  readonly code: QrRefusalCode;
  readonly message: Message;
}

export interface VerifiedQr {
  readonly elderId: string;
  readonly kind: 'card' | 'phone';
  /** A phone code's nonce: the check-in marks it used with its record. */
  readonly nonce?: string;
}

export interface VerifyOptions {
  /**
   * Whether a used phone code is refused here. The check-in passes false and asks phoneCodeUsed
   * itself, after its same-check-in test, so a re-scan within 10 s gets the first result back.
   */
  readonly checkUsed?: boolean;
}

const refuse = (code: QrRefusalCode, key: string = `qr.${code}`): Result<VerifiedQr, QrRefusal> => err({ code, message: message(key) });

export function verifyQr(read: ReadHandle, text: string, nowMs: number, opts: VerifyOptions = {}): Result<VerifiedQr, QrRefusal> {
  const decoded = decodeToken(text);
  if (!decoded.ok) return refuse('malformed');
  const { payload, signedBytes, signature } = decoded.value;
  const key = trustedQrKeys(read).get(payload.keyId);
  if (key === undefined) return refuse('unknownKey');
  if (!verify(null, signedBytes, key.publicKey, signature)) return refuse('badSignature');
  if (read.stmt('SELECT 1 FROM elders WHERE id = ?').get(payload.elderId) === undefined) return refuse('unknownElder');

  if (payload.k === 'card') {
    const current = currentCardVersion(read, payload.elderId);
    // Lower than current: re-printed since. No row or higher: not a print this kiosk knows of.
    if (current === null || payload.cardVersion > current) return refuse('revoked', 'qr.notIssued');
    if (payload.cardVersion < current) return refuse('revoked');
    return ok({ elderId: payload.elderId, kind: 'card' });
  }
  const nowS = nowMs / 1000;
  if (payload.issuedAt > nowS + QR_CLOCK_SKEW_S) return refuse('notYetValid');
  if (nowS >= payload.expiresAt) return refuse('expired');
  if (opts.checkUsed !== false && phoneCodeUsed(read, payload.nonce)) return refuse('used');
  return ok({ elderId: payload.elderId, kind: 'phone', nonce: payload.nonce });
}

export function phoneCodeUsed(read: ReadHandle, nonce: string): boolean {
  return read.stmt('SELECT 1 FROM qr_used WHERE nonce = ?').get(nonce) !== undefined;
}

/**
 * Marks a phone code used. Call it inside the check-in's write transaction, right before its
 * record: both are saved or neither. The primary key refuses a second mark, so of two scans racing
 * only one can pass.
 */
export function markPhoneCodeUsed(tx: WriteTx, nonce: string, elderId: string, atIso: string): Result<void, QrRefusal> {
  const run = tx.stmt('INSERT INTO qr_used (nonce, elder_id, used_at) VALUES (?, ?, ?) ON CONFLICT (nonce) DO NOTHING').run(nonce, elderId, atIso);
  return run.changes === 1 ? ok(undefined) : err({ code: 'used', message: message('qr.used') });
}

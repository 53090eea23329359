/**
 * Checking a scanned QR code (docs/qr.md), in this order: it decodes; its key is trusted; the
 * Ed25519 signature covers exactly its bytes; the elder is in the roster; a card code is the elder's
 * current print; a phone code is in its time window and its nonce was never used. Each refusal has
 * its own code and message. The "used" mark itself is written by the check-in, in the same
 * transaction as its ledger record (markPhoneCodeUsed), so a refused meal does not spend the code.
 * A code whose key was retired is refused at once, whatever else it says (qr-keys.ts).
 * A code naming a local id the roster down re-keyed to a district id is read as that elder's
 * (docs/hub-roster.md): the QR card version moved with the elder, the printed id did not.
 */
import { verify } from 'node:crypto';
import type { Message } from '../../../shared/i18n/text.js';
import { message } from '../../../shared/i18n/text.js';
import { decodeToken, PHONE_CODE_MAX_TTL_S } from '../../../shared/qr/token.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { isoInstant } from '../clock.js';
import { districtIdOfAlias } from '../roster-downlink/aliases.js';
import { getSetting, setSetting } from '../settings.js';
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
  // Before the signature: a retired key may be a leaked one, so its valid signature proves nothing.
  // Same check-in reason as an unknown key (qrUnknownKey), its own words.
  if (key.retiredAt !== null) return refuse('unknownKey', 'qr.retiredKey');
  if (!verify(null, signedBytes, key.publicKey, signature)) return refuse('badSignature');
  const elderId = knownElderId(read, payload.elderId);
  if (elderId === null) return refuse('unknownElder');

  if (payload.k === 'card') {
    const current = currentCardVersion(read, elderId);
    // Lower than current: re-printed since. No row or higher: not a print this kiosk knows of.
    if (current === null || payload.cardVersion > current) return refuse('revoked', 'qr.notIssued');
    if (payload.cardVersion < current) return refuse('revoked');
    return ok({ elderId, kind: 'card' });
  }
  const nowS = nowMs / 1000;
  if (payload.issuedAt > nowS + QR_CLOCK_SKEW_S) return refuse('notYetValid');
  if (nowS >= payload.expiresAt) return refuse('expired');
  if (opts.checkUsed !== false && phoneCodeUsed(read, payload.nonce)) return refuse('used');
  return ok({ elderId, kind: 'phone', nonce: payload.nonce });
}

const ELDER_EXISTS_SQL = 'SELECT 1 FROM elders WHERE id = ?';

/** The roster id of the elder a code names: itself, or the district id its re-keyed local id became. */
function knownElderId(read: ReadHandle, named: string): string | null {
  if (read.stmt(ELDER_EXISTS_SQL).get(named) !== undefined) return named;
  // Only for an id not in the roster: the alias's point read costs a normal scan nothing.
  const aliased = districtIdOfAlias(read, named);
  return aliased !== null && read.stmt(ELDER_EXISTS_SQL).get(aliased) !== undefined ? aliased : null;
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
  if (run.changes !== 1) return err({ code: 'used', message: message('qr.used') });
  // Only after a mark that succeeded: a refused scan changes nothing.
  pruneUsedPhoneCodes(tx, Date.parse(atIso));
  return ok(undefined);
}

const DAY_MS = 86_400_000;
/**
 * How long a used phone code's nonce is kept. The mark only matters while the code could still be
 * accepted — at most PHONE_CODE_MAX_TTL_S after its issue time, which may be QR_CLOCK_SKEW_S ahead of
 * ours — and a day more, so a kiosk clock set back by up to a day still finds it.
 */
export const QR_USED_KEEP_MS = (PHONE_CODE_MAX_TTL_S + QR_CLOCK_SKEW_S) * 1000 + DAY_MS;
/** Pruning runs at most this often: a check-in pays for one point read of the settings row otherwise. */
export const QR_USED_PRUNE_EVERY_MS = 3_600_000;
const PRUNED_AT = 'qr_used_pruned_at';
/** A range of the qr_used_by_used_at index (migration 0005), never a scan of the table. */
export const PRUNE_QR_USED_SQL = 'DELETE FROM qr_used WHERE used_at < ?';

/**
 * Deletes the marks of phone codes used more than QR_USED_KEEP_MS before `nowMs`, at most once an
 * hour, inside the caller's transaction (the check-in's): qr_used would otherwise grow by a row per
 * phone check-in forever. Done here rather than at day close because a kiosk may go days without a
 * close, and because the check-in is what makes the rows. Returns how many rows went.
 */
export function pruneUsedPhoneCodes(tx: WriteTx, nowMs: number): number {
  if (!Number.isFinite(nowMs)) return 0;
  const last = Date.parse(getSetting(tx, PRUNED_AT) ?? '');
  // |…|: a clock set back an hour or more prunes again (with an earlier cut-off, so it removes less).
  if (Number.isFinite(last) && Math.abs(nowMs - last) < QR_USED_PRUNE_EVERY_MS) return 0;
  const removed = tx.stmt(PRUNE_QR_USED_SQL).run(isoInstant(nowMs - QR_USED_KEEP_MS)).changes;
  setSetting(tx, PRUNED_AT, isoInstant(nowMs));
  return removed;
}

import type { Message } from '../../../shared/i18n/index.js';
import { message } from '../../../shared/i18n/index.js';
import { isResidentIdShape, parseResidentId } from '../../../shared/idcard.js';
import { canonicalCardUid } from './card-uid-formats.js';
import { QR_TOKEN_PREFIX } from './reader-types.js';
import type { UidFormat } from './reader-types.js';
import type { Identity } from '../checkin/outcome.js';

/**
 * What a whole scan names: a check-in identity (a QR token with its prefix, whose signature is checked
 * later; a valid 18-character resident ID number — never log or show it; a card UID in the roster's
 * canonical form), or why it names none. A scan is never a manual pick.
 */
export type ScanIdentity = Exclude<Identity, { readonly kind: 'manual' }> | { readonly kind: 'unreadable'; readonly message: Message };

export interface ClassifyOptions {
  /** How the reader that produced the scan prints card UIDs. */
  readonly uidFormat: UidFormat;
}

/**
 * Tells a scan's kind by its shape. The order matters: the QR prefix is unambiguous; then ID
 * numbers, because an 18-digit number is never a card UID in any of the reader formats (8, 10, 14
 * or 20 characters), and an ID-shaped scan that fails validation must be refused as an ID, without
 * its digits (PIPL), rather than echoed back as a malformed card number.
 */
export function classifyScan(text: string, opts: ClassifyOptions): ScanIdentity {
  const trimmed = text.trim();
  if (trimmed.startsWith(QR_TOKEN_PREFIX)) return { kind: 'qr', token: trimmed };
  if (isResidentIdShape(trimmed)) {
    const id = parseResidentId(trimmed);
    // The problem's own message may quote the birth date, which is part of the number: not used.
    return id.ok ? { kind: 'id', number: id.value.number } : { kind: 'unreadable', message: message('reader.scan.idInvalid') };
  }
  const uid = canonicalCardUid(trimmed, opts.uidFormat);
  return uid.ok ? { kind: 'card', uid: uid.value } : { kind: 'unreadable', message: uid.error };
}

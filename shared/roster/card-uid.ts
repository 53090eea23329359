// One canonical form of a card UID, shared: the hub and the kiosk must agree on it, or a card the
// district binds would not be found at the kiosk.
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { message } from '../i18n/index.js';
import { isResidentIdShape, parseResidentId } from '../idcard.js';
import type { Message } from '../i18n/index.js';

// 4 bytes (the common Mifare Classic UID) is 8 hex digits; 7- and 10-byte UIDs are 14 and 20.
// Fewer than 4 digits is a keyboard-wedge fragment, not a card.
const CANONICAL_UID = /^[0-9A-F]{4,20}$/;
// Anything but printable ASCII and ordinary whitespace.
const NON_ASCII = /[^ -~\t\r\n]/;

/**
 * The one canonical form of a card UID: upper-case hexadecimal, 4–20 digits, nothing else (after
 * trimming, and full-width characters made ASCII).
 * Every path that stores or looks up a card goes through here, so a UID typed in lower case or
 * read with stray spaces is the same card. Reader-specific forms (e.g. 10-digit decimal) are to
 * be converted into this form here too, never beside it.
 */
export function normaliseCardUid(raw: string): Result<string, Message> {
  // NFKC turns full-width ＡＢ１２ (a reader typing while a Chinese input method is on) into AB12.
  const uid = (NON_ASCII.test(raw) ? raw.normalize('NFKC') : raw).trim().toUpperCase();
  if (uid === '') return err(message('roster.card.empty'));
  // A resident ID number typed or pasted into the card field: refused, and not echoed back (PIPL).
  // No card has an 18-character (9-byte) or 15-character UID, so no real card is caught by this.
  if (isResidentIdShape(uid) && parseResidentId(uid).ok) return err(message('roster.card.isIdNumber'));
  if (!CANONICAL_UID.test(uid)) {
    // The rejected text is echoed (clipped) so the person sees what the reader actually sent.
    return err(message('roster.card.format', { input: uid.length > 24 ? `${uid.slice(0, 24)}…` : uid }));
  }
  return ok(uid);
}

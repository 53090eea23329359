import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { assertNever } from '../../../shared/assert.js';
import type { UidFormat } from './reader-types.js';

/**
 * Card UIDs as readers print them, turned into the one form the roster stores: upper-case hex, most
 * significant byte first — the form shared/roster/card-uid.ts `normaliseCardUid` accepts and returns
 * unchanged. A reader's setting says which form it prints:
 *
 *   hex          "00BC614E"   as is (4-, 7- or 10-byte UIDs: 8, 14 or 20 digits)
 *   hexReversed  "4E61BC00"   the same bytes, least significant first
 *   dec10        "0012345678" the 32-bit number in 10 decimal digits ("8H10D")
 *   wiegand26    "18824910"   facility 188 (3 digits) + card 24910 (5 digits)
 *
 * Wiegand-26 carries only 24 bits: facility = bits 23–16 and card = bits 15–0 of the same number
 * the other forms print (which is why a card printed "0012345678" also says "188,24910"). The top
 * byte is lost and cannot be recovered, so a Wiegand read cannot become 8 hex digits. Its canonical
 * form is therefore 6 hex digits ("BC614E"); no ISO 14443 UID is 3 bytes long, so the length alone
 * tells a Wiegand key from a whole UID, and it still passes `normaliseCardUid` (4–20 hex digits).
 * Matching: a whole UID and a Wiegand key are the same card when the key equals the UID's low 24
 * bits (`wiegandKey`). The roster look-up must use `sameCard` / `wiegandKey`, not string equality,
 * and must refuse (not guess) when a Wiegand key matches more than one stored card.
 */

const WHOLE_UID = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/;
const WIEGAND_KEY = /^[0-9A-F]{6}$/;
// Anything but printable ASCII: a wedge reader typing under a Chinese input method gives full width.
const NON_ASCII = /[^ -~]/;
const MAX_UINT32 = 0xffff_ffff;
const MAX_FACILITY = 0xff;
const MAX_CARD = 0xffff;

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

function reverseBytes(hexDigits: string): string {
  return (hexDigits.match(/../g) ?? []).reverse().join('');
}

/** The roster's canonical form of a UID printed in `format`; the message never repeats the input. */
export function canonicalCardUid(text: string, format: UidFormat): Result<string, Message> {
  const s = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).trim().toUpperCase();
  if (s === '') return err(message('reader.uid.empty'));
  switch (format) {
    case 'hex':
      return WHOLE_UID.test(s) ? ok(s) : err(message('reader.uid.hex', { length: s.length }));
    case 'hexReversed':
      return WHOLE_UID.test(s) ? ok(reverseBytes(s)) : err(message('reader.uid.hex', { length: s.length }));
    case 'dec10': {
      if (!/^\d{10}$/.test(s)) return err(message('reader.uid.dec10', { length: s.length }));
      const n = Number(s);
      return n <= MAX_UINT32 ? ok(hex(n, 8)) : err(message('reader.uid.dec10Range'));
    }
    case 'wiegand26': {
      if (!/^\d{8}$/.test(s)) return err(message('reader.uid.wiegand26', { length: s.length }));
      const facility = Number(s.slice(0, 3));
      const card = Number(s.slice(3));
      if (facility > MAX_FACILITY || card > MAX_CARD) return err(message('reader.uid.wiegand26Range'));
      return ok(hex(facility * 0x1_0000 + card, 6));
    }
    default:
      return assertNever(format, 'UID format');
  }
}

/** True for the 6-hex-digit canonical form of a Wiegand-26 read. */
export function isWiegandKey(canonical: string): boolean {
  return WIEGAND_KEY.test(canonical);
}

/**
 * The key a Wiegand-26 read of this card would give: the low 24 bits of a 4-byte UID, or a Wiegand
 * key itself. Undefined for 7- and 10-byte UIDs (which bytes a Wiegand reader sends for those is
 * the reader's choice, so no match is claimed) and for anything not canonical.
 */
export function wiegandKey(canonical: string): string | undefined {
  if (WIEGAND_KEY.test(canonical)) return canonical;
  return /^[0-9A-F]{8}$/.test(canonical) ? canonical.slice(2) : undefined;
}

/** Whether two canonical UIDs are the same card, whichever readers read them. */
export function sameCard(a: string, b: string): boolean {
  if (a === b) return true;
  if (isWiegandKey(a)) return wiegandKey(b) === a;
  if (isWiegandKey(b)) return wiegandKey(a) === b;
  return false;
}

import { isCalendarDate, type LocalDate } from './dates.js';
import { message, type Message } from './i18n/text.js';
import { err, ok, type Result } from './result.js';

/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6 digits of region, 8 of birth date, 3 of
 * sequence (odd for men), and an ISO 7064 MOD 11-2 check character (0–9 or X). Cards issued before
 * 1999 carry the 15-digit form (2-digit year, no check character), still seen on old records.
 *
 * The number is sensitive personal information (PIPL): nothing here logs it, and problems never
 * repeat it back; show it only through `maskResidentId`.
 */
export interface ResidentId {
  /** 18 characters, check character upper-case. */
  readonly number: string;
  readonly birthDate: LocalDate;
  readonly sex: 'M' | 'F';
  /** The first 6 digits: the region of first registration, not necessarily where the person lives. */
  readonly regionCode: string;
  /** True when the input was the legacy 15-digit form and `number` was computed from it. */
  readonly convertedFrom15: boolean;
}

export type IdProblemCode = 'empty' | 'length' | 'characters' | 'birthDate' | 'checkChar';

export interface IdProblem {
  readonly code: IdProblemCode;
  readonly message: Message;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1880;

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('checkCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Surrounding whitespace (String.prototype.trim also removes the ideographic space U+3000), and
 * full-width digits and Ｘ as a Chinese input method types them, made plain ASCII.
 */
function normalise(input: string): string {
  return input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[x\uFF38\uFF58]/g, 'X');
}

/**
 * A cheap test that a scanned or typed string is meant as an ID number rather than a card UID:
 * 15 digits, or 18 characters of digits and X. It does not validate; `parseResidentId` does, and its
 * problem then tells the person what to fix instead of "unknown card".
 */
export function isResidentIdShape(s: string): boolean {
  const n = normalise(s);
  return /^\d{15}$/.test(n) || /^[\dX]{18}$/.test(n);
}

function problem(code: IdProblemCode, key: string, params?: Record<string, string | number>): IdProblem {
  return { code, message: message(key, params) };
}

export function parseResidentId(input: string): Result<ResidentId, IdProblem> {
  const n = normalise(input);
  if (n === '') return err(problem('empty', 'id.empty'));
  if (!/^[\dX]+$/.test(n)) return err(problem('characters', 'id.characters'));
  if (n.length !== 18 && n.length !== 15) return err(problem('length', 'id.length', { length: n.length }));
  // X is only ever the check character, so only the last of 18 may be X.
  if (n.length === 18 ? !/^\d{17}[\dX]$/.test(n) : !/^\d{15}$/.test(n)) {
    return err(problem('characters', 'id.characters'));
  }

  const convertedFrom15 = n.length === 15;
  // The 15-digit form dropped the century; all were issued to people born in the 1900s.
  const first17 = convertedFrom15 ? `${n.slice(0, 6)}19${n.slice(6)}` : n.slice(0, 17);

  const y = Number(first17.slice(6, 10));
  const m = Number(first17.slice(10, 12));
  const d = Number(first17.slice(12, 14));
  const shownDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (!isCalendarDate(y, m, d)) return err(problem('birthDate', 'id.birthDateInvalid', { date: shownDate }));
  if (y < EARLIEST_BIRTH_YEAR) return err(problem('birthDate', 'id.birthDateTooEarly', { date: shownDate }));

  const expected = checkCharacter(first17);
  if (!convertedFrom15 && n[17] !== expected) {
    return err(problem('checkChar', 'id.checkChar', { expected, actual: n.charAt(17) }));
  }

  return ok({
    number: first17 + expected,
    birthDate: shownDate,
    sex: Number(first17[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: first17.slice(0, 6),
    convertedFrom15,
  });
}

/**
 * The display form the kiosk may keep and show: the last 4 characters only (**************123X),
 * enough for a cashier to confirm "the one ending 123X". DESIGN.md allows the first 6 as well, but
 * the 8 digits between them are the birth date, which the roster keeps for pricing: first 6 + last 4
 * beside a birth date would be the whole number again. Throws on anything but 18 characters, so a
 * malformed value can never be shown with more of it visible.
 */
export function maskResidentId(number18: string): string {
  if (number18.length !== 18) throw new RangeError('maskResidentId needs an 18-character ID number');
  return `${'*'.repeat(14)}${number18.slice(14)}`;
}

/**
 * The HID keyboard usage table (USB HID Usage Tables, page 0x07 "Keyboard/Keypad"), as far as card
 * readers and barcode scanners use it. A usage code names a key *position* on a US keyboard, not a
 * character, so decoding through this table (rather than through the operating system's keyboard
 * layout) is what keeps a French or Pinyin layout from turning a UID into other characters.
 */

/** Modifier byte (byte 0 of a boot report): one bit per modifier key. */
export const MODIFIER = {
  leftCtrl: 0x01,
  leftShift: 0x02,
  leftAlt: 0x04,
  leftGui: 0x08,
  rightCtrl: 0x10,
  rightShift: 0x20,
  rightAlt: 0x40,
  rightGui: 0x80,
} as const;

/** Either shift key: the only modifier a reader uses, for upper case and shifted punctuation. */
export const SHIFT_BITS = MODIFIER.leftShift | MODIFIER.rightShift;

/** Ctrl, Alt and GUI: a reader never sends them, so a report with any of them is not a character. */
export const CHORD_BITS = 0xff & ~SHIFT_BITS;

/**
 * Usages 0x01–0x03 are the keyboard's error codes (ErrorRollOver, POSTFail, ErrorUndefined); a
 * keyboard in rollover error fills every slot with 0x01. None of them is a key.
 */
export const ERROR_USAGE_MAX = 0x03;

/** What one usage means to a scan. */
export type UsageMeaning =
  | { readonly kind: 'char'; readonly plain: string; readonly shifted: string }
  /** Enter, keypad Enter and Tab: the suffix readers are configured to send after a scan. */
  | { readonly kind: 'terminator' }
  /** Keys a reader may send that change nothing in the text (Caps Lock, Num Lock). */
  | { readonly kind: 'ignore' };

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '1234567890';
const DIGITS_SHIFTED = '!@#$%^&*()';
// 0x2D–0x38 in order, US positions; 0x32 is the non-US # key, which a US keyboard does not have:
// it is left out so a reader that sends it is garbled rather than guessed.
const PUNCTUATION: readonly (readonly [number, string, string])[] = [
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
];
// Keypad keys type the same with or without shift here: Num Lock is the host's state, not the
// reader's, and a reader that uses the keypad means the digit.
const KEYPAD: readonly (readonly [number, string])[] = [
  [0x54, '/'],
  [0x55, '*'],
  [0x56, '-'],
  [0x57, '+'],
  ...[...'1234567890'].map((c, i) => [0x59 + i, c] as const),
  [0x63, '.'],
];

function buildTable(): ReadonlyMap<number, UsageMeaning> {
  const table = new Map<number, UsageMeaning>();
  [...LETTERS].forEach((c, i) => table.set(0x04 + i, { kind: 'char', plain: c, shifted: c.toUpperCase() }));
  [...DIGITS].forEach((c, i) => table.set(0x1e + i, { kind: 'char', plain: c, shifted: DIGITS_SHIFTED.charAt(i) }));
  table.set(0x2c, { kind: 'char', plain: ' ', shifted: ' ' });
  for (const [usage, plain, shifted] of PUNCTUATION) table.set(usage, { kind: 'char', plain, shifted });
  for (const [usage, c] of KEYPAD) table.set(usage, { kind: 'char', plain: c, shifted: c });
  for (const usage of [0x28, 0x2b, 0x58]) table.set(usage, { kind: 'terminator' });
  // Caps Lock (0x39) and Num Lock (0x53): some readers tap them before typing; the decoder tracks no
  // lock state (the host's lock lights say nothing about what the reader meant), so they are no-ops.
  for (const usage of [0x39, 0x53]) table.set(usage, { kind: 'ignore' });
  return table;
}

const TABLE = buildTable();

/** The meaning of a usage on page 0x07, or undefined for a key a reader has no business sending. */
export function usageMeaning(usage: number): UsageMeaning | undefined {
  return TABLE.get(usage);
}

/** The character a usage types, with or without shift; undefined when it types none. */
export function usageCharacter(usage: number, shifted: boolean): string | undefined {
  const meaning = TABLE.get(usage);
  if (meaning?.kind !== 'char') return undefined;
  return shifted ? meaning.shifted : meaning.plain;
}

/** The usage (and whether it needs shift) that types a character: the inverse, for tests and fixtures. */
export function usageForCharacter(c: string): { readonly usage: number; readonly shift: boolean } | undefined {
  for (const [usage, meaning] of TABLE) {
    // Main-block keys first (Map keeps insertion order), so '1' is 0x1E, not keypad 1.
    if (meaning.kind !== 'char') continue;
    if (meaning.plain === c) return { usage, shift: false };
    if (meaning.shifted === c) return { usage, shift: true };
  }
  return undefined;
}

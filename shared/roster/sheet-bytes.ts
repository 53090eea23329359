/**
 * What a roster file's bytes are, decided from the bytes alone, for the one reader of kiosk and hub
 * (node-lib/roster/read-sheet.ts): an .xlsx, an old .xls, or CSV text in one of the encodings Chinese office
 * tools write. Pure, so the choice is made once; the reader only hands the answer to its decoder.
 */
export type SheetKind = 'empty' | 'xls' | 'xlsx' | 'csv';

// An .xlsx file is a ZIP archive; an old binary .xls is an OLE2 compound file.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function sheetKind(bytes: Uint8Array): SheetKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, OLE2_MAGIC)) return 'xls';
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  return 'csv';
}

/** A WHATWG encoding label, as TextDecoder takes it. */
export type CsvEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'gb18030';

/**
 * The encoding of a CSV file nobody stated. Excel's "Unicode text" is UTF-16 with a byte-order mark;
 * Excel in China saves "CSV" in the system code page, GBK (a subset of GB18030); "CSV UTF-8" saves
 * UTF-8 with a byte-order mark; other tools write UTF-8 without one. Chinese text in GBK is
 * practically never valid UTF-8, so bytes that are not strict UTF-8 are GB18030. (The decoders of
 * both utf-8 and utf-16 drop their byte-order mark themselves.)
 */
export function csvEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/**
 * Whether the bytes are well-formed UTF-8 (RFC 3629, as a fatal TextDecoder judges): no stray
 * continuation bytes, no overlong forms, no surrogates, nothing above U+10FFFF, no cut-off end.
 */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  const cont = (k: number): boolean => k < n && ((bytes[k] ?? 0) & 0xc0) === 0x80;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const b1 = bytes[i + 1] ?? 0;
    if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return false;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      // E0: no overlong (second byte ≥ A0); ED: no surrogates (second byte ≤ 9F).
      if (!cont(i + 1) || !cont(i + 2) || (b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return false;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      // F0: no overlong (≥ 90); F4: nothing above U+10FFFF (≤ 8F).
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

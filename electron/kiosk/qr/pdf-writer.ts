/**
 * The smallest PDF 1.4 writer the printed QR card needs (docs/qr.md "Printing a card"): numbered
 * objects, an xref table with the byte offset of each, a trailer. Text uses the non-embedded
 * standard CJK font STSong-Light (UniGB-UCS2-H), so no font file ships: Acrobat, Chrome/PDFium and
 * poppler (with poppler-data) supply it.
 */

/** A PDF number: at most 2 decimals, no exponent, no trailing zeros. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`pdfNumber: ${n}`);
  const s = (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** Characters UniGB-UCS2-H has under another code point. */
const CMAP_SUBSTITUTES: ReadonlyMap<number, number> = new Map([
  // The middle dot of minority names (买买提·艾力) and of our footer: GB 2312's A1A4 is U+30FB there.
  [0x00b7, 0x30fb],
]);

/**
 * Text as a UTF-16BE hex string `<…>` for the UniGB-UCS2-H encoding. UCS-2: a character outside
 * the Basic Multilingual Plane (a rare name character) has no code there and prints as a blank box.
 */
export function utf16beHex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hex += (CMAP_SUBSTITUTES.get(unit) ?? unit).toString(16).toUpperCase().padStart(4, '0');
  }
  return `<${hex}>`;
}

/**
 * Width of text in thousandths of the font size under the widths the font declares (CJK_FONT_WIDTHS):
 * printable ASCII half width, everything else full width.
 */
export function textWidthUnits(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units += c >= 0x20 && c <= 0x7e ? 500 : 1000;
  }
  return units;
}

/**
 * The objects of the Type0 font STSong-Light, numbered from `first` (three objects: the font, its
 * CIDFontType0 descendant, the font descriptor). In UniGB-UCS2-H, U+0020–U+007E are CIDs 1–95,
 * declared half width; the rest default to full width (DW 1000) — textWidthUnits agrees.
 */
export function cjkFontObjects(first: number): [string, string, string] {
  return [
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${first + 1} 0 R] >>`,
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${first + 2} 0 R /DW 1000 /W [1 95 500] >>`,
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
}

/** A stream object's text (ASCII content, uncompressed: the card is small and stays readable). */
export function streamObject(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/**
 * The whole file: `objects[i]` becomes object i + 1; object 1 must be the catalog. Every object's
 * text is ASCII, so its length in bytes is its length in characters.
 */
export function writePdf(objects: readonly string[]): Buffer {
  // The binary comment tells file-transfer tools the file is not plain text (PDF 1.4 §3.4.1).
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  // Each xref entry is exactly 20 bytes: 10 digits, space, 5 digits, space, n|f, space, newline.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// The hub's copy of electron/kiosk/roster/decode-text.ts (server/ may not import electron/).
/**
 * The text of a CSV file whose encoding nobody stated. Excel in China saves "CSV" in the system
 * code page, GBK (a subset of GB18030); "CSV UTF-8" saves UTF-8 with a byte-order mark; other tools
 * write UTF-8 without one. Chinese text in GBK is practically never valid UTF-8, so a strict UTF-8
 * decode that fails means GB18030.
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

// Decoders are reusable and cheap to keep; building one per file would also be fine.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const gb18030 = new TextDecoder('gb18030');

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    // ignoreBOM: false makes the decoder drop a leading BOM itself.
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: gb18030.decode(bytes), encoding: 'gb18030' };
  }
}

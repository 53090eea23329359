import type { DecodeEvent, ReportDecoder } from '../reader-types.js';

/**
 * Decodes HID-POS barcode scanner input reports (USB HID Point of Sale Usage Tables, usage page
 * 0x8C "Bar Code Scanner", Scanned Data Report). The usages are Symbology Identifier 1–3
 * (0xFB–0xFD), Decoded Data (0xFE) and Decode Data Continued (0xFF, a 1-bit flag: the symbol goes
 * on in the next report). The byte positions are not fixed by the usage tables but by each
 * scanner's report descriptor; the defaults below are the common 64-byte layout of Honeywell (and
 * compatible Zebra/Datalogic) scanners in HID-POS mode:
 *
 *   byte 0       report ID (0x02)
 *   byte 1       number of data bytes in this report (0–56)
 *   bytes 2–4    AIM symbology identifier (Symbology Identifier 1–3) — not used here
 *   bytes 5–60   decoded data (UTF-8), `length` bytes of it meaningful, the rest padding
 *   bytes 61–62  vendor bytes — not used here
 *   byte 63      bit 0: Decode Data Continued (1 = more of this symbol in the next report)
 *
 * Every position is configurable, so a scanner with another descriptor needs configuration, not
 * code. Reports with another report ID (trigger or status reports of the same interface) carry no
 * symbol data and are ignored. After a garbled report everything up to the end of the next symbol
 * is discarded (see keyboard-decoder.ts: otherwise the tail of a broken symbol would pass as one).
 */

export interface HidPosLayout {
  readonly reportId: number;
  readonly lengthOffset: number;
  readonly dataOffset: number;
  /** Byte holding the continuation flag (bit 0); negative counts from the end (-1 = last byte). */
  readonly continuationOffset: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = { reportId: 0x02, lengthOffset: 1, dataOffset: 5, continuationOffset: -1 };

export interface HidPosDecoderOptions {
  readonly layout?: Partial<HidPosLayout>;
  /** Longest symbol in bytes; a QR code holds at most 2953, so more is a scanner gone wrong. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 4096;
const CONTINUED = 0x01;

// Printable text only: a control character (C0, DEL, C1) in a scan is line noise, not part of an identity.
function hasControl(text: string): boolean {
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

type Parsed = { readonly ok: true; readonly data: Uint8Array; readonly continued: boolean } | { readonly ok: false; readonly reason: string };

function parseReport(report: Uint8Array, layout: HidPosLayout): Parsed | undefined {
  if (report.length === 0) return { ok: false, reason: 'length' };
  if (report[0] !== layout.reportId) return undefined;
  const flagAt = layout.continuationOffset < 0 ? report.length + layout.continuationOffset : layout.continuationOffset;
  const length = report[layout.lengthOffset];
  const flag = report[flagAt];
  if (length === undefined || flag === undefined || flagAt < 0) return { ok: false, reason: 'length' };
  const end = layout.dataOffset + length;
  // The data must lie inside the report and must not run over the flag byte.
  const dataLimit = flagAt > layout.dataOffset ? flagAt : report.length;
  if (end > dataLimit) return { ok: false, reason: 'dataLength' };
  return { ok: true, data: report.subarray(layout.dataOffset, end), continued: (flag & CONTINUED) !== 0 };
}

// Field by field, so a setting given as undefined keeps its default instead of erasing it.
function layoutOf(given: Partial<HidPosLayout>): HidPosLayout {
  return {
    reportId: given.reportId ?? DEFAULT_HID_POS_LAYOUT.reportId,
    lengthOffset: given.lengthOffset ?? DEFAULT_HID_POS_LAYOUT.lengthOffset,
    dataOffset: given.dataOffset ?? DEFAULT_HID_POS_LAYOUT.dataOffset,
    continuationOffset: given.continuationOffset ?? DEFAULT_HID_POS_LAYOUT.continuationOffset,
  };
}

export function createHidPosDecoder(options: HidPosDecoderOptions = {}): ReportDecoder {
  const layout = layoutOf(options.layout ?? {});
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let continuing = false;
  let discarding = false;

  function clear(): void {
    parts = [];
    size = 0;
    continuing = false;
  }

  /** `restFollows`: whether reports of the broken symbol are still to come (and must be discarded). */
  function garble(events: DecodeEvent[], reason: string, restFollows: boolean): readonly DecodeEvent[] {
    clear();
    discarding = restFollows;
    events.push({ kind: 'garbled', reason });
    return events;
  }

  function symbolText(): string | undefined {
    const all = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    try {
      return utf8.decode(all).replace(/[\r\n]+$/, '');
    } catch {
      // Not UTF-8: the TextDecoder is fatal so that a broken byte is refused, not replaced with U+FFFD.
      return undefined;
    }
  }

  return {
    push(report: Uint8Array): readonly DecodeEvent[] {
      const events: DecodeEvent[] = [];
      const parsed = parseReport(report, layout);
      if (parsed === undefined) return events;
      // A report that does not parse cannot be trusted to say whether the symbol ends here.
      if (!parsed.ok) return garble(events, parsed.reason, true);
      if (discarding) {
        // The rest of a broken symbol: swallowed up to its last report.
        if (!parsed.continued) discarding = false;
        return events;
      }
      if (size + parsed.data.length > maxBytes) return garble(events, 'tooLong', parsed.continued);
      // Copied: the caller may reuse its buffer for the next report.
      parts.push(parsed.data.slice());
      size += parsed.data.length;
      continuing = parsed.continued;
      if (continuing) return events;
      const text = symbolText();
      clear();
      if (text === undefined) return garble(events, 'encoding', false);
      if (hasControl(text)) return garble(events, 'control', false);
      if (text !== '') events.push({ kind: 'scan', scan: { text } });
      return events;
    },
    reset(): void {
      clear();
      discarding = false;
    },
    get pending(): boolean {
      return discarding || continuing || size > 0;
    },
  };
}

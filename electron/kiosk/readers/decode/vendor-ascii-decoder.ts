import type { DecodeEvent, ReportDecoder } from '../reader-types.js';

/**
 * Decodes vendor-defined reports that simply carry ASCII text, as many Chinese IC card readers do in
 * "HID data" mode. Framing is configured per reader:
 *   - 'lengthPrefixed': byte 0 is the number of text bytes that follow; bytes after them are padding.
 *   - 'nulPadded': text from byte 0 up to the first NUL; every byte after it must be NUL too.
 * A scan ends with the configured terminator (CR, LF or CR LF) and may span reports, and a report
 * may hold the end of one scan and the start of the next. Only printable ASCII (0x20–0x7E) is text;
 * anything else garbles the report. A garbled report is dropped whole (a CR after a bad byte is no more
 * trustworthy than the byte), and everything up to the next terminator of a later report is discarded
 * (see keyboard-decoder.ts: otherwise the tail of a broken scan would pass as one).
 */

export type VendorFraming = 'lengthPrefixed' | 'nulPadded';
export type VendorTerminator = 'CR' | 'LF' | 'CRLF';

export interface VendorAsciiDecoderOptions {
  readonly framing: VendorFraming;
  readonly terminator: VendorTerminator;
  /** When the device numbers its reports: byte 0 must be this and is stripped before the framing. */
  readonly reportId?: number;
  /** Longest scan in characters. */
  readonly maxLength?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const DEFAULT_MAX_LENGTH = 1024;

function isPrintable(b: number): boolean {
  return b >= 0x20 && b <= 0x7e;
}

/** The text bytes of one report, or undefined when its framing is broken. */
function payload(report: Uint8Array, options: VendorAsciiDecoderOptions): Uint8Array | undefined {
  let body = report;
  if (options.reportId !== undefined) {
    if (body[0] !== options.reportId) return undefined;
    body = body.subarray(1);
  }
  if (body.length === 0) return undefined;
  if (options.framing === 'lengthPrefixed') {
    const length = body[0] ?? 0;
    return 1 + length <= body.length ? body.subarray(1, 1 + length) : undefined;
  }
  const nul = body.indexOf(0);
  if (nul === -1) return body;
  // Bytes after the padding started mean the report is not what the framing says.
  return body.subarray(nul).every((b) => b === 0) ? body.subarray(0, nul) : undefined;
}

export function createVendorAsciiDecoder(options: VendorAsciiDecoderOptions): ReportDecoder {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const ender = options.terminator === 'LF' ? LF : CR;
  let text = '';
  let discarding = false;
  // CRLF only: a CR has been read and the LF that completes the terminator has not.
  let awaitingLf = false;

  function garble(events: DecodeEvent[], reason: string): false {
    text = '';
    awaitingLf = false;
    discarding = true;
    events.push({ kind: 'garbled', reason });
    return false;
  }

  function finish(events: DecodeEvent[]): true {
    if (!discarding && text !== '') events.push({ kind: 'scan', scan: { text } });
    text = '';
    discarding = false;
    return true;
  }

  /** Returns false when the byte garbled the scan: the rest of that report is then not read. */
  function byte(events: DecodeEvent[], b: number): boolean {
    if (awaitingLf) {
      awaitingLf = false;
      return b === LF ? finish(events) : garble(events, 'terminator');
    }
    if (b === ender) {
      if (options.terminator !== 'CRLF') return finish(events);
      awaitingLf = true;
      return true;
    }
    // Checked even while discarding: a bad byte makes a terminator later in its report untrustworthy.
    if (!isPrintable(b)) return garble(events, 'character');
    if (discarding) return true;
    if (text.length >= maxLength) return garble(events, 'tooLong');
    text += String.fromCharCode(b);
    return true;
  }

  return {
    push(report: Uint8Array): readonly DecodeEvent[] {
      const events: DecodeEvent[] = [];
      const bytes = payload(report, options);
      if (bytes === undefined) {
        garble(events, 'framing');
        return events;
      }
      for (const b of bytes) {
        if (!byte(events, b)) break;
      }
      return events;
    },
    reset(): void {
      text = '';
      discarding = false;
      awaitingLf = false;
    },
    get pending(): boolean {
      return discarding || awaitingLf || text !== '';
    },
  };
}

/**
 * The set-up screen's live view without an ID number in it. A keyboard-class ID-card reader types
 * the number one key per report, so each report's bytes spell one digit: masking only the decoded
 * text would still send the whole number. Reports are therefore held per reader until the scan they
 * belong to ends, then sent — with the bytes withheld (and the text masked) when that scan is, or may
 * be, a resident ID number (PIPL; DESIGN.md §3). Idle reports (all zero, e.g. a key release with
 * nothing pending) go out at once.
 */
import { message } from '../../../../shared/i18n/text.js';
import { isResidentIdShape, maskResidentId } from '../../../../shared/idcard.js';
import type { KioskEvent } from '../../../../shared/kiosk-api/events.js';
import { isoInstant } from '../../clock.js';
import type { ReaderEvent } from '../../readers/reader-manager.js';
import type { ReportFormat } from '../../readers/reader-types.js';

type LiveEvent = Extract<ReaderEvent, { kind: 'live' }>;
export type ReaderLiveEvent = Extract<KioskEvent, { type: 'readerLive' }>;

/** A scan's part cut short with this many digits or more may be the start of an ID number. */
const PARTIAL_DIGITS_WITHHELD = 6;
/** A reader that never ends a scan must not grow memory: past this, what is held goes out (checked). */
const MAX_HELD = 512;

/** ID-shaped, or a long run of digits that an ID number with a key lost would be. */
export function mayBeIdNumber(text: string): boolean {
  const t = text.trim();
  return isResidentIdShape(t) || /^\d{14,18}[\dXx]?$/.test(t);
}

function masked(text: string): string {
  const t = text.trim();
  return t.length === 18 ? maskResidentId(t) : `${'*'.repeat(Math.max(0, t.length - 4))}${t.slice(-4)}`;
}

function bytesOf(hex: string): number[] {
  return hex.split(/\s+/).filter((b) => b !== '').map((b) => Number.parseInt(b, 16));
}

/** How many digits the reports could spell: keyboard usages 1E–27, or ASCII '0'–'9' in other formats. */
function digitsSpelled(reports: readonly LiveEvent[], format: ReportFormat): number {
  let n = 0;
  for (const r of reports) {
    const bytes = bytesOf(r.bytes);
    // A keyboard report's key usages are its last six bytes (8 bytes, or 9 with a report id).
    const keys = format === 'keyboard' ? bytes.slice(-6) : bytes;
    n += keys.filter((b) => (format === 'keyboard' ? b >= 0x1e && b <= 0x27 : b >= 0x30 && b <= 0x39)).length;
  }
  return n;
}

export class LiveViewFilter {
  private readonly held = new Map<string, LiveEvent[]>();

  constructor(private readonly send: (event: ReaderLiveEvent) => void) {}

  push(e: LiveEvent, format: ReportFormat): void {
    const held = this.held.get(e.readerId) ?? [];
    if (held.length === 0 && e.decoded.length === 0 && bytesOf(e.bytes).every((b) => b === 0)) {
      this.out(e, false);
      return;
    }
    held.push(e);
    this.held.set(e.readerId, held);
    if (e.decoded.length === 0) {
      if (held.length >= MAX_HELD) this.drop(e.readerId, format);
      return;
    }
    this.held.delete(e.readerId);
    const scans = e.decoded.flatMap((d) => (d.kind === 'scan' ? [d.scan.text] : []));
    // Digits typed beyond those of the scan are a broken scan's remains (a garbled ID number's tail,
    // swallowed by the decoder up to its terminator): they count as a partial.
    const extraDigits = digitsSpelled(held, format) - scans.join('').replace(/\D/g, '').length;
    const withhold = scans.some(mayBeIdNumber) || extraDigits >= PARTIAL_DIGITS_WITHHELD;
    for (const r of held) this.out(r, withhold);
  }

  /** The partial scan was dropped (timeout, unplug): what was held goes out, withheld if it may be an ID. */
  drop(readerId: string, format: ReportFormat): void {
    const held = this.held.get(readerId);
    if (held === undefined) return;
    this.held.delete(readerId);
    const withhold = digitsSpelled(held, format) >= PARTIAL_DIGITS_WITHHELD;
    for (const r of held) this.out(r, withhold);
  }

  /** Live view switched off: what is held is never sent. */
  clear(readerId?: string): void {
    if (readerId === undefined) this.held.clear();
    else this.held.delete(readerId);
  }

  private out(e: LiveEvent, withhold: boolean): void {
    const texts = e.decoded.flatMap((d) => (d.kind === 'scan' ? [withhold || mayBeIdNumber(d.scan.text) ? masked(d.scan.text) : d.scan.text] : []));
    const garbled = e.decoded.flatMap((d) => (d.kind === 'garbled' ? [d.reason] : []));
    this.send({
      type: 'readerLive',
      readerId: e.readerId,
      bytes: withhold ? '' : e.bytes,
      decoded: texts.join(' '),
      garbled: garbled.length === 0 ? null : garbled.join(', '),
      note: withhold ? message('api.readers.liveWithheld') : null,
      at: isoInstant(e.at),
    });
  }
}

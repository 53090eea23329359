import type { DecodeEvent, ReportDecoder } from '../reader-types.js';
import { CHORD_BITS, ERROR_USAGE_MAX, SHIFT_BITS, usageMeaning } from '../hid-usage.js';

/**
 * Decodes 8-byte boot-protocol keyboard reports (HID 1.11 appendix B): byte 0 modifiers, byte 1
 * reserved, bytes 2–7 the usages of the keys held down. A report lists what is held, not what
 * changed, so a press is a usage that was not in the previous report; a key held over several
 * reports is one press, and a repeated character arrives as press, release, press.
 *
 * Safety rule shared by every decoder: a garbled report is dropped whole (a terminator in it is not
 * trusted either), and the decoder then discards everything up to and including the next terminator
 * of a later report. Dropping only the partial would let the rest of the broken
 * scan (its tail, ending in Enter) come out as a scan of its own — a half-scan — so the rest is
 * swallowed too. `pending` stays true meanwhile, so the reader service's idle timeout calls `reset`
 * if the terminator never comes.
 */

export interface KeyboardDecoderOptions {
  /**
   * A report ID to strip when the device numbers its reports (the report is then 9 bytes). 8-byte
   * reports are still accepted, because some hosts strip the ID themselves.
   */
  readonly reportId?: number;
  /** Longest scan, in characters; longer is garbled, so a stuck key cannot grow memory forever. */
  readonly maxLength?: number;
}

const BOOT_REPORT_LENGTH = 8;
const DEFAULT_MAX_LENGTH = 1024;

export function createKeyboardDecoder(options: KeyboardDecoderOptions = {}): ReportDecoder {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  let text = '';
  let discarding = false;
  // Usages held in the previous report: a usage seen again is still held, not pressed again.
  let held: ReadonlySet<number> = new Set();

  function garble(events: DecodeEvent[], reason: string): false {
    text = '';
    discarding = true;
    events.push({ kind: 'garbled', reason });
    return false;
  }

  function bootReport(report: Uint8Array): Uint8Array | undefined {
    if (report.length === BOOT_REPORT_LENGTH) return report;
    if (report.length === BOOT_REPORT_LENGTH + 1 && options.reportId !== undefined && report[0] === options.reportId) {
      return report.subarray(1);
    }
    return undefined;
  }

  /** Returns false when the press garbled the scan: the rest of that report is then not read. */
  function press(events: DecodeEvent[], usage: number, shifted: boolean): boolean {
    const meaning = usageMeaning(usage);
    if (meaning === undefined) return garble(events, 'unknownUsage');
    switch (meaning.kind) {
      case 'ignore':
        return true;
      case 'terminator': {
        const wasDiscarding = discarding;
        const scanned = text;
        text = '';
        discarding = false;
        // An empty scan (a bare Enter) is nobody's card; the end of a discarded scan is not a scan.
        if (!wasDiscarding && scanned !== '') events.push({ kind: 'scan', scan: { text: scanned } });
        return true;
      }
      case 'char':
        if (discarding) return true;
        if (text.length >= maxLength) return garble(events, 'tooLong');
        text += shifted ? meaning.shifted : meaning.plain;
        return true;
    }
  }

  return {
    push(report: Uint8Array): readonly DecodeEvent[] {
      const events: DecodeEvent[] = [];
      const boot = bootReport(report);
      if (boot === undefined) {
        // Nothing in a report of the wrong size can be trusted, including which keys it holds.
        held = new Set();
        garble(events, 'length');
        return events;
      }
      const modifiers = boot[0] ?? 0;
      const slots = [...boot.subarray(2)].filter((u) => u !== 0);
      const now = new Set(slots);
      // Remember what is held even for a refused report, so a key held through it is not pressed again.
      const before = held;
      held = now;
      if (slots.some((u) => u <= ERROR_USAGE_MAX)) {
        garble(events, 'rollover');
        return events;
      }
      if ((modifiers & CHORD_BITS) !== 0) {
        garble(events, 'chord');
        return events;
      }
      // A key listed twice in one report is not something a keyboard does.
      if (now.size !== slots.length) {
        garble(events, 'duplicateUsage');
        return events;
      }
      const shifted = (modifiers & SHIFT_BITS) !== 0;
      for (const usage of slots) {
        if (!before.has(usage) && !press(events, usage, shifted)) break;
      }
      return events;
    },
    reset(): void {
      text = '';
      discarding = false;
      held = new Set();
    },
    get pending(): boolean {
      return discarding || text !== '';
    },
  };
}

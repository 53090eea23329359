/**
 * Telling a keyboard-wedge scan from a person typing (DESIGN.md §3 "Identity"), as a state machine with
 * no DOM, so it can be tested in plain Node with a fake clock.
 *
 * A renderer cannot take back a key once the page has acted on it, so the detector holds printable keys
 * back: each one is buffered ('hold' — the caller prevents its default action) and a timer of maxGapMs
 * runs. A scan is a buffer whose keys came at most maxGapMs apart, that starts with the prefix, ends with
 * the suffix, has at least minLength characters between them, and is ended by Enter or Tab within
 * maxGapMs of its last character: the terminator is then 'swallow'ed and onScan gets the text without
 * prefix and suffix. Anything else held is handed back through onFlush, in order, so the caller can
 * replay it where it was typed — when the timer fires, when the next key comes too late, or just before a
 * key that passes through (so Backspace, an arrow or Enter act after the characters typed before it).
 * A person's first key is therefore late by at most maxGapMs.
 *
 * A timer runs in the renderer's time, a key's `at` is when it happened: when the renderer receives a
 * burst late (the browser was busy), the timer can flush the start of a scan before the rest arrives. The
 * rest then came within maxGapMs of a key already handed back as typing, and is refused as a scan too —
 * the tail of a card number must not be taken for a card.
 */
import type { WedgeSettings } from '../../../shared/kiosk-api/views.js';

/** The part of the wedge settings that decides what a scan is (the rest, such as uidFormat, reads a scan). */
export type ScanRules = Pick<WedgeSettings, 'maxGapMs' | 'minLength' | 'prefix' | 'suffix'>;

/** What the caller does with the key: hold = prevent and buffer, pass = let it through, swallow = prevent (a scan's terminator). */
export type KeyVerdict = 'hold' | 'pass' | 'swallow';

export interface DetectorKey {
  /** KeyboardEvent.key: one character for a printable key, a name ('Enter', 'Shift', 'ArrowLeft' …) otherwise. */
  key: string;
  ctrl?: boolean;
  alt?: boolean;
  meta?: boolean;
  /** KeyboardEvent.isComposing: an IME is composing (pinyin input); its keys are never a scan. */
  composing?: boolean;
  /**
   * When the key happened (same time base as clock.now()). A browser passes KeyboardEvent.timeStamp, so
   * a renderer busy for a moment between two scanner keys does not stretch the gap it measures.
   */
  at?: number;
}

export interface DetectorClock<H> {
  now(): number;
  setTimer(fn: () => void, ms: number): H;
  clearTimer(handle: H): void;
}

export interface DetectorSink {
  /** A scan, prefix and suffix stripped. */
  onScan(text: string): void;
  /** Characters held back that were not a scan, in the order typed. */
  onFlush(text: string): void;
}

export interface ScanDetector {
  key(k: DetectorKey): KeyVerdict;
  /** Hands anything held back to onFlush now (e.g. before the detector is dropped). */
  flush(): void;
  /** Characters held back right now ('' when none); the caller uses it to know a buffer has begun. */
  pending(): string;
  /** Flushes and stops the timer; the detector must not be used afterwards. */
  dispose(): void;
}

/** Keys that only change the next key (Shift for a scanner's capital letters): no effect on the buffer. */
const SILENT_KEYS = new Set(['Shift', 'CapsLock']);

/** One character, astral ones included; KeyboardEvent.key is a name ('Enter') for the others. */
function isPrintable(key: string): boolean {
  if (key.length === 0) return false;
  const first = key.codePointAt(0);
  if (first === undefined || first < 0x20 || first === 0x7f) return false;
  return key.length === 1 || (key.length === 2 && first > 0xffff);
}

/** The scan text if `buffer` is one by prefix, suffix and length; null otherwise. */
export function scanText(buffer: string, settings: ScanRules): string | null {
  const { prefix, suffix, minLength } = settings;
  if (buffer.length < prefix.length + suffix.length) return null;
  if (!buffer.startsWith(prefix) || !buffer.endsWith(suffix)) return null;
  const body = buffer.slice(prefix.length, buffer.length - suffix.length);
  // minLength counts the characters of the scan itself, so a prefix cannot make a short burst pass.
  return [...body].length >= Math.max(1, minLength) ? body : null;
}

export function createScanDetector<H>(settings: ScanRules, clock: DetectorClock<H>, sink: DetectorSink): ScanDetector {
  const maxGap = settings.maxGapMs;
  let buffer = '';
  let lastAt = 0;
  /** When the last key of the last buffer handed back was typed; null after a scan or before any key. */
  let flushedAt: number | null = null;
  /** The buffer continues one already handed back (see above): it is never a scan. */
  let continuesFlushed = false;
  let timer: { handle: H } | null = null;
  let disposed = false;

  function stopTimer(): void {
    if (timer !== null) clock.clearTimer(timer.handle);
    timer = null;
  }

  function flush(): void {
    stopTimer();
    if (buffer === '') return;
    const text = buffer;
    buffer = '';
    flushedAt = lastAt;
    sink.onFlush(text);
  }

  function key(k: DetectorKey): KeyVerdict {
    if (disposed) return 'pass';
    const at = k.at ?? clock.now();
    // Shortcuts and IME composition are a person's, never a scanner's: they act after what came before.
    if (k.ctrl === true || k.alt === true || k.meta === true || k.composing === true) {
      flush();
      return 'pass';
    }
    if (SILENT_KEYS.has(k.key)) return 'pass';
    // The gap is measured here too, not only by the timer: a timer can be late, a key's time is not.
    const inTime = buffer !== '' && at - lastAt <= maxGap;
    if (k.key === 'Enter' || k.key === 'Tab') {
      const text = inTime && !continuesFlushed ? scanText(buffer, settings) : null;
      if (text === null) {
        flush();
        return 'pass';
      }
      stopTimer();
      buffer = '';
      flushedAt = null;
      sink.onScan(text);
      return 'swallow';
    }
    if (!isPrintable(k.key)) {
      flush();
      return 'pass';
    }
    if (!inTime) flush();
    if (buffer === '') continuesFlushed = flushedAt !== null && at - flushedAt <= maxGap;
    buffer += k.key;
    lastAt = at;
    stopTimer();
    // One past maxGap: a key exactly maxGapMs after the last still belongs to the burst.
    timer = { handle: clock.setTimer(flush, maxGap + 1) };
    return 'hold';
  }

  return {
    key,
    flush,
    pending: () => buffer,
    dispose() {
      flush();
      disposed = true;
    },
  };
}

/**
 * The keyboard-wedge detector on a fake clock: a scanner's fast burst ended by Enter is a scan; a person's
 * keys are never a scan and every one of them comes back, in order, to be replayed where it was typed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createScanDetector } from '../../../renderer/kiosk/wedge/scan-detector.js';
import type { DetectorKey, KeyVerdict, ScanDetector, ScanRules } from '../../../renderer/kiosk/wedge/scan-detector.js';

const DEFAULTS: ScanRules = { maxGapMs: 35, minLength: 6, prefix: '', suffix: '' };

/** A clock whose time moves only when the test says so, firing due timers in order as it passes them. */
class FakeClock {
  private t = 1_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.t;
  setTimer = (fn: () => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimer = (id: number): void => {
    this.timers.delete(id);
  };

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (due === undefined || entry[1].at < due[1].at)) due = entry;
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

interface Rig {
  clock: FakeClock;
  detector: ScanDetector;
  scans: string[];
  flushed: string[];
  /** Every verdict, in order. */
  verdicts: KeyVerdict[];
  /** Presses each key after waiting its gap; a string is pressed character by character. */
  press(keys: ReadonlyArray<string | DetectorKey>, gaps: number | ((i: number) => number)): KeyVerdict[];
}

function rig(settings: Partial<ScanRules> = {}): Rig {
  const clock = new FakeClock();
  const scans: string[] = [];
  const flushed: string[] = [];
  const verdicts: KeyVerdict[] = [];
  const detector = createScanDetector({ ...DEFAULTS, ...settings }, clock, {
    onScan: (text) => scans.push(text),
    onFlush: (text) => flushed.push(text),
  });
  return {
    clock,
    detector,
    scans,
    flushed,
    verdicts,
    press(keys, gaps) {
      const out: KeyVerdict[] = [];
      keys.forEach((k, i) => {
        clock.advance(typeof gaps === 'number' ? gaps : gaps(i));
        const v = detector.key(typeof k === 'string' ? { key: k } : k);
        out.push(v);
        verdicts.push(v);
      });
      return out;
    },
  };
}

const chars = (s: string): string[] => [...s];

describe('scan detector', () => {
  it('a scanner at 1–3 ms a key, ended by Enter, is a scan: every key held, Enter swallowed, nothing flushed', () => {
    const r = rig();
    const verdicts = r.press([...chars('0012345678'), 'Enter'], (i) => 1 + (i % 3));
    expect(verdicts).toEqual([...Array<KeyVerdict>(10).fill('hold'), 'swallow']);
    expect(r.scans).toEqual(['0012345678']);
    r.clock.advance(1_000);
    expect(r.flushed).toEqual([]);
  });

  it('a scanner’s capital letters (Shift before each) are a scan too', () => {
    const r = rig();
    r.press(['Shift', 'Z', 'Shift', 'C', '1', '.', 'a', 'B', 'Enter'], 2);
    expect(r.scans).toEqual(['ZC1.aB']);
  });

  it('a person at 60–200 ms a key is never a scan, and every character is flushed in order', () => {
    const r = rig();
    const gaps = [60, 200, 75, 130, 61, 199, 90, 150];
    r.press([...chars('wang1234'), 'Enter'], (i) => gaps[i % gaps.length] ?? 100);
    expect(r.scans).toEqual([]);
    expect(r.flushed.join('')).toBe('wang1234');
    // Each key was flushed before the next came, so each reached the field at most maxGapMs late.
    expect(r.flushed).toEqual(chars('wang1234'));
    expect(r.verdicts.at(-1)).toBe('pass');
  });

  it('two quick keys and a pause are flushed together when the gap passes', () => {
    const r = rig();
    r.press(['w', 'a'], 20);
    expect(r.flushed).toEqual([]);
    r.clock.advance(36);
    expect(r.flushed).toEqual(['wa']);
    r.press(['n', 'g'], 300);
    r.clock.advance(300);
    expect(r.flushed.join('')).toBe('wang');
  });

  it('a key exactly maxGapMs after the last still belongs to the burst', () => {
    const r = rig();
    r.press([...chars('123456'), 'Enter'], 35);
    expect(r.scans).toEqual(['123456']);
  });

  it('a fast burst shorter than minLength is flushed, and its Enter passes after it', () => {
    const r = rig();
    const order: string[] = [];
    const d = createScanDetector(DEFAULTS, r.clock, { onScan: (t) => order.push(`scan:${t}`), onFlush: (t) => order.push(`flush:${t}`) });
    for (const k of chars('12345')) {
      r.clock.advance(2);
      expect(d.key({ key: k })).toBe('hold');
    }
    r.clock.advance(2);
    // The characters are handed back before the verdict, so the field has them when Enter acts.
    expect(d.key({ key: 'Enter' })).toBe('pass');
    expect(order).toEqual(['flush:12345']);
  });

  it('minLength set higher refuses a burst the default would accept', () => {
    const r = rig({ minLength: 12 });
    r.press([...chars('0012345678'), 'Enter'], 2);
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual(['0012345678']);
  });

  it('with a prefix and suffix set, both are required and stripped', () => {
    const r = rig({ prefix: '~', suffix: '#' });
    r.press([...chars('~00BC614E#'), 'Enter'], 2);
    expect(r.scans).toEqual(['00BC614E']);

    r.press([...chars('00BC614E#'), 'Enter'], 2); // no prefix
    r.clock.advance(500);
    r.press([...chars('~00BC614E'), 'Enter'], 2); // no suffix
    r.clock.advance(500);
    expect(r.scans).toEqual(['00BC614E']);
    expect(r.flushed).toEqual(['00BC614E#', '~00BC614E']);
  });

  it('the prefix and suffix do not count towards minLength', () => {
    const r = rig({ prefix: 'QR:', suffix: '!', minLength: 6 });
    r.press([...chars('QR:12345!'), 'Enter'], 2);
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual(['QR:12345!']);
  });

  it('keys with Ctrl, Alt or Meta pass, after what was held is flushed', () => {
    const r = rig();
    r.press(['a', 'b'], 2);
    expect(r.detector.key({ key: 'v', ctrl: true })).toBe('pass');
    expect(r.flushed).toEqual(['ab']);
    expect(r.detector.key({ key: 'c', meta: true })).toBe('pass');
    expect(r.detector.key({ key: 'x', alt: true })).toBe('pass');
    expect(r.flushed).toEqual(['ab']);
  });

  it('keys during IME composition pass untouched and are never buffered', () => {
    const r = rig();
    const verdicts = r.press([...chars('wangxiaoming'), 'Enter'].map((key) => ({ key, composing: true })), 2);
    expect(verdicts.every((v) => v === 'pass')).toBe(true);
    r.clock.advance(1_000);
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual([]);
  });

  it('a scan interrupted by a long gap is not a scan: both parts are flushed', () => {
    const r = rig();
    r.press(chars('00123'), 2);
    r.clock.advance(80);
    r.press([...chars('45678'), 'Enter'], 2);
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual(['00123', '45678']);
    expect(r.verdicts.at(-1)).toBe('pass');
  });

  it('a late Enter is not a terminator, even if the timer has not fired yet', () => {
    const r = rig();
    r.press(chars('0012345678'), 2);
    // The key's own time says 50 ms passed; the clock (and so the timer) has not caught up.
    expect(r.detector.key({ key: 'Enter', at: r.clock.now() + 50 })).toBe('pass');
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual(['0012345678']);
  });

  it('the rest of a burst that arrives after the timer flushed its start is not a scan either', () => {
    const r = rig();
    // The keys happened 2 ms apart, but the renderer was busy: the timer fired after the first three.
    let at = r.clock.now();
    for (const key of chars('001')) r.detector.key({ key, at: (at += 2) });
    r.clock.advance(60);
    expect(r.flushed).toEqual(['001']);
    for (const key of chars('2345678')) r.detector.key({ key, at: (at += 2) });
    expect(r.detector.key({ key: 'Enter', at: (at += 2) })).toBe('pass');
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual(['001', '2345678']);

    // The next burst, well apart, is a scan again.
    r.clock.advance(500);
    r.press([...chars('0012345678'), 'Enter'], 2);
    expect(r.scans).toEqual(['0012345678']);
  });

  it('Enter alone passes', () => {
    const r = rig();
    expect(r.detector.key({ key: 'Enter' })).toBe('pass');
    r.clock.advance(5);
    expect(r.detector.key({ key: 'Enter' })).toBe('pass');
    expect(r.scans).toEqual([]);
    expect(r.flushed).toEqual([]);
  });

  it('Tab ends a scan like Enter', () => {
    const r = rig();
    expect(r.press([...chars('987654'), 'Tab'], 3).at(-1)).toBe('swallow');
    expect(r.scans).toEqual(['987654']);
    // Tab with nothing held moves focus as usual.
    r.clock.advance(500);
    expect(r.detector.key({ key: 'Tab' })).toBe('pass');
  });

  it('Backspace or an arrow after quick typing acts after the held characters', () => {
    const r = rig();
    r.press(['a', 'b'], 2);
    expect(r.detector.key({ key: 'Backspace' })).toBe('pass');
    expect(r.flushed).toEqual(['ab']);
    expect(r.detector.key({ key: 'ArrowLeft' })).toBe('pass');
    expect(r.flushed).toEqual(['ab']);
  });

  it('two scans back to back are two scans', () => {
    const r = rig();
    r.press([...chars('111111'), 'Enter', ...chars('222222'), 'Enter'], 2);
    expect(r.scans).toEqual(['111111', '222222']);
    expect(r.flushed).toEqual([]);
  });

  it('dispose hands back what is held and passes every later key', () => {
    const r = rig();
    r.press(chars('123'), 2);
    r.detector.dispose();
    expect(r.flushed).toEqual(['123']);
    expect(r.detector.key({ key: '4' })).toBe('pass');
    r.clock.advance(1_000);
    expect(r.flushed).toEqual(['123']);
  });

  it('property: any keys typed with every gap over maxGapMs are flushed verbatim, never a scan', () => {
    const key = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constantFrom('中', '文', '😀', 'é') },
      { weight: 2, arbitrary: fc.constant('Enter') },
      { weight: 1, arbitrary: fc.constant('Tab') },
    );
    fc.assert(
      fc.property(
        fc.record({ maxGapMs: fc.integer({ min: 5, max: 200 }), minLength: fc.integer({ min: 2, max: 64 }) }),
        fc.constantFrom(['', ''], ['~', ''], ['', '#'], ['QR:', '!']),
        fc.array(fc.tuple(key, fc.integer({ min: 1, max: 500 })), { maxLength: 60 }),
        ({ maxGapMs, minLength }, [prefix, suffix], typed) => {
          const r = rig({ maxGapMs, minLength, prefix, suffix });
          for (const [k, extra] of typed) {
            r.clock.advance(maxGapMs + extra);
            r.detector.key({ key: k });
          }
          r.clock.advance(maxGapMs + 1);
          expect(r.scans).toEqual([]);
          const printable = typed.map(([k]) => k).filter((k) => k !== 'Enter' && k !== 'Tab');
          expect(r.flushed.join('')).toBe(printable.join(''));
          expect(r.verdicts.includes('swallow')).toBe(false);
        },
      ),
    );
  });
});

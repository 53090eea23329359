/**
 * Time for the uploader's tests: a clock and one-shot timers that move only when the test says, so
 * backoff and polling are tested without a single real sleep.
 */
import type { SyncTimer, SyncTimers } from '../../../electron/kiosk/sync/timers.js';

interface Pending {
  readonly at: number;
  readonly ms: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class FakeTimers implements SyncTimers {
  now: number;
  readonly #pending: Pending[] = [];

  constructor(now: number) {
    this.now = now;
  }

  readonly clock = (): number => this.now;

  after(ms: number, fn: () => void): SyncTimer {
    const p: Pending = { at: this.now + ms, ms, fn, cancelled: false };
    this.#pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  /** The waits (as set, in ms) of the timers still to fire, soonest first. */
  waits(): number[] {
    return this.#live().map((p) => p.ms);
  }

  /** Moves the clock to the soonest timer and fires it; false when none is set. */
  fireNext(): boolean {
    const next = this.#live()[0];
    if (next === undefined) return false;
    next.cancelled = true;
    this.now = Math.max(this.now, next.at);
    next.fn();
    return true;
  }

  /** Moves the clock by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.#live()[0];
      if (next === undefined || next.at > end) break;
      this.fireNext();
    }
    this.now = end;
  }

  #live(): Pending[] {
    return this.#pending.filter((p) => !p.cancelled).sort((a, b) => a.at - b.at);
  }
}

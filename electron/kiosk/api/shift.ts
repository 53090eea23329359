/**
 * The cashier's shift as the back end holds it: who is signed in, whether a manager has given a PIN
 * for manager actions, and the idle lock. One shift per kiosk: every window and tab sees the same
 * one (the elder-facing display needs none).
 *
 * The screen locks itself after `lockMinutes` without a touch or key and says so (session.lock); the
 * back end also counts the time since the last call that did something, so a screen that died
 * without locking cannot leave the kiosk open.
 */
import type { Operator } from '../operators.js';

export class Shift {
  operator: Operator | null = null;
  manager: Operator | null = null;
  private lockedFlag = false;
  private lastActivityMs = 0;

  constructor(private readonly now: () => number) {}

  start(op: Operator): void {
    this.operator = op;
    this.manager = op.role === 'manager' ? op : null;
    this.lockedFlag = false;
    this.touch();
  }

  end(): void {
    this.operator = null;
    this.manager = null;
    this.lockedFlag = false;
  }

  /** Locking also drops a manager's elevation: the PIN is asked again after the lock. */
  lock(): void {
    if (this.operator === null) return;
    this.lockedFlag = true;
    if (this.operator.role !== 'manager') this.manager = null;
  }

  unlock(): void {
    this.lockedFlag = false;
    this.touch();
  }

  elevate(manager: Operator): void {
    this.manager = manager;
    this.touch();
  }

  dropElevation(): void {
    if (this.operator?.role !== 'manager') this.manager = null;
  }

  touch(): void {
    this.lastActivityMs = this.now();
  }

  /** Whether it is locked now, without counting idle time (locked() does that). */
  get lockedNow(): boolean {
    return this.lockedFlag;
  }

  /** Locked by the screen, or idle for longer than the lock time (0 = never by time). */
  locked(lockMinutes: number): boolean {
    if (this.operator === null) return false;
    if (!this.lockedFlag && lockMinutes > 0 && this.now() - this.lastActivityMs > lockMinutes * 60_000) this.lock();
    return this.lockedFlag;
  }
}

/**
 * What the fault tests share: the demo kiosk's cards, a clock that walks through the demo policy's
 * meal periods (so check-ins are neither "outside meal periods" nor, mostly, over the per-period
 * limit), and a check-in that always appends (a refusal is sold at full price, as a cashier would).
 * Deterministic: no randomness and no reading of the real clock.
 */
import { addDays, localToInstant, timeToMinutes, toLocal } from '../../shared/dates.js';
import { periodAt } from '../../shared/policy/select.js';
import type { Policy } from '../../shared/policy/schema.js';
import type { CheckinOutcome } from '../../electron/kiosk/checkin/outcome.js';
import { DEMO_SEED, demoPolicy } from '../../electron/kiosk/demo/demo-kiosk.js';
import { buildDemoRoster } from '../../electron/kiosk/demo/demo-roster.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';

/** The demo's cashier (DEMO_OPERATORS). */
export const CASHIER = { id: 'cashier', pin: '1357' } as const;

/** Where the fault tests' ledgers start: a Monday, in canteen time (Asia/Shanghai) 06:30. */
export const FIRST_INSTANT = Date.parse('2026-03-02T06:30:00+08:00');

/** Between two check-ins of the clock below. Over ~290 cards a card comes back after hours, not minutes. */
export const STEP_MS = 60_000;

export interface DemoCard {
  readonly uid: string;
  readonly name: string;
}

/** The active card of every active demo elder, in roster order (the same list in every process). */
export function demoCards(): DemoCard[] {
  const roster = buildDemoRoster(DEMO_SEED);
  const out: DemoCard[] = [];
  for (const e of roster.elders) {
    if (!e.active) continue;
    const card = e.cards.find((c) => c.state === 'active');
    if (card !== undefined) out.push({ uid: card.uid, name: e.name });
  }
  return out;
}

/**
 * The first instant at or after `ms` that falls inside one of the policy's meal periods
 * (the next period's start when `ms` is between periods, the next day's first period after the last).
 */
export function inPeriod(ms: number, policy: Policy = demoPolicy()): number {
  const local = toLocal(ms, policy.timeZone);
  if (periodAt(policy, local.minutes) !== null) return ms;
  const starts = policy.periods.map((p) => p.start).sort();
  const later = starts.find((s) => timeToMinutes(s) > local.minutes);
  if (later !== undefined) return localToInstant(local.date, later, policy.timeZone);
  const first = starts[0];
  if (first === undefined) throw new Error('the policy has no meal periods');
  return localToInstant(addDays(local.date, 1), first, policy.timeZone);
}

/** The instant of the check-in after one at `lastMs` (or the first one, when there is none). */
export function nextInstant(lastMs: number | null, policy: Policy = demoPolicy()): number {
  return inPeriod(lastMs === null ? FIRST_INSTANT : lastMs + STEP_MS, policy);
}

/**
 * A check-in that records something: a refusal (a second meal in a period, an elder the policy does
 * not cover) is sold at full price, as the cashier may. Returns the outcome that was recorded, or
 * the first one that was not 'refused' (a failure, an unknown card).
 */
export function checkInAppending(kiosk: Kiosk, uid: string): CheckinOutcome {
  const first = kiosk.checkIn({ identity: { kind: 'card', uid }, operatorId: CASHIER.id });
  if (first.kind !== 'refused') return first;
  return kiosk.checkIn({ identity: { kind: 'card', uid }, operatorId: CASHIER.id, fullPrice: true });
}

/** The `at` of the ledger's last record, in ms; null for an empty ledger. */
export function lastAt(kiosk: Kiosk): number | null {
  const row = kiosk.context.store.read.stmt<{ at: string }>('SELECT at FROM ledger ORDER BY seq DESC LIMIT 1').get();
  return row === undefined ? null : Date.parse(row.at);
}

export function ledgerCount(kiosk: Kiosk): number {
  return kiosk.context.store.read.stmt<{ n: number }>('SELECT count(*) AS n FROM ledger').get()?.n ?? 0;
}

/**
 * Appends `n` check-ins (the clock stepping through meal periods, cards in turn) and returns the
 * ledger's size after. `setClock` moves the kiosk's clock: the kiosk was opened with a clock that
 * reads a variable the caller owns.
 */
export function appendCheckins(kiosk: Kiosk, n: number, setClock: (ms: number) => void): number {
  const cards = demoCards();
  const start = ledgerCount(kiosk);
  let at = lastAt(kiosk);
  for (let i = 0; i < n; i++) {
    at = nextInstant(at);
    setClock(at);
    const card = cards[(start + i) % cards.length];
    if (card === undefined) throw new Error('no demo cards');
    const o = checkInAppending(kiosk, card.uid);
    if (o.kind !== 'served' || o.duplicate) throw new Error(`check-in ${i} did not append: ${JSON.stringify(o)}`);
  }
  return ledgerCount(kiosk);
}

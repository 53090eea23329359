/**
 * Day close (日结) of a 600-meal day, with 5,000,000 records of history and with almost none.
 * A date closes once, so several open days are prepared at the end of each ledger — 600 check-ins
 * (200 a period), 10 full-price sales and 3 voids each, all made through the kiosk — and closed one
 * by one, alternating between the two kiosks. Goals: median < 50 ms with the big history, and
 * ratio of medians ≤ 1.5.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { addDays } from '../../shared/dates.js';
import type { Counter } from './lib/checkins.js';
import { BENCH_START, CASHIER, MANAGER } from './lib/kiosk-db.js';
import { goalLine, heading, line, nowMs, QUICK, ratio, summarise, summaryLine } from './lib/stats.js';
import { bigAndSmall } from './scaling.bench.js';

const DAYS = QUICK ? 3 : 7;
const PER_PERIOD = 200;
const SALES = 10;
const VOIDS = 3;
export const GOAL_MS = 50;
export const GOAL_RATIO = 1.5;

/** DAYS open days of meals after the ledger's history, written in one transaction (each act a savepoint). */
function prepareDays(c: Counter): void {
  const k = c.kiosk;
  k.context.store.write(() => {
    for (let d = 0; d < DAYS; d++) {
      const date = c.clock.date;
      for (let i = 0; i < PER_PERIOD * 3; i++) {
        if (c.checkInOnce() === null) throw new Error(`day-close: a check-in on ${date} was not served`);
      }
      c.clock.set(date, '12:30');
      for (let i = 0; i < SALES; i++) {
        const sold = k.sell({ operatorId: CASHIER, payment: 'cash' });
        if (!sold.ok) throw new Error(`day-close: a sale failed: ${sold.error.kind}`);
      }
      c.clock.set(date, '19:45');
      const seqs = k.context.store.read
        .stmt<{ seq: number }>(`SELECT seq FROM ledger WHERE service_date = ? AND kind = 'checkin' ORDER BY seq LIMIT ?`)
        .all(date, VOIDS);
      for (const { seq } of seqs) {
        const voided = k.voidRecord({ seq, reason: '刷错卡 / wrong card', operatorId: MANAGER });
        if (!voided.ok) throw new Error(`day-close: a void failed: ${voided.error.kind}`);
      }
    }
  });
}

export async function run(): Promise<void> {
  heading('day-close', `closeDay of ${PER_PERIOD * 3}-meal days (+${SALES} sales, ${VOIDS} voids) with a big history vs with almost none`);
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-close-'));
  const counters: Counter[] = [];
  try {
    const [b, s] = bigAndSmall(dir, PER_PERIOD, 31);
    counters.push(b, s);
    const t0 = nowMs();
    prepareDays(b);
    prepareDays(s);
    line('prepared', `${DAYS} open days on each kiosk in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
    await setImmediate();

    // Close in the morning after the last prepared day, oldest day first.
    const closeAt = addDays(BENCH_START, DAYS);
    b.clock.set(closeAt, '08:00');
    s.clock.set(closeAt, '08:00');
    const onBig: number[] = [];
    const onSmall: number[] = [];
    let meals = -1;
    const close = (c: Counter, date: string, into: number[]): void => {
      const t = nowMs();
      const closed = c.kiosk.closeDay({ serviceDate: date, operatorId: MANAGER });
      into.push(nowMs() - t);
      if (!closed.ok) throw new Error(`day-close: closing ${date} failed: ${closed.error.kind}`);
      meals = closed.value.totals.totals.meals;
    };
    for (let d = 0; d < DAYS; d++) {
      const date = addDays(BENCH_START, d);
      if (d % 2 === 0) {
        close(b, date, onBig);
        close(s, date, onSmall);
      } else {
        close(s, date, onSmall);
        close(b, date, onBig);
      }
    }

    const bs = summarise(onBig);
    const ss = summarise(onSmall);
    line('a closed day counts', `${meals} meals (${PER_PERIOD * 3} check-ins − ${VOIDS} voided + ${SALES} sales)`);
    summaryLine('closeDay, big history', bs);
    summaryLine('closeDay, no history (baseline)', ss);
    line('ratio of p95', ratio(bs.p95, ss.p95));
    goalLine('median, big history', bs.median, GOAL_MS, ' ms', true);
    goalLine('ratio of medians', bs.median / ss.median, GOAL_RATIO, '');
  } finally {
    for (const c of counters) c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Does a check-in slow down as the kiosk fills? The same check-in on a district-sized kiosk —
 * 500,000 elders, 5,000,000 ledger records over two years — and on a new one with 1,000 elders and
 * 1,000 records, alternating in batches (ABBA) on the same disk. Goal: ratio of medians ≤ 1.2.
 *
 * The big database is built once and cached in os.tmpdir() (see lib/kiosk-db.ts); each run writes
 * on a fresh copy of it, so every run starts from the same state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { Counter, outcomeText } from './lib/checkins.js';
import { BENCH_START, cachedKioskDb, freshKioskDb, workingCopy } from './lib/kiosk-db.js';
import type { KioskDbInfo } from './lib/kiosk-db.js';
import { goalLine, heading, line, mib, QUICK, ratio, scaled, summarise, summaryLine } from './lib/stats.js';

export const BIG = { elders: scaled(500_000), records: scaled(5_000_000), seed: 1 } as const;
export const SMALL = { elders: 1000, records: 1000, seed: 7 } as const;
const BATCH = QUICK ? 40 : 150;
const ROUNDS = QUICK ? 4 : 12;
export const GOAL_RATIO = 1.2;

export function describeDb(label: string, info: KioskDbInfo): void {
  const how = info.built ? `built in ${(info.buildMs / 1000).toFixed(1)} s` : `cached (built in ${(info.buildMs / 1000).toFixed(1)} s when first needed)`;
  line(
    label,
    `${info.spec.elders.toLocaleString('en')} elders, ${info.spec.records.toLocaleString('en')} records over ${info.days} days from ${info.firstDate}; ${mib(info.bytes)}; ${how}`,
  );
}

/**
 * Check-in drivers on a working copy of the cached big kiosk and on a fresh small one, described on
 * the way; `perPeriod` check-ins a meal period, cards shuffled with `seed`.
 */
export function bigAndSmall(dir: string, perPeriod: number, seed: number): [Counter, Counter] {
  const big = cachedKioskDb(BIG);
  describeDb('big kiosk', big);
  const copy = workingCopy(big.file, join(dir, 'big.db'));
  line('working copy of the big kiosk', `${(copy.ms / 1000).toFixed(1)} s (copied and fsync'ed before timing)`);
  const small = freshKioskDb(join(dir, 'small.db'), SMALL);
  describeDb('small kiosk', small);
  return [new Counter(copy.file, BENCH_START, perPeriod, seed), new Counter(small.file, BENCH_START, perPeriod, seed)];
}

export async function run(): Promise<void> {
  heading('scaling', 'kiosk.checkIn on a big kiosk vs on a small one (same code, same disk, interleaved)');
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-scaling-'));
  const counters: Counter[] = [];
  try {
    const [b, s] = bigAndSmall(dir, BATCH, 21);
    counters.push(b, s);
    const onBig: number[] = [];
    const onSmall: number[] = [];
    const batch = (c: Counter, into: number[], measured: boolean): void => {
      for (let i = 0; i < BATCH; i++) {
        const t = c.checkInOnce();
        if (measured && t !== null) into.push(t);
      }
    };
    for (let round = 0; round <= ROUNDS; round++) {
      const measured = round > 0;
      if (round % 2 === 0) {
        batch(b, onBig, measured);
        batch(s, onSmall, measured);
      } else {
        batch(s, onSmall, measured);
        batch(b, onBig, measured);
      }
      await setImmediate();
    }

    const bs = summarise(onBig);
    const ss = summarise(onSmall);
    line('check-ins, big kiosk', outcomeText(b.outcomes));
    line('check-ins, small kiosk', outcomeText(s.outcomes));
    summaryLine('check-in, big kiosk', bs);
    summaryLine('check-in, small kiosk (baseline)', ss);
    line('ratio of p95', ratio(bs.p95, ss.p95));
    goalLine('ratio of medians', bs.median / ss.median, GOAL_RATIO, '');
  } finally {
    for (const c of counters) c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

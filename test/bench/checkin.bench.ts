/**
 * Check-in against a bare durable insert. A check-in — operator, card → elder, the elder's meals
 * so far, price, a sealed record appended, commit with synchronous=FULL — against the least any
 * durable record costs on this disk: one INSERT of a row of the same size into a table with no
 * index and no trigger, committed the same way (WAL, synchronous=FULL, one INSERT per transaction),
 * in a file beside the kiosk's. Goal: ratio of medians ≤ 1.3.
 *
 * A third series splits the gap: the very rows the check-ins appended, inserted into a file with
 * the kiosk's schema (its indexes and triggers) — what the storage costs without any of the work
 * in JavaScript. The series run in alternating batches, so drift in the disk's state (WAL growth,
 * checkpoints, other work on the machine) falls on all three alike.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { BareTable, Counter, lastRows, outcomeText, ShadowLedger } from './lib/checkins.js';
import type { LedgerRowValues } from './lib/checkins.js';
import { BENCH_START, freshKioskDb } from './lib/kiosk-db.js';
import { goalLine, heading, line, QUICK, ratio, summarise, summaryLine } from './lib/stats.js';

/** The kiosk the check-ins run on: a canteen's roster, a little history. */
const KIOSK = { elders: 1000, records: 1000, seed: 7 } as const;
/** A batch is one meal period's check-ins (200: a 600-meal day). */
const BATCH = QUICK ? 50 : 200;
/** Measured rounds of one batch of each series; a first, unmeasured round warms up the JIT and the caches. */
const ROUNDS = QUICK ? 4 : 16;
export const GOAL_RATIO = 1.3;

export async function run(): Promise<void> {
  heading('checkin', 'kiosk.checkIn by card vs a bare durable INSERT of a ledger-sized row (WAL, synchronous=FULL, one per transaction)');
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-checkin-'));
  const closers: (() => void)[] = [];
  try {
    const db = freshKioskDb(join(dir, 'kiosk.db'), KIOSK);
    const c = new Counter(db.file, BENCH_START, BATCH, 11);
    closers.push(() => c.close());
    const bare = new BareTable(join(dir, 'bare.db'));
    closers.push(() => bare.close());
    const shadow = new ShadowLedger(join(dir, 'shadow.db'), c.kiosk);
    closers.push(() => shadow.close());

    const checkins: number[] = [];
    const inserts: number[] = [];
    const schemaInserts: number[] = [];
    let rows: LedgerRowValues[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const measured = round > 0;
      for (let i = 0; i < BATCH; i++) {
        const t = c.checkInOnce();
        if (measured && t !== null) checkins.push(t);
      }
      rows = lastRows(c.kiosk, BATCH);
      const bareBatch = (): void => {
        for (const row of rows) {
          const t = bare.insertOnce(row);
          if (measured) inserts.push(t);
        }
      };
      const shadowBatch = (): void => {
        for (const row of rows) {
          const t = shadow.insertOnce(row);
          if (measured) schemaInserts.push(t);
        }
      };
      // The two baselines take turns going first.
      if (round % 2 === 0) {
        bareBatch();
        shadowBatch();
      } else {
        shadowBatch();
        bareBatch();
      }
      // Lets output written so far reach the terminal during a long run.
      await setImmediate();
    }

    const ci = summarise(checkins);
    const bi = summarise(inserts);
    const si = summarise(schemaInserts);
    const bodyBytes = rows.reduce((s, r) => s + Buffer.byteLength(r[9]), 0) / Math.max(1, rows.length);
    line('kiosk', `${KIOSK.elders} elders, ${KIOSK.records} records of history; ${BATCH} check-ins a period; bodies of ~${bodyBytes.toFixed(0)} bytes`);
    line('check-ins', outcomeText(c.outcomes));
    summaryLine('check-in (kiosk.checkIn)', ci);
    summaryLine('bare durable insert (baseline)', bi);
    summaryLine('same rows into the kiosk schema', si);
    line('ratio of p95', ratio(ci.p95, bi.p95));
    goalLine('ratio of medians', ci.median / bi.median, GOAL_RATIO, '');
    line('  of which storage (kiosk schema ÷ bare)', ratio(si.median, bi.median));
    line('  the rest: check-in − kiosk-schema insert', `${(ci.median - si.median).toFixed(3)} ms (medians; see checkin-parts)`);
  } finally {
    for (const close of closers.reverse()) close();
    rmSync(dir, { recursive: true, force: true });
  }
}

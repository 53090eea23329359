/**
 * From a card reader's report to the check-in result: the delay from the emit of the report that
 * completes a scan to the moment a subscriber receives the reader service's 'checkin' event,
 * against a bare event round trip through the same ReaderManager.
 *
 * The path is the product's: RecordedBackend → RecordedDevice 'data' → the ReaderService's
 * ReaderManager (keyboard decoder of createDecoder) → 'scan' → classifyScan (dec10, as an 8H10D
 * reader prints the card) → kiosk.checkIn by card as the signed-in cashier, which includes the
 * durable commit (WAL, synchronous=FULL) → the service's 'checkin' event → a subscriber that records
 * the time. The kiosk handed to the service is the real one with checkIn wrapped in a timer, so the
 * check-in's own share is printed too.
 *
 * The clock starts just before the emit of the Enter *press* report: the keyboard decoder ends a scan
 * on the terminator's press, so that is the last report the result waits for; the Enter release that
 * follows changes nothing (it is emitted after the result, untimed). The reports before it (the ten
 * digits' presses and releases) are emitted untimed too.
 *
 * Baseline, measured right after each scan: a second reader configured on the same service, so on
 * the same ReaderManager, a vendor-ASCII reader whose one report ("x" CR, NUL-padded) is a whole scan
 * at once; a subscriber on the manager, ahead of the service, only records the time when that scan
 * arrives (no classification, no check-in, no second event; the service then sees "x" as unreadable,
 * after the clock has stopped). A plain EventEmitter round trip (emit → listener records the time)
 * is printed too.
 *
 * The kiosk: freshKioskDb (1,000 elders, 1,000 records of history) on a real file; elders present
 * their cards in a shuffled order, each at most once a meal period, so no check-in is a duplicate or
 * refused (the outcomes are counted and printed).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { mulberry32 } from '../../electron/kiosk/demo/demo-roster.js';
import type { CheckinOutcome } from '../../electron/kiosk/checkin/outcome.js';
import { openKiosk } from '../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../electron/kiosk/kiosk.js';
import { saveReaderConfigs } from '../../electron/kiosk/readers/reader-config.js';
import type { ReaderConfig } from '../../electron/kiosk/readers/reader-config.js';
import type { Scheduler } from '../../electron/kiosk/readers/reader-manager.js';
import { createReaderService } from '../../electron/kiosk/readers/reader-service.js';
import { RecordedBackend } from '../../electron/kiosk/readers/recorded-device.js';
import type { RecordedDevice } from '../../electron/kiosk/readers/recorded-device.js';
import { ok } from '../../shared/result.js';
import { MealClock, newOutcomes, outcomeText } from './lib/checkins.js';
import { activeCards, BENCH_START, CASHIER, freshKioskDb } from './lib/kiosk-db.js';
import { dec10, keyboardScanReports } from './reader-decode.bench.js';
import { heading, line, nowMs, QUICK, ratio, shuffle, summarise, summaryLine } from './lib/stats.js';
import type { Summary } from './lib/stats.js';

const KIOSK = { elders: 1000, records: 1000, seed: 17 } as const;
/** Scans a meal period (distinct cards within a period: none is a duplicate). */
const BATCH = QUICK ? 50 : 200;
/** Measured rounds of one batch; a first, unmeasured round warms up the JIT and the caches. */
const ROUNDS = QUICK ? 2 : 16;
/** Plain EventEmitter round trips measured (the second baseline). */
const PLAIN = QUICK ? 1_000 : 20_000;

const CARD_READER: ReaderConfig = { id: 'card', name: '前台读卡器', vendorId: 0xffff, productId: 0x0035, format: 'keyboard', uidFormat: 'dec10' };
const BARE_READER: ReaderConfig = { id: 'bare', name: '基准', vendorId: 0xffff, productId: 0x0036, format: 'vendorAscii', uidFormat: 'hex' };
/** "x" then CR, NUL-padded: one report, one whole scan. */
const BARE_REPORT = Uint8Array.of(0x78, 0x0d, 0, 0, 0, 0, 0, 0);

/** No polling timer: start() polls once to open the devices; nothing is unplugged. */
const manualScheduler: Scheduler = { setInterval: () => 0, clearInterval: () => undefined, now: () => Date.now() };

/** Waits for the next arrival; resolves at once when it arrived during the emit (all synchronous). */
class Arrival {
  at: number | null = null;
  #waiter: ((at: number) => void) | null = null;

  mark(): void {
    this.at = nowMs();
    this.#waiter?.(this.at);
    this.#waiter = null;
  }

  arm(): void {
    this.at = null;
  }

  async next(): Promise<number> {
    if (this.at !== null) return this.at;
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }
}

export async function run(): Promise<void> {
  heading('reader-latency', 'last report of a card scan → the reader service\'s check-in event (decode, classify, kiosk.checkIn with its commit) vs a bare round trip');
  const dir = mkdtempSync(join(tmpdir(), 'zhucan-bench-reader-'));
  const closers: (() => void)[] = [];
  try {
    const db = freshKioskDb(join(dir, 'kiosk.db'), KIOSK);
    const clock = new MealClock(BENCH_START, BATCH);
    const kiosk = openKiosk(db.file, () => clock.current);
    closers.push(() => kiosk.close());
    const saved = saveReaderConfigs(kiosk.context.store, [CARD_READER, BARE_READER]);
    if (!saved.ok) throw new Error('reader-latency: reader settings refused');
    const cards = shuffle(activeCards(kiosk.context.store), mulberry32(KIOSK.seed));
    const scans = cards.map((uid) => keyboardScanReports(dec10(uid)));
    const outcomes = newOutcomes();

    // The real kiosk, its checkIn timed.
    let checkInMs = Number.NaN;
    const timedKiosk: Kiosk = {
      ...kiosk,
      checkIn: (req) => {
        const t0 = nowMs();
        const outcome = kiosk.checkIn(req);
        checkInMs = nowMs() - t0;
        return outcome;
      },
    };

    const backend = new RecordedBackend();
    const cardDevice: RecordedDevice = backend.plug({ vendorId: CARD_READER.vendorId, productId: CARD_READER.productId, path: '/dev/hidraw-card' });
    const bareDevice: RecordedDevice = backend.plug({ vendorId: BARE_READER.vendorId, productId: BARE_READER.productId, path: '/dev/hidraw-bare' });
    const service = createReaderService({ kiosk: timedKiosk, backend: ok(backend), operatorId: CASHIER, scheduler: manualScheduler });
    closers.push(() => service.stop());

    // The baseline's subscriber, on the manager before the service subscribes (so it is called first).
    const bareArrival = new Arrival();
    service.manager.subscribe((ev) => {
      if (ev.kind === 'scan' && ev.readerId === BARE_READER.id) bareArrival.mark();
    });

    const checkinArrival = new Arrival();
    let lastOutcome: CheckinOutcome | null = null;
    const problems: string[] = [];
    service.subscribe((ev) => {
      if (ev.kind === 'checkin') {
        checkinArrival.mark();
        lastOutcome = ev.outcome;
      } else if (ev.kind === 'unreadable' && ev.readerId === BARE_READER.id) {
        // The baseline's "x": expected.
      } else if (ev.kind !== 'connected') {
        problems.push(ev.kind);
      }
    });

    service.start();
    const connected = service.manager.states().filter((s) => s.connected).length;
    if (connected !== 2) throw new Error(`reader-latency: ${connected} of 2 readers connected (${problems.join(', ')})`);

    const latencies: number[] = [];
    const checkIns: number[] = [];
    const bare: number[] = [];
    let next = 0;
    for (let round = 0; round <= ROUNDS; round++) {
      const measured = round > 0;
      for (let i = 0; i < BATCH; i++) {
        const reports = scans[next % scans.length] ?? [];
        next++;
        clock.next();
        const enterPress = reports[reports.length - 2];
        const enterRelease = reports[reports.length - 1];
        if (enterPress === undefined || enterRelease === undefined) throw new Error('reader-latency: a scan without Enter');
        for (const r of reports.slice(0, -2)) cardDevice.emitReport(r);

        checkinArrival.arm();
        lastOutcome = null;
        checkInMs = Number.NaN;
        const t0 = nowMs();
        cardDevice.emitReport(enterPress);
        const t1 = await checkinArrival.next();
        cardDevice.emitReport(enterRelease);
        const outcome = lastOutcome as CheckinOutcome | null;
        if (outcome === null) throw new Error(`reader-latency: no check-in result (${problems.join(', ')})`);
        const counted = count(outcomes, outcome);
        const ci = checkInMs;

        // The baseline, right after: one report, through the same manager, to a subscriber that only records the time.
        bareArrival.arm();
        const b0 = nowMs();
        bareDevice.emitReport(BARE_REPORT);
        const b1 = await bareArrival.next();

        if (measured && counted) {
          latencies.push(t1 - t0);
          checkIns.push(ci);
          bare.push(b1 - b0);
        }
      }
      await setImmediate();
    }

    // The second baseline: a plain EventEmitter round trip, nothing else.
    const plain: number[] = [];
    const emitter = new EventEmitter();
    const plainArrival = new Arrival();
    emitter.on('data', () => plainArrival.mark());
    for (let i = 0; i < PLAIN + 1000; i++) {
      plainArrival.arm();
      const p0 = nowMs();
      emitter.emit('data', i);
      const p1 = await plainArrival.next();
      if (i >= 1000) plain.push(p1 - p0);
    }

    const l = summarise(latencies);
    const b = summarise(bare);
    const c = summarise(checkIns);
    const rest = latencies.map((v, i) => v - (checkIns[i] ?? 0));
    line('kiosk', `${KIOSK.elders} elders, ${KIOSK.records} records of history; ${BATCH} scans a period, ${ROUNDS} measured rounds (+1 warm-up)`);
    line('reader', 'keyboard 8H10D card reader, 22 reports a scan, through ReaderService');
    line('check-ins', outcomeText(outcomes));
    if (problems.length > 0) line('reader problems', `${problems.length} (first: ${problems[0] ?? ''})`);
    summaryLine('Enter press → check-in event', l);
    summaryLine('  of which kiosk.checkIn', c);
    usLine('  the rest (decode, classify, events)', summarise(rest));
    usLine('bare round trip through ReaderManager', b);
    usLine('plain EventEmitter round trip', summarise(plain));
    line('ratio of medians (result ÷ bare round trip)', ratio(l.median, b.median));
    line('ratio of p95 (result ÷ bare round trip)', ratio(l.p95, b.p95));
  } finally {
    for (const close of closers.reverse()) close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A summary in microseconds: the baselines are far below the 0.001 ms that ms() shows. */
function usLine(label: string, s: Summary): void {
  const us = (v: number): string => `${(v * 1000).toFixed(2)} µs`;
  line(label, `median ${us(s.median)}  p95 ${us(s.p95)}  (n=${s.n}, min ${us(s.min)}, max ${us(s.max)})`);
}

function count(o: ReturnType<typeof newOutcomes>, outcome: CheckinOutcome): boolean {
  if (outcome.kind === 'served' && !outcome.duplicate) {
    o.served += 1;
    return true;
  }
  if (outcome.kind === 'served') o.duplicate += 1;
  else o[outcome.kind] += 1;
  o.firstOther ??= outcome.kind === 'served' ? 'duplicate' : `${outcome.kind}: ${'reason' in outcome ? String(outcome.reason) : ''}`;
  return false;
}

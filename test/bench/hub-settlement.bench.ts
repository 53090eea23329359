/**
 * A city month on PostgreSQL: 2,000 canteens, 6,000,000 meals (lib/hub-city-month.ts fills them by
 * SQL, with a few hundred elders planted who also ate at a second canteen). Two figures, medians of
 * RUNS runs: the month's settlement (settlement(): per canteen and per funding source, from the daily
 * roll-ups) — goal under 2 s; and the month-wide detection (detectAnomalies(): the same elder in two
 * canteens in one period, and the other month-wide checks it runs) — goal under 5 s. The first
 * detection run writes the anomalies; it must find exactly the planted duplicates, or the benchmark
 * fails (a fast detector that misses them is no figure at all). Later runs find them already known.
 */
import { z } from 'zod';
import { detectAnomalies } from '../../server/anomalies/index.js';
import { settlement } from '../../server/counting/index.js';
import { benchDistrict, openBenchHubDb, stopBenchPostgres } from './lib/hub-engines.js';
import { fillCityMonth, MONTH, MONTH_FROM, MONTH_TO } from './lib/hub-city-month.js';
import { goalLine, heading, line, nowMs, QUICK, scaled, summarise, summaryLine } from './lib/stats.js';

const CANTEENS = scaled(2000, 20);
const PLANTED = QUICK ? 10 : 300;
const RUNS = 5;
const SETTLEMENT_GOAL_MS = 2000;
const DETECTION_GOAL_MS = 5000;
/** When detection runs: the morning after the month (the nightly job). */
const DETECTED_AT = '2026-12-01T01:00:00.000Z';

export async function run(): Promise<void> {
  heading('hub-settlement', `a city month on PostgreSQL: ${CANTEENS.toLocaleString('en')} canteens, ${(CANTEENS * 3000).toLocaleString('en')} meals, ${PLANTED} duplicate elders planted`);
  const hub = await openBenchHubDb('PostgreSQL');
  try {
    const district = await benchDistrict(hub.db, '广州市（基准）');
    const month = await fillCityMonth(hub.db, district.districtId, CANTEENS, PLANTED);
    line('filled by SQL', `${month.meals.toLocaleString('en')} meals (and their ledger rows, funding rows, roll-ups) in ${(month.fillMs / 1000).toFixed(1)} s`);

    const settleMs: number[] = [];
    let meals = -1;
    let payable = -1;
    for (let i = 0; i < RUNS; i++) {
      const t = nowMs();
      const view = await settlement(hub.db, district.admin, { districtId: district.districtId, month: MONTH });
      settleMs.push(nowMs() - t);
      if (!view.ok) throw new Error(`hub-settlement: settlement refused: ${JSON.stringify(view.error)}`);
      meals = view.value.total.meals;
      payable = view.value.total.payable;
    }
    if (meals !== month.meals) throw new Error(`hub-settlement: the settlement counts ${meals} meals, the month has ${month.meals}`);
    line('settlement counts', `${meals.toLocaleString('en')} meals, ${(payable / 100).toLocaleString('en')} yuan payable`);

    const detectMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = nowMs();
      const found = await detectAnomalies(hub.db, district.admin, { districtId: district.districtId, from: MONTH_FROM, to: MONTH_TO, now: DETECTED_AT });
      detectMs.push(nowMs() - t);
      if (!found.ok) throw new Error(`hub-settlement: detection refused: ${JSON.stringify(found.error)}`);
      if (i === 0) line('first detection run', JSON.stringify(found.value));
    }
    const rows = await hub.db.query(
      `SELECT details->>'elderId' AS elder, to_char(service_date, 'YYYY-MM-DD') AS day, details->>'periodId' AS period
         FROM anomalies WHERE district_id = $1 AND kind = 'duplicateElder'`,
      [district.districtId],
      z.object({ elder: z.string(), day: z.string(), period: z.string() }),
    );
    const found = new Set(rows.map((r) => `${r.elder}|${r.day}|${r.period}`));
    const missed = [...month.planted].filter((k) => !found.has(k));
    const extra = [...found].filter((k) => !month.planted.has(k));
    line('duplicate elders found', `${found.size} of ${month.planted.size} planted; missed ${missed.length}, not planted ${extra.length}`);
    if (missed.length > 0 || extra.length > 0) {
      throw new Error(`hub-settlement: detection is wrong: missed ${missed.slice(0, 5).join(', ')}; not planted ${extra.slice(0, 5).join(', ')}`);
    }

    const s = summarise(settleMs);
    const d = summarise(detectMs);
    summaryLine('settlement of the month', s);
    summaryLine('duplicate detection over the month', d);
    line('detection runs (ms; the first writes)', detectMs.map((x) => x.toFixed(0)).join(', '));
    goalLine('settlement, median', s.median, SETTLEMENT_GOAL_MS, ' ms', true);
    goalLine('detection, median', d.median, DETECTION_GOAL_MS, ' ms', true);
  } finally {
    await hub.close();
    await stopBenchPostgres();
  }
}

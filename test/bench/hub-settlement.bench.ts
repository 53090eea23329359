/**
 * A city month on PostgreSQL: 2,000 canteens, 6,000,000 meals (lib/hub-city-month.ts fills them by
 * SQL, with a few hundred elders planted who also ate at a second canteen). Figures, medians of
 * RUNS runs: the month's settlement (settlement(): per canteen and per funding source, from the daily
 * roll-ups) — goal under 2 s; and the month-wide detection (detectAnomalies(): the same elder in two
 * canteens in one period, and the other month-wide checks it runs) — goal under 5 s — with each of
 * its steps. The first detection run writes the anomalies; it must find exactly the planted
 * duplicates, or the benchmark fails (a fast detector that misses them is no figure at all). Later
 * runs find them already known. Then SIM_RUNS simulations of a draft on the month (simulatePolicy:
 * every meal priced twice): meals per second, and the draft — the policy in force, renumbered —
 * must cost exactly what the month's meals were recorded at, or the benchmark fails.
 */
import { z } from 'zod';
import { detectAnomalies } from '../../server/anomalies/index.js';
import type { DetectStep } from '../../server/anomalies/index.js';
import { settlement } from '../../server/counting/index.js';
import { simulatePolicy } from '../../server/simulation/index.js';
import { benchDistrict, openBenchHubDb, stopBenchPostgres } from './lib/hub-engines.js';
import { BENCH_POLICY } from './lib/hub-ledgers.js';
import { fillCityMonth, MONTH, MONTH_FROM, MONTH_TO } from './lib/hub-city-month.js';
import { goalLine, heading, line, nowMs, QUICK, scaled, summarise, summaryLine } from './lib/stats.js';

const CANTEENS = scaled(2000, 20);
const PLANTED = QUICK ? 10 : 300;
const RUNS = 5;
/** A simulation prices the whole month twice in JS (minutes at full size): one run unless asked. */
const SIM_RUNS = Number(process.env['ZHUCAN_BENCH_SIM_RUNS'] ?? '1');
const STEPS: readonly DetectStep[] = ['monthElders', 'duplicateElder', 'outOfLine', 'editCheck'];
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
    const stepMs = new Map<DetectStep, number[]>(STEPS.map((st) => [st, []]));
    const onStep = (st: DetectStep, ms: number): void => void stepMs.get(st)?.push(ms);
    for (let i = 0; i < RUNS; i++) {
      const t = nowMs();
      const found = await detectAnomalies(hub.db, district.admin, { districtId: district.districtId, from: MONTH_FROM, to: MONTH_TO, now: DETECTED_AT, onStep });
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

    const simMs: number[] = [];
    // The policy in force as a draft: every meal must be priced as it was recorded (no difference).
    const draft = { ...BENCH_POLICY, version: BENCH_POLICY.version + 1, effectiveFrom: '2026-12-01' };
    for (let i = 0; i < SIM_RUNS; i++) {
      const t = nowMs();
      const sim = await simulatePolicy(hub.db, district.admin, { districtId: district.districtId, draft, month: MONTH, now: DETECTED_AT });
      simMs.push(nowMs() - t);
      if (!sim.ok) throw new Error(`hub-settlement: simulation refused: ${JSON.stringify(sim.error)}`);
      const { meals: simulated, totals } = sim.value;
      if (simulated !== month.meals || totals.subsidy.current !== totals.recordedSubsidy || totals.subsidy.difference !== 0) {
        throw new Error(`hub-settlement: the simulation is wrong: ${simulated} meals of ${month.meals}; ${JSON.stringify(totals)}`);
      }
      if (i === 0) line('simulation of the policy in force', `${simulated.toLocaleString('en')} meals, ${(totals.subsidy.current / 100).toLocaleString('en')} yuan, difference 0`);
    }

    const s = summarise(settleMs);
    const d = summarise(detectMs);
    summaryLine('settlement of the month', s);
    summaryLine('detection over the month (detectAnomalies)', d);
    for (const st of STEPS) summaryLine(`— step ${st}`, summarise(stepMs.get(st) ?? []));
    line('detection runs (ms; the first writes)', detectMs.map((x) => x.toFixed(0)).join(', '));
    if (simMs.length > 0) {
      const sim = summarise(simMs);
      summaryLine('simulation of a draft over the month', sim);
      line('simulation, meals per second (median)', Math.round(month.meals / (sim.median / 1000)).toLocaleString('en'));
    }
    goalLine('settlement, median', s.median, SETTLEMENT_GOAL_MS, ' ms', true);
    goalLine('detection, median', d.median, DETECTION_GOAL_MS, ' ms', true);
  } finally {
    await hub.close();
    await stopBenchPostgres();
  }
}

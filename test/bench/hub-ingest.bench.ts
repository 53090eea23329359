/**
 * How fast does the hub take kiosk uploads? 1,000,000 ledger records from 1,000 kiosks (1,000 each),
 * in signed batches of 500, through ingestBatch — every check it makes (shape, device, signature,
 * chain, bodies, re-pricing, counting, anomalies) — against a bare multi-row INSERT of the same
 * ledger_records rows (500 a statement, a transaction a batch) into the same table of the same
 * database: the most a hub could possibly do with those rows. Goal: ingest ≥ 0.5 of the bare insert
 * on PostgreSQL.
 *
 * Rounds alternate (ABBA) between the two, each on its own kiosks, so both fill the same table and
 * indexes to the same size. On PostgreSQL CONCURRENCY uploads are in flight at once (a pool of 10
 * connections); PGlite has one connection and runs them one at a time.
 */
import { ingestBatch } from '../../server/ingest/index.js';
import type { HubDb, SqlParam } from '../../server/db/index.js';
import { dbCount, jsonParam } from '../../server/db/index.js';
import { z } from 'zod';
import { enrolLedgers, openBenchHubDb, sendAll, signedBatches, stopBenchPostgres } from './lib/hub-engines.js';
import type { HubEngineName, SignedBatch } from './lib/hub-engines.js';
import { kioskLedgers } from './lib/hub-ledgers.js';
import type { KioskLedger } from './lib/hub-ledgers.js';
import { heading, line, nowMs, progress, QUICK, ratio, summarise } from './lib/stats.js';

/** ZHUCAN_BENCH_HUB_KIOSKS=200: fewer kiosks (1,000 records each) — the full million takes long on a busy machine. */
const KIOSKS = QUICK ? 20 : Number.parseInt(process.env['ZHUCAN_BENCH_HUB_KIOSKS'] ?? '1000', 10) || 1000;
const PER_KIOSK = QUICK ? 500 : 1000;
const BATCH = 500;
/** Rounds of each kind; the kiosks are split into 2 × ROUNDS groups, one group a round. */
const ROUNDS = QUICK ? 2 : 5;
/** Uploads in flight at once on PostgreSQL (the pool has 10 connections). */
export const CONCURRENCY = 8;
const GOAL_RATIO = 0.5;

const COLUMNS = ['device_id', 'seq', 'kind', 'at', 'service_date', 'period_id', 'elder_id', 'operator_id', 'target_seq', 'body', 'prev_hash', 'hash', 'received_at'];

/** The baseline: the batch's rows as one multi-row INSERT … VALUES in a transaction of its own. */
async function bareInsert(db: HubDb, b: SignedBatch): Promise<void> {
  const params: SqlParam[] = [];
  const tuples: string[] = [];
  for (const r of b.batch.records) {
    const base = params.length;
    params.push(r.deviceId, r.seq, r.kind, r.at, r.serviceDate, r.periodId, r.elderId, r.operatorId, r.targetSeq, jsonParam(r.body), r.prevHash, r.hash, b.receivedAt);
    tuples.push(`(${COLUMNS.map((c, i) => `$${base + i + 1}${c === 'body' ? '::jsonb' : ''}`).join(', ')})`);
  }
  await db.transaction(async (tx) => {
    await tx.execute(`INSERT INTO ledger_records (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  });
}

async function ingest(db: HubDb, b: SignedBatch): Promise<void> {
  const res = await ingestBatch(db, { body: b.batch, receivedAt: b.receivedAt });
  // A benchmark that silently measured refusals would measure nothing.
  if (!res.ok || res.accepted !== b.batch.records.length) throw new Error(`hub-ingest: a batch was not taken whole: ${JSON.stringify(res).slice(0, 400)}`);
}

const countOf = async (db: HubDb, sql: string): Promise<number> => (await db.query(sql, [], z.object({ n: dbCount })))[0]?.n ?? -1;

interface EngineFigures {
  readonly ingest: number;
  readonly bare: number;
}

async function benchEngine(engine: HubEngineName, ledgers: readonly KioskLedger[]): Promise<EngineFigures> {
  const concurrency = engine === 'PostgreSQL' ? CONCURRENCY : 1;
  const hub = await openBenchHubDb(engine);
  try {
    const t0 = nowMs();
    const signers = await enrolLedgers(hub.db, ledgers);
    const kiosks = ledgers.map((l) => {
      const signer = signers.get(l.deviceId);
      if (signer === undefined) throw new Error(`no signer for ${l.deviceId}`);
      return signedBatches(l, signer, BATCH);
    });
    line(`${engine}: set-up`, `${ledgers.length} canteens and kiosks enrolled, batches signed in ${((nowMs() - t0) / 1000).toFixed(1)} s`);

    const groups = 2 * ROUNDS;
    const per = Math.ceil(kiosks.length / groups);
    const group = (g: number): SignedBatch[][] => kiosks.slice(g * per, (g + 1) * per);
    const recordsIn = (batches: readonly (readonly SignedBatch[])[]): number => batches.reduce((n, k) => n + k.reduce((m, b) => m + b.batch.records.length, 0), 0);
    const ingestRates: number[] = [];
    const bareRates: number[] = [];
    const timeRound = async (batches: SignedBatch[][], send: (b: SignedBatch) => Promise<void>, into: number[]): Promise<void> => {
      const t = nowMs();
      await sendAll(batches, concurrency, send);
      into.push(recordsIn(batches) / ((nowMs() - t) / 1000));
    };
    for (let r = 0; r < ROUNDS; r++) {
      const bareGroup = group(2 * r);
      const ingestGroup = group(2 * r + 1);
      // ABBA: whichever runs second in a round runs on a slightly fuller table; alternate it.
      if (r % 2 === 0) {
        await timeRound(bareGroup, (b) => bareInsert(hub.db, b), bareRates);
        await timeRound(ingestGroup, (b) => ingest(hub.db, b), ingestRates);
      } else {
        await timeRound(ingestGroup, (b) => ingest(hub.db, b), ingestRates);
        await timeRound(bareGroup, (b) => bareInsert(hub.db, b), bareRates);
      }
      progress(`${engine}: round ${r + 1}/${ROUNDS}: ingest ${Math.round(ingestRates[r] ?? 0)}/s, bare insert ${Math.round(bareRates[r] ?? 0)}/s`);
    }

    const stored = await countOf(hub.db, `SELECT count(*) AS n FROM ledger_records`);
    const meals = await countOf(hub.db, `SELECT count(*) AS n FROM meals`);
    const counted = await countOf(hub.db, `SELECT COALESCE(sum(meals), 0) AS n FROM daily_counts`);
    const flagged = await countOf(hub.db, `SELECT count(*) AS n FROM anomalies`);
    line(`${engine}: stored`, `${stored.toLocaleString('en')} ledger records (of ${recordsIn(kiosks).toLocaleString('en')}, half by each); the ingest's half made ${meals.toLocaleString('en')} meal rows, ${counted.toLocaleString('en')} meals counted, ${flagged} anomalies`);
    const i = summarise(ingestRates);
    const b = summarise(bareRates);
    line(`${engine}: ingest, records/s`, `median ${Math.round(i.median)}  (rounds: ${ingestRates.map((x) => Math.round(x)).join(', ')}; ${concurrency} upload(s) at once)`);
    line(`${engine}: bare INSERT, records/s`, `median ${Math.round(b.median)}  (rounds: ${bareRates.map((x) => Math.round(x)).join(', ')})`);
    line(`${engine}: ratio of medians (ingest / bare)`, ratio(i.median, b.median));
    return { ingest: i.median, bare: b.median };
  } finally {
    await hub.close();
  }
}

export async function run(): Promise<void> {
  heading('hub-ingest', `${(KIOSKS * PER_KIOSK).toLocaleString('en')} records from ${KIOSKS} kiosks in signed batches of ${BATCH}: ingestBatch vs a bare multi-row INSERT of the same rows`);
  const t0 = nowMs();
  const ledgers = kioskLedgers(KIOSKS, PER_KIOSK);
  const kinds = new Map<string, number>();
  for (const l of ledgers) for (const r of l.records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  line('records generated', `${[...kinds].map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
  try {
    const pglite = await benchEngine('PGlite', ledgers);
    line('PGlite: goal', `none (one connection); ratio ${(pglite.ingest / pglite.bare).toFixed(2)}`);
    const pg = await benchEngine('PostgreSQL', ledgers);
    const met = pg.ingest / pg.bare >= GOAL_RATIO;
    line('PostgreSQL: ingest / bare', `${(pg.ingest / pg.bare).toFixed(2)}  goal ≥ ${GOAL_RATIO}  ${met ? 'met' : 'MISSED'}`);
  } finally {
    await stopBenchPostgres();
  }
}

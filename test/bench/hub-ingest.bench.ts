/**
 * How fast does the hub take kiosk uploads? 1,000,000 ledger records from 1,000 kiosks (1,000 each),
 * in signed batches of 500, through ingestBatch — every check it makes (shape, device, signature,
 * chain, bodies, re-pricing, counting, anomalies) — against a bare INSERT of the same rows the
 * ingest stores into the same tables of the same database: the batch's ledger_records, its meals and
 * their meal_funding, as three multi-row INSERT … VALUES in a transaction a batch, the statements
 * made before the clock starts — the most a hub could possibly do with those rows. Goal: ingest ≥ 0.5
 * of the bare insert on PostgreSQL.
 *
 * Rounds alternate (ABBA) between the two, each on its own kiosks, so both fill the same table and
 * indexes to the same size. On PostgreSQL CONCURRENCY uploads are in flight at once (a pool of 10
 * connections); PGlite has one connection and runs them one at a time.
 */
import { ingestBatch } from '../../server/ingest/index.js';
import type { HubDb, SqlParam } from '../../server/db/index.js';
import { dbCount, dbInt, jsonParam } from '../../server/db/index.js';
import { checkinBodySchema, saleBodySchema } from '../../shared/ledger/bodies.js';
import { z } from 'zod';
import { enrolLedgers, openBenchHubDb, sendAll, signedBatches, stopBenchPostgres } from './lib/hub-engines.js';
import type { HubEngineName, SignedBatch } from './lib/hub-engines.js';
import { kioskLedgers } from './lib/hub-ledgers.js';
import type { KioskLedger } from './lib/hub-ledgers.js';
import { heading, line, nowMs, progress, QUICK, ratio, summarise } from './lib/stats.js';

/** ZHUCAN_BENCH_HUB_KIOSKS=200: fewer kiosks (1,000 records each) — the full million takes long on a busy machine. */
const KIOSKS = QUICK ? 20 : Number.parseInt(process.env['ZHUCAN_BENCH_HUB_KIOSKS'] ?? '1000', 10) || 1000;
/** ZHUCAN_BENCH_HUB_ENGINES=PostgreSQL (or PGlite): one engine only; both by default. */
const ENGINES: readonly HubEngineName[] = (process.env['ZHUCAN_BENCH_HUB_ENGINES'] ?? 'PGlite,PostgreSQL').split(',').flatMap((e) => (e === 'PGlite' || e === 'PostgreSQL' ? [e] : []));
const PER_KIOSK = QUICK ? 500 : 1000;
const BATCH = 500;
/** Rounds of each kind; the kiosks are split into 2 × ROUNDS groups, one group a round. */
const ROUNDS = QUICK ? 2 : 5;
/** Uploads in flight at once on PostgreSQL (the pool has 10 connections). */
export const CONCURRENCY = 8;
const GOAL_RATIO = 0.5;

const RECORD_COLUMNS = ['device_id', 'seq', 'kind', 'at', 'service_date', 'period_id', 'elder_id', 'operator_id', 'target_seq', 'body', 'prev_hash', 'hash', 'received_at'];
const MEAL_COLUMNS = [
  'device_id', 'seq', 'district_id', 'canteen_id', 'kind', 'at', 'service_date', 'period_id', 'elder_id', 'quantity', 'age', 'age_band', 'statuses',
  'hukou_region', 'residence_region', 'care_home', 'tier_id', 'policy_id', 'policy_version', 'standard', 'personal', 'claimed_subsidy', 'subsidy',
  'operator_subsidy', 'claimable', 'backfilled', 'voided_seq',
];
const FUNDING_COLUMNS = ['device_id', 'seq', 'source', 'amount'];
const CASTS: Readonly<Record<string, string>> = { body: '::jsonb', statuses: '::text[]' };

/** A PostgreSQL text[] literal: each element quoted, `"` and `\` escaped. */
const textArray = (items: readonly string[]): string => `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

/** One multi-row INSERT … VALUES of `rows` into `table`. */
function valuesInsert(table: string, columns: readonly string[], rows: readonly (readonly SqlParam[])[]): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const tuples = rows.map((row) => `(${row.map((v, i) => (params.push(v), `$${params.length}${CASTS[columns[i] ?? ''] ?? ''}`)).join(', ')})`);
  return { sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params };
}

/**
 * The baseline's statements for a batch, made before the clock starts: the rows the ingest writes to
 * ledger_records, meals and meal_funding — the meals with the figures the kiosk claimed, which the
 * hub's re-pricing confirms for these ledgers (no priceMismatch) — as three multi-row INSERTs.
 * A meal voided within the batch is written voided, as the ingest writes it; one whose void comes in
 * a later batch (a void at a batch boundary) is written unvoided, as the ingest first writes it.
 */
function bareStatements(b: SignedBatch, where: { readonly canteenId: number; readonly districtId: number }): { sql: string; params: SqlParam[] }[] {
  const records = b.batch.records;
  const voidOf = new Map(records.flatMap((r) => (r.kind === 'void' && r.targetSeq !== null ? [[r.targetSeq, r.seq] as const] : [])));
  const meals: SqlParam[][] = [];
  const funding: SqlParam[][] = [];
  for (const r of records) {
    const voided = voidOf.get(r.seq) ?? null;
    if (r.kind === 'checkin') {
      const c = checkinBodySchema.parse(r.body);
      const f = c.facts;
      meals.push([
        r.deviceId, r.seq, where.districtId, where.canteenId, 'checkin', r.at, r.serviceDate, r.periodId ?? '', r.elderId, 1, f.age, f.ageBand,
        textArray(f.statuses), f.hukouRegion, f.residenceRegion ?? null, f.careHome, c.tierId, c.policyId, c.policyVersion, c.standard, c.personal,
        c.subsidy, c.subsidy, c.operatorSubsidy, c.subsidy > 0 && voided === null, c.backfilled, voided,
      ]);
      for (const part of c.funding) if (part.amount > 0) funding.push([r.deviceId, r.seq, part.source, part.amount]);
    } else if (r.kind === 'sale') {
      const s = saleBodySchema.parse(r.body);
      meals.push([
        r.deviceId, r.seq, where.districtId, where.canteenId, 'sale', r.at, r.serviceDate, r.periodId ?? '', null, s.quantity, null, null, '{}',
        null, null, null, null, null, null, s.standard, s.personal, 0, 0, 0, false, s.backfilled, voided,
      ]);
    }
  }
  const out = [
    valuesInsert(
      'ledger_records',
      RECORD_COLUMNS,
      records.map((r) => [r.deviceId, r.seq, r.kind, r.at, r.serviceDate, r.periodId, r.elderId, r.operatorId, r.targetSeq, jsonParam(r.body), r.prevHash, r.hash, b.receivedAt]),
    ),
  ];
  if (meals.length > 0) out.push(valuesInsert('meals', MEAL_COLUMNS, meals));
  if (funding.length > 0) out.push(valuesInsert('meal_funding', FUNDING_COLUMNS, funding));
  return out;
}

/** The baseline: the batch's rows, prepared beforehand, in a transaction of its own. */
async function bareInsert(db: HubDb, statements: readonly { sql: string; params: SqlParam[] }[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const s of statements) await tx.execute(s.sql, s.params);
  });
}

async function ingest(db: HubDb, b: SignedBatch): Promise<void> {
  const res = await ingestBatch(db, { body: b.batch, receivedAt: b.receivedAt });
  // A benchmark that silently measured refusals would measure nothing.
  if (!res.ok || res.accepted !== b.batch.records.length) throw new Error(`hub-ingest: a batch was not taken whole: ${JSON.stringify(res).slice(0, 400)}`);
}

const placeRow = z.object({ device_id: z.string(), canteen_id: dbInt, district_id: dbInt });

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
    // The baseline's statements are made before any clock starts: it measures the database alone.
    const placeOf = new Map(
      (await hub.db.query(`SELECT d.device_id, d.canteen_id, c.district_id FROM devices d JOIN canteens c ON c.id = d.canteen_id`, [], placeRow)).map((d) => [
        d.device_id,
        { canteenId: d.canteen_id, districtId: d.district_id },
      ]),
    );
    const bare = new Map<SignedBatch, { sql: string; params: SqlParam[] }[]>();
    for (let r = 0; r < ROUNDS; r++) {
      for (const batches of group(2 * r)) {
        for (const b of batches) {
          const where = placeOf.get(b.batch.deviceId);
          if (where === undefined) throw new Error(`hub-ingest: ${b.batch.deviceId} is not enrolled`);
          bare.set(b, bareStatements(b, where));
        }
      }
    }
    const bareSend = (b: SignedBatch): Promise<void> => bareInsert(hub.db, bare.get(b) ?? []);
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
        await timeRound(bareGroup, bareSend, bareRates);
        await timeRound(ingestGroup, (b) => ingest(hub.db, b), ingestRates);
      } else {
        await timeRound(ingestGroup, (b) => ingest(hub.db, b), ingestRates);
        await timeRound(bareGroup, bareSend, bareRates);
      }
      progress(`${engine}: round ${r + 1}/${ROUNDS}: ingest ${Math.round(ingestRates[r] ?? 0)}/s, bare insert ${Math.round(bareRates[r] ?? 0)}/s`);
    }

    const stored = await countOf(hub.db, `SELECT count(*) AS n FROM ledger_records`);
    const meals = await countOf(hub.db, `SELECT count(*) AS n FROM meals`);
    const funding = await countOf(hub.db, `SELECT count(*) AS n FROM meal_funding`);
    const counted = await countOf(hub.db, `SELECT COALESCE(sum(meals), 0) AS n FROM daily_counts`);
    const flagged = await countOf(hub.db, `SELECT count(*) AS n FROM anomalies`);
    line(
      `${engine}: stored`,
      `${stored.toLocaleString('en')} ledger records (of ${recordsIn(kiosks).toLocaleString('en')}, half by each), ${meals.toLocaleString('en')} meal rows, ${funding.toLocaleString('en')} funding rows (both halves); the ingest's half counted ${counted.toLocaleString('en')} meals, ${flagged} anomalies`,
    );
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
  heading('hub-ingest', `${(KIOSKS * PER_KIOSK).toLocaleString('en')} records from ${KIOSKS} kiosks in signed batches of ${BATCH}: ingestBatch vs bare multi-row INSERTs of the same rows (records, meals, funding)`);
  const t0 = nowMs();
  const ledgers = kioskLedgers(KIOSKS, PER_KIOSK);
  const kinds = new Map<string, number>();
  for (const l of ledgers) for (const r of l.records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  line('records generated', `${[...kinds].map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
  try {
    if (ENGINES.includes('PGlite')) {
      const pglite = await benchEngine('PGlite', ledgers);
      line('PGlite: goal', `none (one connection); ratio ${(pglite.ingest / pglite.bare).toFixed(2)}`);
    }
    if (ENGINES.includes('PostgreSQL')) {
      const pg = await benchEngine('PostgreSQL', ledgers);
      const met = pg.ingest / pg.bare >= GOAL_RATIO;
      line('PostgreSQL: ingest / bare', `${(pg.ingest / pg.bare).toFixed(2)}  goal ≥ ${GOAL_RATIO}  ${met ? 'met' : 'MISSED'}`);
    }
  } finally {
    await stopBenchPostgres();
  }
}

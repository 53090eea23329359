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
import { kioskIdentity, kioskLedger } from './lib/hub-ledgers.js';
import type { TestKiosk } from '../helpers/hub-upload.js';
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

/**
 * The ledgers of kiosks `from` … `to - 1`, generated (deterministically: the same records in every
 * run and for every engine), signed with their enrolled keys. Made group by group, just before the
 * group's round and outside its clock, and dropped after it: holding the whole run's ledgers, signed
 * batches and the baseline's prepared statements at once (several GiB at the full million) made
 * every garbage collection of the ingest — which allocates as it checks, the prepared baseline does
 * not — scan them, so the ingest's figure fell with the size of the *run* rather than of the tables.
 */
function groupBatches(from: number, to: number, signers: ReadonlyMap<string, TestKiosk>, tally: Map<string, number>): SignedBatch[][] {
  const out: SignedBatch[][] = [];
  for (let k = from; k < to; k++) {
    const ledger = kioskLedger(k, PER_KIOSK);
    for (const r of ledger.records) tally.set(r.kind, (tally.get(r.kind) ?? 0) + 1);
    const signer = signers.get(ledger.deviceId);
    if (signer === undefined) throw new Error(`no signer for ${ledger.deviceId}`);
    out.push(signedBatches(ledger, signer, BATCH));
  }
  return out;
}

async function benchEngine(engine: HubEngineName): Promise<EngineFigures> {
  const concurrency = engine === 'PostgreSQL' ? CONCURRENCY : 1;
  const hub = await openBenchHubDb(engine);
  try {
    const t0 = nowMs();
    const identities = Array.from({ length: KIOSKS }, (_, k) => kioskIdentity(k));
    const signers = await enrolLedgers(hub.db, identities);
    line(`${engine}: set-up`, `${KIOSKS} canteens and kiosks enrolled in ${((nowMs() - t0) / 1000).toFixed(1)} s`);

    const groups = 2 * ROUNDS;
    const per = Math.ceil(KIOSKS / groups);
    const tally = new Map<string, number>();
    let generatingMs = 0;
    const group = (g: number): SignedBatch[][] => {
      const t = nowMs();
      const out = groupBatches(g * per, Math.min(KIOSKS, (g + 1) * per), signers, tally);
      generatingMs += nowMs() - t;
      return out;
    };
    const recordsIn = (batches: readonly (readonly SignedBatch[])[]): number => batches.reduce((n, k) => n + k.reduce((m, b) => m + b.batch.records.length, 0), 0);
    const placeOf = new Map(
      (await hub.db.query(`SELECT d.device_id, d.canteen_id, c.district_id FROM devices d JOIN canteens c ON c.id = d.canteen_id`, [], placeRow)).map((d) => [
        d.device_id,
        { canteenId: d.canteen_id, districtId: d.district_id },
      ]),
    );
    // The baseline's statements are made before its clock starts: it measures the database alone.
    const prepareBare = (batches: readonly SignedBatch[][]): Map<SignedBatch, { sql: string; params: SqlParam[] }[]> => {
      const bare = new Map<SignedBatch, { sql: string; params: SqlParam[] }[]>();
      for (const b of batches.flat()) {
        const where = placeOf.get(b.batch.deviceId);
        if (where === undefined) throw new Error(`hub-ingest: ${b.batch.deviceId} is not enrolled`);
        bare.set(b, bareStatements(b, where));
      }
      return bare;
    };
    const ingestRates: number[] = [];
    const bareRates: number[] = [];
    let sent = 0;
    const timeRound = async (batches: SignedBatch[][], send: (b: SignedBatch) => Promise<void>, into: number[]): Promise<void> => {
      const t = nowMs();
      await sendAll(batches, concurrency, send);
      into.push(recordsIn(batches) / ((nowMs() - t) / 1000));
      sent += recordsIn(batches);
    };
    for (let r = 0; r < ROUNDS; r++) {
      const bareGroup = group(2 * r);
      const ingestGroup = group(2 * r + 1);
      const bare = prepareBare(bareGroup);
      const bareSend = (b: SignedBatch): Promise<void> => bareInsert(hub.db, bare.get(b) ?? []);
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
    line(`${engine}: records generated`, `${[...tally].map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ')} in ${(generatingMs / 1000).toFixed(1)} s, group by group between rounds (untimed)`);

    const stored = await countOf(hub.db, `SELECT count(*) AS n FROM ledger_records`);
    const meals = await countOf(hub.db, `SELECT count(*) AS n FROM meals`);
    const funding = await countOf(hub.db, `SELECT count(*) AS n FROM meal_funding`);
    const counted = await countOf(hub.db, `SELECT COALESCE(sum(meals), 0) AS n FROM daily_counts`);
    const flagged = await countOf(hub.db, `SELECT count(*) AS n FROM anomalies`);
    line(
      `${engine}: stored`,
      `${stored.toLocaleString('en')} ledger records (of ${sent.toLocaleString('en')}, half by each), ${meals.toLocaleString('en')} meal rows, ${funding.toLocaleString('en')} funding rows (both halves); the ingest's half counted ${counted.toLocaleString('en')} meals, ${flagged} anomalies`,
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
  try {
    if (ENGINES.includes('PGlite')) {
      const pglite = await benchEngine('PGlite');
      line('PGlite: goal', `none (one connection); ratio ${(pglite.ingest / pglite.bare).toFixed(2)}`);
    }
    if (ENGINES.includes('PostgreSQL')) {
      const pg = await benchEngine('PostgreSQL');
      const met = pg.ingest / pg.bare >= GOAL_RATIO;
      line('PostgreSQL: ingest / bare', `${(pg.ingest / pg.bare).toFixed(2)}  goal ≥ ${GOAL_RATIO}  ${met ? 'met' : 'MISSED'}`);
    }
  } finally {
    await stopBenchPostgres();
  }
}

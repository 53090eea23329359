/**
 * Kiosk databases for the benchmarks, of any size, built fast and cached.
 *
 * The set-up goes through the product (identity, demo policy, operators, the ID-hash key); the
 * roster and the ledger history are written with direct SQL in big transactions with
 * synchronous=OFF — the build only: the file is then reopened with the product's own settings.
 * Ledger rows are real records: bodies shaped as checkin.ts makes them and priced by the demo
 * policy, sealed with sealRecord, the body stored as canonicalJson, inserted in order so the
 * append-only trigger (seq = last + 1, prev_hash = last hash) checks every one; each day ends with
 * a close record whose totals come from dayTotals, as closeDay writes it.
 *
 * A big database is cached in os.tmpdir() under a name that holds every input of the build
 * (BUILDER_VERSION, schema version, a fingerprint of the product's record formats, sizes, seed), so
 * a rerun does not rebuild it; bump BUILDER_VERSION when this file changes what it writes.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { demoPolicy, DEMO_CANTEEN } from '../../../electron/kiosk/demo/demo-kiosk.js';
import { head, LEDGER_SQL, recordsFrom } from '../../../electron/kiosk/ledger/ledger-store.js';
import { addOperator } from '../../../electron/kiosk/operators.js';
import { installPolicy } from '../../../electron/kiosk/policy-store.js';
import { hashResidentId, idHashKey } from '../../../electron/kiosk/roster/id-hash.js';
import { setUpKiosk } from '../../../electron/kiosk/settings.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { LATEST_VERSION } from '../../../electron/kiosk/store/migrations/index.js';
import { addDays, ageOn, localToInstant, timeToMinutes } from '../../../shared/dates.js';
import { maskResidentId } from '../../../shared/idcard.js';
import { checkinBodySchema, dayTotalsSchema } from '../../../shared/ledger/bodies.js';
import type { CheckinBody, CloseBody } from '../../../shared/ledger/bodies.js';
import { canonicalJson } from '../../../shared/ledger/canonical.js';
import { GENESIS, sealRecord, verifyChain } from '../../../shared/ledger/chain.js';
import type { ChainPosition } from '../../../shared/ledger/chain.js';
import { dayTotals } from '../../../shared/ledger/day-totals.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { price } from '../../../shared/pricing/price.js';
import type { PriceResult } from '../../../shared/pricing/types.js';
import { mulberry32 } from '../../../electron/kiosk/demo/demo-roster.js';
import { benchElders } from './people.js';
import type { BenchElder } from './people.js';
import { nowMs, progress } from './stats.js';

/** Bump when what buildKioskDb writes changes: cached files of another version are not used. */
export const BUILDER_VERSION = 'b1';

export const DEVICE_ID = 'bench-kiosk-0001';
export const CASHIER = 'cashier';
export const MANAGER = 'manager';
/** The last service date of the built history (mid-month, so the month's limit window holds history). */
export const HISTORY_END = '2026-06-15';
/** The first service date benchmarks write on. */
export const BENCH_START = addDays(HISTORY_END, 1);
const SETUP_AT = '2024-01-02T01:00:00.000Z';

export interface KioskDbSpec {
  readonly elders: number;
  /** Ledger records in all: check-ins plus one close per history day. */
  readonly records: number;
  readonly seed: number;
}

export interface KioskDbInfo {
  readonly file: string;
  readonly spec: KioskDbSpec;
  readonly days: number;
  readonly firstDate: string;
  readonly buildMs: number;
  /** True when this call built it; false when a cached file was used. */
  readonly built: boolean;
  readonly bytes: number;
}

/** About 50 records a day, at most two years: 5,000,000 records span 730 days (~6,850 a day). */
export function historyDays(records: number): number {
  return Math.max(1, Math.min(730, Math.round(records / 50)));
}

/** The set-up, through the product: the demo canteen, the demo policy, a cashier and a manager. */
function setUp(store: KioskStore, policy: Policy): void {
  setUpKiosk(store, { ...DEMO_CANTEEN, policyId: policy.id, deviceId: DEVICE_ID });
  installPolicy(store, policy, SETUP_AT);
  for (const op of [
    { id: MANAGER, name: '梁经理', role: 'manager', pin: '246810' },
    { id: CASHIER, name: '陈收银', role: 'cashier', pin: '1357' },
  ] as const) {
    const added = addOperator(store, op, SETUP_AT);
    if (!added.ok) throw new Error(`bench operator ${op.id}: ${added.error.code}`);
  }
}

/** Builds the database at `file` (replacing any), returning how long it took. */
export function buildKioskDb(file: string, spec: KioskDbSpec): { buildMs: number; days: number; firstDate: string } {
  const t0 = nowMs();
  const building = `${file}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });

  const policy = demoPolicy();
  const store = openKioskStore(building);
  let key: KeyObject;
  try {
    setUp(store, policy);
    key = store.write((tx) => idHashKey(tx));
  } finally {
    store.close();
  }

  const elders = benchElders(spec.elders, spec.seed);
  const db = new Database(building);
  const days = historyDays(spec.records);
  const firstDate = addDays(HISTORY_END, -(days - 1));
  try {
    // The build only: no fsync, the rollback journal in memory, a page cache big enough for the indexes.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -4000000');
    writeRoster(db, elders, (id) => hashResidentId(key, id));
    writeHistory(db, elders, policy, spec, days, firstDate);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  check(building, spec);
  renameSync(building, file);
  return { buildMs: nowMs() - t0, days, firstDate };
}

function writeRoster(db: Database.Database, elders: readonly BenchElder[], hash: (idNumber: string) => string): void {
  const insertElder = db.prepare(
    `INSERT INTO elders (id, name, birth_date, sex, id_masked, id_hash, hukou_region, residence_region, care_home, phone,
       diet_alert, photo, active, regular, lives_alone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?, ?, ?)`,
  );
  const insertStatus = db.prepare('INSERT INTO elder_statuses (elder_id, code, valid_from, valid_to) VALUES (?, ?, ?, ?)');
  const insertCard = db.prepare(`INSERT INTO cards (uid, elder_id, state, bound_at, state_changed_at) VALUES (?, ?, 'active', ?, NULL)`);
  db.transaction(() => {
    for (const e of elders) {
      insertElder.run(
        e.id,
        e.name,
        e.birthDate,
        e.sex,
        maskResidentId(e.idNumber),
        hash(e.idNumber),
        e.hukouRegion,
        e.residenceRegion,
        e.careHome ? 1 : 0,
        e.phone,
        e.dietAlert,
        e.regular ? 1 : 0,
        e.livesAlone ? 1 : 0,
        SETUP_AT,
        SETUP_AT,
      );
      for (const s of e.statuses) insertStatus.run(e.id, s.code, s.validFrom, s.validTo);
      insertCard.run(e.cardUid, e.id, SETUP_AT);
    }
  })();
}

/** Share of a day's check-ins in each period of the demo policy. */
const PERIOD_SHARE: Readonly<Record<string, number>> = { breakfast: 0.2, lunch: 0.5, dinner: 0.3 };

function writeHistory(db: Database.Database, elders: readonly BenchElder[], policy: Policy, spec: KioskDbSpec, days: number, firstDate: string): void {
  const rng = mulberry32(spec.seed ^ 0x5eed);
  const insert = db.prepare(LEDGER_SQL.insert);
  const fundingOrder = policy.funding.map((f) => f.id);
  const priced = new Map<string, PriceResult>();
  const checkins = spec.records - days;
  if (checkins < 0) throw new RangeError(`buildKioskDb: ${spec.records} records cannot fill ${days} days with a close each`);

  let prev = GENESIS.hash;
  let seq = 0;
  const t0 = nowMs();
  const append = (content: Omit<LedgerRecord, 'seq' | 'prevHash' | 'hash'>): LedgerRecord => {
    seq += 1;
    const r = sealRecord({ seq, ...content }, prev);
    insert.run(r.seq, r.deviceId, r.kind, r.at, r.serviceDate, r.periodId, r.elderId, r.operatorId, r.targetSeq, canonicalJson(r.body), r.prevHash, r.hash);
    prev = r.hash;
    if (seq % 250_000 === 0) {
      const rate = seq / (nowMs() - t0);
      progress(`${seq.toLocaleString('en')} of ${spec.records.toLocaleString('en')} records, ~${Math.round((spec.records - seq) / rate / 1000)} s to go`);
    }
    return r;
  };

  const bodyOf = (e: BenchElder, date: string, periodId: string): CheckinBody => {
    const age = ageOn(e.birthDate, date);
    // Statuses of bench elders all started before the history and never end, so they are constant.
    const k = `${age}|${e.statuses.map((s) => s.code).join(',')}|${e.hukouRegion}|${e.careHome}|${periodId}`;
    let r = priced.get(k);
    if (r === undefined) {
      r = price({ policy, elder: { ...e, active: true }, canteenRegion: DEMO_CANTEEN.canteenRegion, serviceDate: date, periodId, eaten: [] });
      if (!r.subsidised || r.facts === null) throw new Error(`bench elder not subsidised (${r.refusal?.code ?? 'no facts'}): ${k}`);
      priced.set(k, r);
    }
    const facts = r.facts;
    if (facts === null) throw new Error('priced without facts');
    return {
      method: 'card',
      cardUid: e.cardUid,
      policyId: r.policy?.id ?? null,
      policyVersion: r.policy?.version ?? null,
      tierId: r.tier?.id ?? null,
      standard: r.standard,
      subsidy: r.subsidy,
      personal: r.personal,
      funding: r.funding.map((f) => ({ source: f.source, amount: f.amount })),
      operatorSubsidy: r.operatorSubsidy,
      payment: r.personal === 0 ? 'free' : rng() < 0.3 ? 'qrExternal' : 'cash',
      facts: { age, ageBand: facts.ageBand, statuses: [...facts.statuses], hukouRegion: e.hukouRegion, careHome: e.careHome },
      refusal: null,
      backfilled: false,
    };
  };

  db.transaction(() => {
    for (let d = 0; d < days; d++) {
      const date = addDays(firstDate, d);
      const midnight = localToInstant(date, '00:00', policy.timeZone);
      const today = Math.floor(checkins / days) + (d < checkins % days ? 1 : 0);
      const dayRecords: LedgerRecord[] = [];
      let left = today;
      policy.periods.forEach((p, i) => {
        const n = i === policy.periods.length - 1 ? left : Math.min(left, Math.round(today * (PERIOD_SHARE[p.id] ?? 0)));
        left -= n;
        const from = timeToMinutes(p.start) * 60_000;
        const span = (timeToMinutes(p.end) - timeToMinutes(p.start)) * 60_000;
        const times = Array.from({ length: n }, () => Math.floor(rng() * span)).sort((a, b) => a - b);
        // One meal per elder and period, as the demo policy's limit allows.
        const seen = new Set<number>();
        for (const t of times) {
          let who: number;
          do who = Math.floor(rng() * elders.length);
          while (seen.has(who) && seen.size < elders.length);
          seen.add(who);
          const e = elders[who] as BenchElder;
          dayRecords.push(
            append({
              deviceId: DEVICE_ID,
              kind: 'checkin',
              at: new Date(midnight + from + t).toISOString(),
              serviceDate: date,
              periodId: p.id,
              elderId: e.id,
              operatorId: CASHIER,
              targetSeq: null,
              body: bodyOf(e, date, p.id),
            }),
          );
        }
      });
      const body: CloseBody = { totals: dayTotals(date, dayRecords, fundingOrder), head: { seq, hash: prev } };
      append({
        deviceId: DEVICE_ID,
        kind: 'close',
        at: new Date(midnight + 20 * 3_600_000).toISOString(),
        serviceDate: date,
        periodId: null,
        elderId: null,
        operatorId: MANAGER,
        targetSeq: null,
        body,
      });
    }
  })();
}

/** Reopens the file as the product does and checks what was built: counts, and the chain's tail. */
function check(file: string, spec: KioskDbSpec): void {
  const store = openKioskStore(file);
  try {
    const count = (sql: string): number => store.read.stmt<{ n: number }>(sql).get()?.n ?? -1;
    const elders = count('SELECT count(*) AS n FROM elders');
    const cards = count('SELECT count(*) AS n FROM cards');
    const top = head(store.read);
    if (elders !== spec.elders || cards !== spec.elders || top.seq !== spec.records) {
      throw new Error(`built ${elders} elders, ${cards} cards, ${top.seq} records; wanted ${spec.elders}, ${spec.elders}, ${spec.records}`);
    }
    const tail = Math.min(spec.records, 2000);
    const from = spec.records - tail + 1;
    let start: ChainPosition = GENESIS;
    if (from > 1) {
      const before = recordsFrom(store.read, from - 1, 1);
      const r = before.ok ? before.value[0] : undefined;
      if (r === undefined) throw new Error('built ledger does not read back');
      start = { seq: r.seq, hash: r.hash };
    }
    const records = recordsFrom(store.read, from, tail);
    if (!records.ok) throw new Error('built ledger does not read back');
    const verdict = verifyChain(records.value, start, { deviceId: DEVICE_ID });
    if (!verdict.ok) throw new Error(`built ledger does not verify: ${verdict.problem.kind} at ${verdict.problem.seq}`);
  } finally {
    store.close();
  }
}

/**
 * A short hash of the product's formats that the built rows follow — schema version, the masked ID
 * number, the fields of a check-in body and of day totals — so a cached file written in an older
 * format is not reused after the product changes them.
 */
function formatFingerprint(): string {
  const formats = [
    LATEST_VERSION,
    maskResidentId('11010519491231002X'),
    Object.keys(checkinBodySchema.shape).join(','),
    Object.keys(dayTotalsSchema.shape).join(','),
  ].join('|');
  return createHash('sha256').update(formats).digest('hex').slice(0, 8);
}

/** The cached database for `spec` in os.tmpdir(), built first if there is none. */
export function cachedKioskDb(spec: KioskDbSpec): KioskDbInfo {
  const sizes = `e${spec.elders}-r${spec.records}-x${spec.seed}`;
  const key = `${BUILDER_VERSION}-s${LATEST_VERSION}-f${formatFingerprint()}-${sizes}`;
  const file = join(tmpdir(), `zhucan-bench-${key}.db`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as { buildMs: number; days: number; firstDate: string };
    return { file, spec, days: m.days, firstDate: m.firstDate, buildMs: m.buildMs, built: false, bytes: sizeOf(file) };
  }
  // Copies of the same size built by another version of this file or of the product: stale, and big.
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith('zhucan-bench-') && name.includes(`-${sizes}.db`) && !name.startsWith(`zhucan-bench-${key}.db`)) {
      rmSync(join(tmpdir(), name), { force: true });
    }
  }
  progress(`building ${file} (${spec.elders.toLocaleString('en')} elders, ${spec.records.toLocaleString('en')} records) — once; later runs reuse it`);
  const b = buildKioskDb(file, spec);
  writeFileSync(meta, JSON.stringify({ key, ...b, builtAt: new Date().toISOString() }));
  return { file, spec, ...b, built: true, bytes: sizeOf(file) };
}

/** A fresh (uncached) database for `spec` at `file`. */
export function freshKioskDb(file: string, spec: KioskDbSpec): KioskDbInfo {
  const b = buildKioskDb(file, spec);
  return { file, spec, ...b, built: true, bytes: sizeOf(file) };
}

/**
 * A private copy to write on, flushed to disk before it is used, so the copy's write-back does not
 * run underneath the timings (and the cached original stays as built).
 */
export function workingCopy(src: string, dst: string): { file: string; ms: number } {
  const t0 = nowMs();
  removeDb(dst);
  copyFileSync(src, dst);
  const fd = openSync(dst, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file: dst, ms: nowMs() - t0 };
}

export function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

function sizeOf(file: string): number {
  return statSync(file).size;
}

/** Every active card of the roster, in a stable order (the caller shuffles). */
export function activeCards(store: KioskStore): string[] {
  return store.read
    .stmt<{ uid: string }>(`SELECT uid FROM cards WHERE state = 'active' ORDER BY uid`)
    .all()
    .map((r) => r.uid);
}

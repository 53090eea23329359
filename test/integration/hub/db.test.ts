/**
 * The hub's storage layer, run twice with the same tests: on PGlite in a temp folder, and on a real
 * PostgreSQL 15 server this file starts (test/helpers/postgres.ts). Same SQL, same results — that is
 * the promise that lets a city move from the embedded database to a server without code of ours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/ledger/canonical.js';
import {
  connectHubDb,
  dbCount,
  dbInstant,
  dbInt,
  dbLocalDate,
  HUB_MIGRATIONS,
  HUB_SCHEMA_VERSION,
  HubDbError,
  jsonParam,
  openHubDb,
  type HubDb,
  type HubMigration,
  type HubQueries,
  type OpenHubDbOptions,
} from '../../../server/db/index.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres.js';

interface Engine {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** Options that open a new, empty database. */
  fresh(): Promise<OpenHubDbOptions>;
}

const tempDirs: string[] = [];

const pglite: Engine = {
  name: 'PGlite',
  fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'zhucan-hub-'));
    tempDirs.push(dir);
    return Promise.resolve({ dataDir: join(dir, 'pgdata') });
  },
};

// One server for the whole file (a database per test): starting one costs a few seconds.
let server: PostgresServer | null = null;
beforeAll(async () => {
  server = await startPostgres();
}, 90_000);
afterAll(async () => {
  await server?.stop();
  server = null;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const postgres: Engine = {
  name: 'PostgreSQL',
  async fresh() {
    if (server === null) throw new Error('the PostgreSQL server is not running');
    return { databaseUrl: await server.createDatabase() };
  },
};

/** Every HubDb a test opened, closed after it even when it fails. */
const open: HubDb[] = [];
async function track<T extends { db: HubDb } | HubDb>(opened: Promise<T>): Promise<T> {
  const value = await opened;
  open.push('db' in value ? value.db : value);
  return value;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const idRow = z.object({ id: dbInt });
const countRow = z.object({ n: dbCount });

async function count(db: HubQueries, table: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*) AS n FROM ${table}`, [], countRow);
  return row?.n ?? -1;
}

/** A district, a canteen and an enrolled device: what a ledger record needs to exist. */
async function seedDevice(db: HubDb, deviceId = 'kiosk-0001'): Promise<{ districtId: number; canteenId: number; deviceId: string }> {
  const [district] = await db.query(`INSERT INTO districts (name, region_code) VALUES ($1, $2) RETURNING id`, ['越秀区', '440104'], idRow);
  if (district === undefined) throw new Error('no district');
  const [canteen] = await db.query(
    `INSERT INTO canteens (district_id, name, region_code, address, operator_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [district.id, '东山长者饭堂', '440104001', '广州市越秀区署前路 1 号', '东山社工站'],
    idRow,
  );
  if (canteen === undefined) throw new Error('no canteen');
  await db.execute(`INSERT INTO devices (device_id, canteen_id, public_key) VALUES ($1, $2, $3)`, [deviceId, canteen.id, `key-of-${deviceId}`]);
  return { districtId: district.id, canteenId: canteen.id, deviceId };
}

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const GENESIS = '0'.repeat(64);

interface RecordInput {
  readonly deviceId: string;
  readonly seq: number;
  readonly hash: string;
  readonly body: unknown;
  readonly at?: string;
}

function insertRecord(db: HubQueries, r: RecordInput): Promise<number> {
  return db.execute(
    `INSERT INTO ledger_records (device_id, seq, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash)
     VALUES ($1, $2, 'checkin', $3, $4, 'lunch', 'elder-0001', 'op-1', NULL, $5::jsonb, $6, $7)`,
    [r.deviceId, r.seq, r.at ?? '2026-11-24T04:12:33.120Z', '2026-11-24', jsonParam(r.body), GENESIS, r.hash],
  );
}

const HUB_TABLES = ['districts', 'accounts', 'canteens', 'enrolment_codes', 'devices', 'ledger_records', 'schema_migrations'];

describe.each([pglite, postgres])('hub store on $name', (engine) => {

  it('migrates an empty database, and reopening it changes nothing', async () => {
    const options = await engine.fresh();
    const first = await track(openHubDb(options));
    expect(first.db.engine).toBe(engine.name === 'PGlite' ? 'pglite' : 'postgres');
    expect(first.migration).toEqual({ from: 0, to: HUB_SCHEMA_VERSION, applied: HUB_MIGRATIONS.map((m) => m.version) });
    for (const table of HUB_TABLES) {
      const [row] = await first.db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table], z.object({ present: z.boolean() }));
      expect(row?.present, table).toBe(true);
    }
    const migrationRow = z.object({ version: dbInt, name: z.string(), applied_at: dbInstant });
    const before = await first.db.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version', [], migrationRow);
    expect(before.map((r) => [r.version, r.name])).toEqual(HUB_MIGRATIONS.map((m) => [m.version, m.name]));
    await first.db.close();

    const again = await track(openHubDb(options));
    expect(again.migration).toEqual({ from: HUB_SCHEMA_VERSION, to: HUB_SCHEMA_VERSION, applied: [] });
    const after = await again.db.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version', [], migrationRow);
    expect(after).toEqual(before);
  });

  it('upgrades an older database step by step, and a failing migration leaves it at the version before', async () => {
    const options = await engine.fresh();
    const v1 = HUB_MIGRATIONS.slice(0, 1);
    const first = await track(openHubDb({ ...options, migrations: v1 }));
    expect(first.migration.applied).toEqual([1]);
    await first.db.close();

    const broken: HubMigration = { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT 1 / 0;' };
    await expect(openHubDb({ ...options, migrations: [...v1, broken] })).rejects.toMatchObject({ kind: 'sql', code: '22012' });
    const raw = await track(connectHubDb(options));
    expect(await count(raw, 'schema_migrations')).toBe(1);
    const [half] = await raw.query(`SELECT to_regclass('half_done') IS NOT NULL AS present`, [], z.object({ present: z.boolean() }));
    expect(half?.present).toBe(false);
    await raw.close();

    const fixed: HubMigration = { version: 2, name: 'fixed', sql: 'CREATE TABLE half_done (x int);' };
    const upgraded = await track(openHubDb({ ...options, migrations: [...v1, fixed] }));
    expect(upgraded.migration).toEqual({ from: 1, to: 2, applied: [2] });
  });

  it('refuses a database a newer hub has migrated, with a message for district IT, and leaves it alone', async () => {
    const options = await engine.fresh();
    const { db } = await track(openHubDb(options));
    const future = HUB_SCHEMA_VERSION + 1;
    await db.execute('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [future, 'from-the-future']);
    await db.close();

    const refusal = await openHubDb(options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(HubDbError);
    const e = refusal as HubDbError;
    expect(e.kind).toBe('newer');
    expect(e.message).toContain(`schema version ${future}`);
    expect(e.message).toContain(`supports up to version ${HUB_SCHEMA_VERSION}`);
    expect(e.message).toContain('restore the backup');
    expect(e.message).toContain('数据库结构版本');

    const raw = await track(connectHubDb(options));
    expect(await count(raw, 'schema_migrations')).toBe(future);
  });

  it("refuses a database that holds another program's tables", async () => {
    const options = await engine.fresh();
    const raw = await track(connectHubDb(options));
    await raw.transaction((tx) => tx.exec('CREATE TABLE invoices (id int)'));
    await raw.close();
    await expect(openHubDb(options)).rejects.toMatchObject({ kind: 'schema' });
  });

  it('rolls a transaction back when its function throws, and the error comes out unchanged', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const boom = new Error('boom');
    let handle: HubQueries | null = null;
    await expect(
      db.transaction(async (tx) => {
        handle = tx;
        await tx.execute(`INSERT INTO districts (name, region_code) VALUES ('越秀区', '440104')`);
        expect(await count(tx, 'districts')).toBe(1);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count(db, 'districts')).toBe(0);
    // The handle does not outlive its transaction (it would run outside it).
    await expect(Promise.resolve().then(() => handle?.execute('SELECT 1'))).rejects.toThrow(/transaction has ended/);
  });

  it('never commits after a failed statement, even when the function caught it', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(`INSERT INTO districts (name, region_code) VALUES ('越秀区', '440104')`);
        await tx.execute(`INSERT INTO districts (name, region_code) VALUES ('重复', '440104')`).catch(() => undefined);
        return 'done';
      }),
    ).rejects.toMatchObject({ kind: 'aborted', code: '25P02' });
    expect(await count(db, 'districts')).toBe(0);
  });

  it('keeps statements sent during a transaction out of it', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    let inserted!: () => void;
    const insideDone = new Promise<void>((resolve) => (inserted = resolve));
    const failing = db.transaction(async (tx) => {
      await tx.execute(`INSERT INTO districts (name, region_code) VALUES ('回滚区', '440101')`);
      inserted();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('rolled back');
    });
    await insideDone;
    const outside = db.execute(`INSERT INTO districts (name, region_code) VALUES ('独立区', '440102')`);
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    const names = await db.query('SELECT name FROM districts ORDER BY name', [], z.object({ name: z.string() }));
    expect(names.map((r) => r.name)).toEqual(['独立区']);
  });

  it('maps a second (device, seq) to a typed unique violation on ledger_records_pkey', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const { deviceId } = await seedDevice(db);
    expect(await insertRecord(db, { deviceId, seq: 1, hash: HASH_A, body: { n: 1 } })).toBe(1);

    for (const [label, hash] of [
      ['replay', HASH_A],
      ['tampering', HASH_B],
    ] as const) {
      const failure = await insertRecord(db, { deviceId, seq: 1, hash, body: { n: 2 } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure, label).toBeInstanceOf(HubDbError);
      expect(failure, label).toMatchObject({ kind: 'unique', code: '23505', constraint: 'ledger_records_pkey', table: 'ledger_records' });
    }
    // Inside a transaction the same error surfaces, and the transaction is rolled back as a whole.
    await expect(
      db.transaction(async (tx) => {
        await insertRecord(tx, { deviceId, seq: 2, hash: HASH_B, body: { n: 2 } });
        await insertRecord(tx, { deviceId, seq: 1, hash: HASH_B, body: { n: 3 } });
      }),
    ).rejects.toMatchObject({ kind: 'unique', constraint: 'ledger_records_pkey' });
    const rows = await db.query('SELECT seq, hash FROM ledger_records ORDER BY seq', [], z.object({ seq: dbInt, hash: z.string() }));
    expect(rows).toEqual([{ seq: 1, hash: HASH_A }]);
  });

  it('maps other constraint failures to their kinds', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    await expect(insertRecord(db, { deviceId: 'never-enrolled', seq: 1, hash: HASH_A, body: {} })).rejects.toMatchObject({
      kind: 'foreignKey',
      constraint: 'ledger_records_device_id_fkey',
    });
    await expect(db.execute(`INSERT INTO districts (name, region_code) VALUES ('坏编码', '4401')`)).rejects.toMatchObject({ kind: 'check' });
    await expect(db.execute(`INSERT INTO districts (name, region_code) VALUES (NULL, '440104')`)).rejects.toMatchObject({ kind: 'notNull' });
    await expect(db.execute('SELEC 1')).rejects.toMatchObject({ kind: 'sql', code: '42601' });
  });

  it('round-trips jsonb bodies, instants, dates and bigints exactly', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const { deviceId } = await seedDevice(db);
    const body = {
      method: 'card',
      standard: 1200,
      subsidy: 1100,
      personal: 100,
      refund: -300,
      zero: 0,
      largest: Number.MAX_SAFE_INTEGER,
      funding: [
        { source: '市级', amount: 300 },
        { source: '区级', amount: 300 },
        { source: '镇街', amount: 500 },
      ],
      facts: { statuses: ['特困', '独居'], hukouRegion: '440104001', careHome: false },
      note: '张三 "引号" \\ 反斜杠 \n 换行 👵',
      refusal: null,
      backfilled: true,
    };
    const at = '2026-11-24T04:12:33.120Z';
    await insertRecord(db, { deviceId, seq: 7, hash: HASH_A, body, at });

    const recordRow = z.object({ seq: dbInt, at: dbInstant, service_date: dbLocalDate, body: z.record(z.string(), z.unknown()) });
    const [back] = await db.query('SELECT seq, at, service_date, body FROM ledger_records WHERE device_id = $1', [deviceId], recordRow);
    expect(back).toEqual({ seq: 7, at, service_date: '2026-11-24', body });
    // jsonb reorders keys; the ledger hashes the canonical form, which sorts them, so nothing changes.
    expect(canonicalJson(back?.body)).toBe(canonicalJson(body));

    // Sums of bigint fen come back as numeric text and cross as exact numbers.
    const [sum] = await db.query(
      `SELECT sum((body->>'subsidy')::bigint) AS n FROM ledger_records WHERE device_id = $1`,
      [deviceId],
      z.object({ n: dbInt }),
    );
    expect(sum?.n).toBe(1100);
  });

  it('reads timestamptz as the same ISO instant whatever the session time zone', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const [zone] = await db.query('SHOW TimeZone', [], z.object({ TimeZone: z.string() }));
    expect(zone?.TimeZone).toBe('UTC');
    const row = z.object({ t: dbInstant, d: dbLocalDate });
    const sql = `SELECT '2026-11-24 12:12:33.5+08'::timestamptz AS t, '2026-11-24'::date AS d`;
    expect(await db.query(sql, [], row)).toEqual([{ t: '2026-11-24T04:12:33.500Z', d: '2026-11-24' }]);
    const kathmandu = await db.transaction(async (tx) => {
      await tx.execute(`SET LOCAL TIME ZONE 'Asia/Kathmandu'`);
      return tx.query(sql, [], row);
    });
    expect(kathmandu).toEqual([{ t: '2026-11-24T04:12:33.500Z', d: '2026-11-24' }]);
    // An instant sent as an ISO string is stored as that instant.
    const [echo] = await db.query('SELECT $1::timestamptz AS t, $2::date AS d', ['2026-11-24T04:12:33.120Z', '2026-02-28'], row);
    expect(echo).toEqual({ t: '2026-11-24T04:12:33.120Z', d: '2026-02-28' });
  });

  it('refuses a bigint beyond the safe integers instead of rounding it', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const [ok] = await db.query('SELECT 9007199254740991::bigint AS n', [], z.object({ n: dbInt }));
    expect(ok?.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(db.query('SELECT 9007199254740993::bigint AS n', [], z.object({ n: dbInt }))).rejects.toMatchObject({ kind: 'row' });
  });

  it('keeps the ledger append-only: UPDATE and DELETE are refused by the database', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    const { deviceId } = await seedDevice(db);
    await insertRecord(db, { deviceId, seq: 1, hash: HASH_A, body: { n: 1 } });
    await expect(db.execute(`UPDATE ledger_records SET hash = $1`, [HASH_B])).rejects.toMatchObject({ code: '23001' });
    await expect(db.execute(`DELETE FROM ledger_records`)).rejects.toMatchObject({ code: '23001' });
    // Plain TRUNCATE is stopped first by the derived tables' foreign keys (0A000); with CASCADE
    // it reaches the table and the trigger refuses it.
    await expect(db.execute(`TRUNCATE ledger_records`)).rejects.toMatchObject({ code: '0A000' });
    await expect(db.execute(`TRUNCATE ledger_records CASCADE`)).rejects.toMatchObject({ code: '23001' });
    expect(await count(db, 'ledger_records')).toBe(1);
  });

  it('serves the counting queries from the indexes meant for them', async () => {
    const { db } = await track(openHubDb(await engine.fresh()));
    // With no rows and no statistics the planner may prefer a scan; forbid it to see the index is usable.
    await db.transaction(async (tx) => {
      await tx.execute('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string): Promise<string> =>
        (await tx.query(`EXPLAIN ${sql}`, [], z.object({ 'QUERY PLAN': z.string() }))).map((r) => r['QUERY PLAN']).join('\n');
      expect(await plan(`SELECT count(*) FROM ledger_records WHERE device_id = 'k' AND service_date BETWEEN '2026-11-01' AND '2026-11-30'`)).toContain(
        'ledger_records_device_date_idx',
      );
      expect(
        await plan(`SELECT device_id FROM ledger_records WHERE kind = 'checkin' AND elder_id = 'e' AND service_date = '2026-11-24' AND period_id = 'lunch'`),
      ).toContain('ledger_records_elder_period_idx');
      expect(await plan(`SELECT 1 FROM ledger_records WHERE kind = 'void' AND device_id = 'k' AND target_seq = 3`)).toContain('ledger_records_void_idx');
    });
  });
});

describe('hub store on PostgreSQL only', () => {

  it('lets several hubs start at once: each migration runs exactly once (advisory lock)', async () => {
    const options = await postgres.fresh();
    // A slow second step widens the window in which an unguarded second process would migrate too.
    const slow: HubMigration = { version: HUB_MIGRATIONS.length + 1, name: 'slow', sql: `SELECT pg_sleep(0.3); CREATE TABLE slow_marker (x int);` };
    const migrations = [...HUB_MIGRATIONS, slow];
    // allSettled: every opener finishes (and is closed after the test) even when one fails.
    const settled = await Promise.allSettled([1, 2, 3, 4].map(() => track(openHubDb({ ...options, migrations }))));
    const opened = settled.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
    const applied = opened.flatMap((o) => o.migration.applied).sort((a, b) => a - b);
    expect(applied).toEqual(migrations.map((m) => m.version));
    for (const o of opened) expect(o.migration.to).toBe(migrations.length);
    const first = opened[0]?.db;
    if (first === undefined) throw new Error('nothing opened');
    expect(await count(first, 'schema_migrations')).toBe(migrations.length);
  });

  it('retries a serialisable transaction that lost a conflict, and reports it when out of attempts', async () => {
    const { db } = await track(openHubDb(await postgres.fresh()));
    await db.transaction((tx) => tx.exec('CREATE TABLE tally (n int NOT NULL)'));

    // Write skew: both read the count, both insert it. Serialisable lets only one commit.
    const race = async (attempts: number): Promise<{ runs: number; results: PromiseSettledResult<void>[] }> => {
      let arrived = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => (release = resolve));
      let runs = 0;
      const work = (): Promise<void> =>
        db.transaction(
          async (tx) => {
            runs += 1;
            const [row] = await tx.query('SELECT count(*) AS n FROM tally', [], countRow);
            arrived += 1;
            if (arrived === 2) release();
            await bothRead;
            await tx.execute('INSERT INTO tally (n) VALUES ($1)', [row?.n ?? -1]);
          },
          { isolation: 'serializable', attempts },
        );
      const results = await Promise.allSettled([work(), work()]);
      return { runs, results };
    };

    const retried = await race(5);
    expect(retried.results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(retried.runs).toBe(3);
    const values = await db.query('SELECT n FROM tally ORDER BY n', [], z.object({ n: z.number() }));
    expect(values.map((r) => r.n)).toEqual([0, 1]);

    const once = await race(1);
    const rejected = once.results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', code: '40001' });
  });

  it('reports a server it cannot reach as unavailable, without the password', async () => {
    const failure = await openHubDb({ databaseUrl: 'postgres://hub:s3cret-pw@127.0.0.1:1/zhucan' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ kind: 'unavailable' });
    expect(String((failure as Error).message)).toContain('127.0.0.1:1/zhucan');
    expect(String((failure as Error).message)).not.toContain('s3cret-pw');
  });
});

describe('choosing the engine', () => {
  it('refuses both a data folder and DATABASE_URL, or neither', async () => {
    await expect(connectHubDb({ dataDir: '/tmp/x', databaseUrl: 'postgres://h/db' })).rejects.toThrow(/not both/);
    await expect(connectHubDb({ dataDir: '  ', databaseUrl: '' })).rejects.toThrow(/needs a data folder/);
  });
});

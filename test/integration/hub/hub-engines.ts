/**
 * The two engines the hub's account and enrolment suites run on, as in db.test.ts: PGlite in a temp
 * folder, and a real PostgreSQL 15 server started for the file. Call `useHubEngines()` at the top of
 * a test file; it registers the hooks that start and stop the server and close every database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { dbInt, openHubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { startPostgres } from '../../helpers/postgres.js';
import type { PostgresServer } from '../../helpers/postgres.js';

/** When test districts are made: any fixed instant will do, before every test's own dates. */
const DISTRICT_CREATED_AT = '2026-01-01T00:00:00.000Z';

export interface HubEngine {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** A new, migrated, empty database, closed when the file ends. */
  open(): Promise<HubDb>;
}

export function useHubEngines(): readonly HubEngine[] {
  const tempDirs: string[] = [];
  const opened: HubDb[] = [];
  let server: PostgresServer | null = null;

  beforeAll(async () => {
    server = await startPostgres();
  }, 90_000);
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
    await server?.stop();
    server = null;
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function track(db: Promise<{ db: HubDb }>): Promise<HubDb> {
    const { db: value } = await db;
    opened.push(value);
    return value;
  }

  return [
    {
      name: 'PGlite',
      open() {
        const dir = mkdtempSync(join(tmpdir(), 'zhucan-hub-'));
        tempDirs.push(dir);
        return track(openHubDb({ dataDir: join(dir, 'pgdata') }));
      },
    },
    {
      name: 'PostgreSQL',
      async open() {
        if (server === null) throw new Error('the PostgreSQL server is not running');
        return track(openHubDb({ databaseUrl: await server.createDatabase() }));
      },
    },
  ];
}

/**
 * A district made the way the hub's console makes it (createDistrict): with its own signing key pair,
 * so what the hub sends down to its kiosks can be signed. Throws on a refusal (a taken region code).
 */
export async function insertDistrict(db: HubDb, name: string, regionCode: string): Promise<number> {
  const made = await createDistrict(db, { actor: 'console', name, regionCode, now: DISTRICT_CREATED_AT });
  if (!made.ok) throw new Error(`district ${name} (${regionCode}): ${JSON.stringify(made.error)}`);
  return made.value.id;
}

/**
 * A district row with no signing key, as one made by hand in SQL would be: for the tests of what the
 * hub does when it has nothing to sign with (createDistrict always makes a key).
 */
export async function insertDistrictWithoutKey(db: HubDb, name: string, regionCode: string): Promise<number> {
  const [row] = await db.query(`INSERT INTO districts (name, region_code) VALUES ($1, $2) RETURNING id`, [name, regionCode], z.object({ id: dbInt }));
  if (row === undefined) throw new Error('no district');
  return row.id;
}

/** Every text value of every column of a table, for "is the secret stored anywhere in clear?". */
export async function allText(db: HubDb, table: string): Promise<string> {
  const rows = await db.query(`SELECT row_to_json(t)::text AS j FROM ${table} t`, [], z.object({ j: z.string() }));
  return rows.map((r) => r.j).join('\n');
}

/** The value of a Result that the test expects to be ok, or a failure that shows the refusal. */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * Brings a hub database up to this build's schema, one numbered migration per transaction, and
 * refuses a database written by a newer build (its schema may mean things this build cannot know).
 *
 * Two hub processes starting at once against one PostgreSQL (a rolling restart, two replicas of the
 * web tier) must not both migrate: each step first takes a transaction-scoped advisory lock, then
 * re-reads the version under it, so the second process waits, sees the work done, and does nothing.
 * The lock is released by COMMIT or ROLLBACK, never left behind by a crashed process. On PGlite
 * the lock is taken too (same SQL), and is trivially free.
 */
import { z } from 'zod';
import { HubDbError, newerSchemaError } from './errors.js';
import type { HubDb, HubTx } from './hub-db.js';
import { HUB_MIGRATIONS, type HubMigration } from './migrations/index.js';
import { dbInt } from './values.js';

export interface MigrateOutcome {
  /** The schema version found. */
  readonly from: number;
  /** The schema version now. */
  readonly to: number;
  /** The versions this call applied: [] when the database was already current (or another process did it). */
  readonly applied: readonly number[];
}

/**
 * The advisory lock key of hub migrations: 'ZHUBMIGR' as a 64-bit integer, so it cannot collide by
 * accident with a small key another application on the same server uses.
 */
export const MIGRATION_LOCK_KEY = '6505543404989531986';

const versionRow = z.object({ version: dbInt });
const presentRow = z.object({ present: z.boolean() });
const countRow = z.object({ n: dbInt });

/** Where migrate() stands after taking the lock: the version, or a refusal. */
async function lockedVersion(tx: HubTx, latest: number): Promise<number> {
  await tx.execute('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);

  const [exists] = await tx.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`, [], presentRow);
  if (exists?.present !== true) {
    // No schema_migrations: an empty database we may take, or somebody else's we must not touch.
    const [others] = await tx.query(
      `SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')`,
      [],
      countRow,
    );
    if ((others?.n ?? 0) > 0) {
      throw new HubDbError(
        'schema',
        `该数据库中已有其他表，却没有区级平台的 schema_migrations 表：它不是区级平台的数据库（或是另一程序的）。请为平台单独建一个空数据库。\n` +
          `This database already holds tables but no schema_migrations table of the Zhucan hub: it belongs to something ` +
          `else. Give the hub an empty database of its own. Nothing was changed.`,
      );
    }
    await tx.exec(`
      CREATE TABLE schema_migrations (
        version    integer PRIMARY KEY CHECK (version >= 1),
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    return 0;
  }

  const versions = (await tx.query('SELECT version FROM schema_migrations ORDER BY version', [], versionRow)).map((r) => r.version);
  const current = versions.length;
  // Versions are 1 … n with no gap; anything else was written by hand and cannot be reasoned about.
  if (versions.some((v, i) => v !== i + 1)) {
    throw new HubDbError('schema', `schema_migrations holds versions ${versions.join(', ')}, not 1 … ${current}: the schema was changed by hand.`);
  }
  if (current > latest) throw newerSchemaError(current, latest);
  return current;
}

/** Applies every migration the database lacks, each in its own transaction. */
export async function migrate(db: HubDb, migrations: readonly HubMigration[] = HUB_MIGRATIONS): Promise<MigrateOutcome> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order: ${m.name} has version ${m.version} at position ${i + 1}`);
  });
  const latest = migrations.length;
  const applied: number[] = [];
  let from: number | null = null;

  for (;;) {
    const step = await db.transaction(async (tx) => {
      const current = await lockedVersion(tx, latest);
      from ??= current;
      const next = migrations[current];
      if (next === undefined) return null;
      await tx.exec(next.sql);
      await tx.execute('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [next.version, next.name]);
      return next.version;
    });
    if (step === null) break;
    applied.push(step);
  }
  // The loop ends only when a step found nothing left to apply, i.e. at the latest version.
  return { from: from ?? latest, to: latest, applied };
}

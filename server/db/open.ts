/**
 * Opens the hub's database — PGlite in a folder, or the PostgreSQL server of DATABASE_URL — and
 * brings its schema up to date before anything else may use it.
 */
import { migrate, type MigrateOutcome } from './migrate.js';
import type { HubDb } from './hub-db.js';
import type { HubMigration } from './migrations/index.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './postgres-db.js';

export interface OpenHubDbOptions {
  /** A folder for the embedded PGlite database; created when missing. */
  readonly dataDir?: string | undefined;
  /** postgres://user:password@host:port/database — a PostgreSQL 15+ server. */
  readonly databaseUrl?: string | undefined;
  /** For tests that stop part-way or race a slow migration; the build's own list by default. */
  readonly migrations?: readonly HubMigration[];
  /** PostgreSQL only: told about errors of idle pooled connections (for the log). */
  readonly onIdleError?: (e: Error) => void;
}

export interface OpenedHubDb {
  readonly db: HubDb;
  readonly migration: MigrateOutcome;
}

/**
 * Connects without migrating: for migrate() itself and for tests. Exactly one of dataDir and
 * databaseUrl: with both, which one the operator meant is a guess we refuse to make (a stray
 * DATABASE_URL in the environment would otherwise silently send a district's data elsewhere).
 */
export async function connectHubDb(options: OpenHubDbOptions): Promise<HubDb> {
  const url = options.databaseUrl?.trim() ?? '';
  const dir = options.dataDir?.trim() ?? '';
  if (url !== '' && dir !== '') {
    throw new Error('Give the hub either a data folder (PGlite) or DATABASE_URL (PostgreSQL), not both.');
  }
  if (url !== '') return openPostgresDb(options.onIdleError === undefined ? { databaseUrl: url } : { databaseUrl: url, onIdleError: options.onIdleError });
  if (dir !== '') return openPgliteDb(dir);
  throw new Error('The hub needs a data folder (PGlite) or DATABASE_URL (PostgreSQL).');
}

/** Connects and migrates; on a refusal (a newer schema, a foreign database) the connection is closed. */
export async function openHubDb(options: OpenHubDbOptions): Promise<OpenedHubDb> {
  const db = await connectHubDb(options);
  try {
    const migration = await migrate(db, options.migrations);
    return { db, migration };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

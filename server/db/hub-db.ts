/**
 * What the hub asks of its database, whichever engine runs it: embedded PGlite in a local folder by
 * default, or a PostgreSQL server from DATABASE_URL. The SQL is the same on both (PostgreSQL's,
 * parameters written $1, $2 …); the differences that remain are stated on each member.
 */
import type { z } from 'zod';
import type { SqlParam } from './values.js';

export type HubDbEngine = 'pglite' | 'postgres';

/** Statements that run either on their own (auto-commit) or inside a transaction. */
export interface HubQueries {
  /**
   * Runs one statement and returns its rows, each parsed with `row` (a zod schema): values cross
   * the boundary checked, never cast. A row that does not fit is a bug in our SQL and throws
   * HubDbError 'row' naming the failing paths. Use `dbInt` / `dbCount` for bigint and numeric
   * columns, `dbInstant` for timestamptz, `dbLocalDate` for date (see values.ts).
   */
  query<T>(sql: string, params: readonly SqlParam[], row: z.ZodType<T>): Promise<T[]>;
  /** Runs one statement for its effect; returns how many rows it inserted, updated or deleted. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

/** Inside a transaction. Valid only until the transaction's function returns. */
export interface HubTx extends HubQueries {
  /** Runs a script of several statements with no parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface TxOptions {
  /**
   * 'read committed' (PostgreSQL's default) or 'serializable'. Use serializable when the
   * transaction reads something and writes based on it where a concurrent writer could invalidate
   * the read (e.g. "is this sequence number the next one for the device?").
   * On PGlite every transaction is serial anyway — there is one connection and PGlite runs one
   * transaction at a time, holding back every other statement until it ends.
   */
  readonly isolation?: 'read committed' | 'serializable';
  /**
   * How many times to run `fn` in all when PostgreSQL reports a serialisation failure or a
   * deadlock (HubDbError 'conflict'). Default: 5 for serializable, 1 otherwise. A retried `fn` runs
   * again from the start, so it must do nothing outside the database (no HTTP reply, no file).
   */
  readonly attempts?: number;
}

export interface HubDb extends HubQueries {
  readonly engine: HubDbEngine;
  /**
   * BEGIN, `fn`, COMMIT; ROLLBACK and rethrow when `fn` throws (or COMMIT fails), so a transaction
   * never half-happens. Never commits after an error: a failed statement inside `fn` that `fn`
   * catches still aborts the transaction, and COMMIT then throws.
   *
   * PGlite has a single connection: do not wait inside `fn` for anything that itself needs the
   * database (another transaction, another query through this HubDb) — it would wait forever.
   */
  transaction<T>(fn: (tx: HubTx) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Closes the PGlite instance or ends the pool. The HubDb is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The hub's store on a PostgreSQL server (15 or newer) through node-postgres: a pool of connections,
 * one per transaction, for a city or province that runs PostgreSQL as a service (replicas, backups,
 * partitioning) instead of a folder on the hub machine.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { abortedTransactionError, HubDbError, toHubDbError, unsupportedServerError } from './errors.js';
import type { HubDb, HubTx, TxOptions } from './hub-db.js';
import { attemptsOf, beginStatement, guardTx, parseRows, withConflictRetries } from './tx-common.js';
import { TYPE_PARSERS } from './values.js';

export interface PostgresOptions {
  readonly databaseUrl: string;
  /** Connections in the pool. */
  readonly maxConnections?: number;
  /**
   * Told about an error on an idle pooled connection (the server restarted, a network cut). The
   * pool drops that connection by itself and the next statement opens a new one, so this is for
   * logging only; without a listener Node would treat the 'error' event as a crash.
   */
  readonly onIdleError?: (e: Error) => void;
}

const versionNumRow = z.object({ server_version_num: z.string().regex(/^\d+$/) });
const versionRow = z.object({ server_version: z.string() });

/** The oldest server the hub supports: what docs/hub.md promises and what CI tests. */
const MIN_SERVER_VERSION_NUM = 150000;

// Ours first, pg's defaults for every other type (int4 → number, bool → boolean …).
const getTypeParser: typeof pg.types.getTypeParser = (id: number, format?: 'text' | 'binary') =>
  TYPE_PARSERS[id] ?? (pg.types.getTypeParser(id, format) as (text: string) => unknown);

interface Runner {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

function queriesOn(runner: Runner): HubTx {
  return {
    async query(sql, params, row) {
      let rows: unknown[];
      try {
        rows = (await runner.query(sql, [...params])).rows;
      } catch (e) {
        throw toHubDbError(e);
      }
      return parseRows(sql, rows, row);
    },
    async execute(sql, params = []) {
      try {
        return (await runner.query(sql, [...params])).rowCount ?? 0;
      } catch (e) {
        throw toHubDbError(e);
      }
    },
    async exec(script) {
      try {
        // No values: pg sends the simple-query protocol, which accepts several statements.
        await runner.query(script);
      } catch (e) {
        throw toHubDbError(e);
      }
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(a DATABASE_URL that is not a URL)';
  }
}

export async function openPostgresDb(options: PostgresOptions): Promise<HubDb> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    types: { getTypeParser },
    // UTC sessions, as on PGlite: now()::date and timestamptz text never depend on the server's zone.
    options: '-c TimeZone=UTC',
    application_name: 'zhucan-hub',
  });
  const onIdleError = options.onIdleError ?? ((): void => undefined);
  pool.on('error', onIdleError);
  const own = queriesOn(pool);

  // A first statement now, so that a wrong URL, a server that is down or too old is reported at
  // start-up in words district IT can act on, not at the first upload.
  try {
    const [found] = await own.query('SHOW server_version_num', [], versionNumRow);
    if (found === undefined || Number(found.server_version_num) < MIN_SERVER_VERSION_NUM) {
      const [named] = await own.query('SHOW server_version', [], versionRow);
      throw unsupportedServerError(named?.server_version ?? 'unknown');
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof HubDbError && e.kind !== 'unavailable') throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new HubDbError('unavailable', `Cannot use the PostgreSQL database at ${redactUrl(options.databaseUrl)}: ${reason}`, { cause: e });
  }

  const connect = async (): Promise<PoolClient> => {
    try {
      return await pool.connect();
    } catch (e) {
      throw toHubDbError(e);
    }
  };

  let closed = false;
  return {
    engine: 'postgres',
    query: (sql, params, row) => own.query(sql, params, row),
    execute: (sql, params) => own.execute(sql, params),

    async transaction<T>(fn: (tx: HubTx) => Promise<T>, txOptions?: TxOptions): Promise<T> {
      const begin = beginStatement(txOptions);
      return withConflictRetries(attemptsOf(txOptions), async () => {
        const client = await connect();
        const statements = queriesOn(client);
        // A connection whose ROLLBACK failed is in an unknown state: destroy it, never reuse it.
        let broken = false;
        try {
          await statements.exec(begin);
          const guard = guardTx(statements);
          let result: T;
          try {
            result = await fn(guard.tx);
          } finally {
            guard.end();
          }
          // COMMIT of a transaction in which a statement failed answers ROLLBACK, not an error: pg
          // would report success for a transaction that did not happen. PGlite throws here.
          let committed: pg.QueryResult;
          try {
            committed = await client.query('COMMIT');
          } catch (e) {
            throw toHubDbError(e);
          }
          if (committed.command !== 'COMMIT') throw abortedTransactionError();
          return result;
        } catch (e) {
          // After a failed COMMIT the server has already rolled back; ROLLBACK then only warns.
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          throw e;
        } finally {
          client.release(broken);
        }
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * The hub's store on PGlite: PostgreSQL compiled to WebAssembly, running inside the hub's own
 * process with its data in a local folder — nothing to install, one district on one machine.
 *
 * PGlite has one connection and runs one transaction at a time; every statement sent while a
 * transaction is open waits for it (PGlite's own transaction mutex), so auto-commit statements never
 * land inside somebody else's transaction. Only one process may open a data folder at a time.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { HubDbError, toHubDbError } from './errors.js';
import type { HubDb, HubTx } from './hub-db.js';
import { attemptsOf, beginStatement, guardTx, parseRows, withConflictRetries } from './tx-common.js';
import { TYPE_PARSERS } from './values.js';

type Runner = Pick<PGlite, 'query' | 'exec'> | Transaction;

function queriesOn(runner: Runner): HubTx {
  return {
    async query(sql, params, row) {
      let rows: unknown[];
      try {
        rows = (await runner.query<unknown>(sql, [...params])).rows;
      } catch (e) {
        throw toHubDbError(e);
      }
      return parseRows(sql, rows, row);
    },
    async execute(sql, params = []) {
      try {
        return (await runner.query(sql, [...params])).affectedRows ?? 0;
      } catch (e) {
        throw toHubDbError(e);
      }
    },
    async exec(script) {
      try {
        await runner.exec(script);
      } catch (e) {
        throw toHubDbError(e);
      }
    },
  };
}

export async function openPgliteDb(dataDir: string): Promise<HubDb> {
  await mkdir(dataDir, { recursive: true });
  let pg: PGlite;
  try {
    pg = new PGlite(dataDir, { parsers: TYPE_PARSERS });
    await pg.waitReady;
    // The session's zone decides how now()::date and timestamptz text come out; UTC everywhere, so
    // the hub never depends on the machine's zone (service dates come from the kiosk, not from here).
    await pg.exec(`SET TIME ZONE 'UTC'`);
  } catch (e) {
    throw new HubDbError('unavailable', `Cannot open the hub's PGlite database in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const own = queriesOn(pg);

  return {
    engine: 'pglite',
    query: (sql, params, row) => own.query(sql, params, row),
    execute: (sql, params) => own.execute(sql, params),

    async transaction(fn, options) {
      const begin = beginStatement(options);
      return withConflictRetries(attemptsOf(options), async () => {
        // Errors thrown by `fn` itself go back unchanged; the driver's (BEGIN, COMMIT) are mapped.
        const fromFn: { thrown: boolean; error: unknown } = { thrown: false, error: undefined };
        try {
          return await pg.transaction(async (raw) => {
            // PGlite has already sent BEGIN; the isolation level is set as its first statement so
            // that the SQL means the same on both engines (on PGlite it changes nothing).
            if (begin !== 'BEGIN') await raw.exec('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
            const guard = guardTx(queriesOn(raw));
            try {
              return await fn(guard.tx);
            } catch (error) {
              fromFn.thrown = true;
              fromFn.error = error;
              throw error;
            } finally {
              guard.end();
            }
          });
        } catch (e) {
          if (fromFn.thrown && fromFn.error === e) throw e;
          throw toHubDbError(e);
        }
      });
    },

    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

/**
 * What both engines share around their driver calls: parsing rows at the boundary, keeping a
 * transaction handle from outliving its transaction, and retrying a transaction on a conflict.
 */
import { z } from 'zod';
import { formatProblem, parseWith } from '../../shared/parse.js';
import { HubDbError, isHubDbError } from './errors.js';
import type { HubTx, TxOptions } from './hub-db.js';

/** The rows a driver returned, checked against the query's row schema. */
export function parseRows<T>(sql: string, rows: readonly unknown[], row: z.ZodType<T>): T[] {
  const parsed = parseWith(z.array(row), rows, 'query result');
  if (parsed.ok) return parsed.value;
  // The SQL (not the values: they may be personal data) tells the developer which query it was.
  const statement = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  throw new HubDbError('row', `${formatProblem(parsed.error, 'en')}\nin: ${statement}`);
}

/**
 * A transaction handle that refuses use after its transaction ended: a statement sent later would
 * run in auto-commit on pg, or inside somebody else's transaction on PGlite's single connection.
 */
export function guardTx(inner: HubTx): { readonly tx: HubTx; end(): void } {
  let open = true;
  const check = (): void => {
    if (!open) throw new Error('This transaction has ended; its handle cannot be used any more.');
  };
  const tx: HubTx = {
    query(sql, params, row) {
      check();
      return inner.query(sql, params, row);
    },
    execute(sql, params) {
      check();
      return inner.execute(sql, params);
    },
    exec(script) {
      check();
      return inner.exec(script);
    },
  };
  return {
    tx,
    end() {
      open = false;
    },
  };
}

export function attemptsOf(options: TxOptions | undefined): number {
  const attempts = options?.attempts ?? (options?.isolation === 'serializable' ? 5 : 1);
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number ≥ 1, not ${attempts}`);
  return attempts;
}

export function beginStatement(options: TxOptions | undefined): string {
  return options?.isolation === 'serializable' ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN';
}

/**
 * Runs `attempt` up to `attempts` times while it fails with a 'conflict' (serialisation failure or
 * deadlock), with a short randomised pause so that the two transactions that collided do not
 * collide again in lockstep.
 */
export async function withConflictRetries<T>(attempts: number, attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i >= attempts || !isHubDbError(e, 'conflict')) throw e;
      const pause = Math.random() * 10 * 2 ** i;
      await new Promise<void>((resolve) => setTimeout(resolve, pause));
    }
  }
}

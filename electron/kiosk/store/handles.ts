/**
 * Read and write access to the kiosk store as different types (STYLE.md 6): code handed a
 * ReadHandle cannot write, and a WriteTx exists only inside `store.write(fn)`, so every write is
 * inside an all-or-nothing transaction. Statements are prepared once per SQL text and reused.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** What SQLite takes and gives back: TEXT, INTEGER (number, or bigint when asked), BLOB, NULL. */
export type SqlValue = string | number | bigint | Uint8Array | null;
/** Positional values, or one object of named ones (`@name` / `:name` in the SQL). */
export type SqlArgs = SqlValue[] | [Readonly<Record<string, SqlValue>>];

/**
 * `Row` is the caller's statement of what the SELECT returns; rows whose columns hold JSON or
 * anything not fixed by the schema must still be parsed (see ledger-store's rowToRecord).
 */
export interface ReadStatement<Row = unknown> {
  readonly source: string;
  get(...args: SqlArgs): Row | undefined;
  all(...args: SqlArgs): Row[];
  /** Streams rows without holding them all; the connection runs nothing else until it finishes. */
  iterate(...args: SqlArgs): IterableIterator<Row>;
}

export interface RunOutcome {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface WriteStatement<Row = unknown> extends ReadStatement<Row> {
  run(...args: SqlArgs): RunOutcome;
}

export interface ReadHandle {
  /** A cached read-only statement; SQL that would write is refused. */
  stmt<Row = unknown>(sql: string): ReadStatement<Row>;
}

/** The handle of one open write transaction; it stops working when the transaction ends. */
export interface WriteTx extends ReadHandle {
  stmt<Row = unknown>(sql: string): WriteStatement<Row>;
}

type Prepared = BetterSqlite3.Statement<SqlArgs, unknown>;

/**
 * Prepared statements by SQL text. Meant for SQL written as constants with values passed as
 * parameters; SQL built from data would grow it without bound (and invite injection).
 */
export class StatementCache {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, Prepared>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  get size(): number {
    return this.#statements.size;
  }

  get(sql: string): Prepared {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare<SqlArgs, unknown>(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

export function readHandle(cache: StatementCache): ReadHandle {
  return {
    stmt<Row>(sql: string): ReadStatement<Row> {
      const statement = cache.get(sql);
      // sqlite3_stmt_readonly: true only when the statement cannot change the database file.
      if (!statement.readonly) throw new TypeError(`A read handle cannot run SQL that writes; use store.write(): ${sql}`);
      return statement as ReadStatement<Row>;
    },
  };
}

/** A WriteTx valid while `isOpen()` holds: a handle kept past its transaction would write unguarded. */
export function writeTx(cache: StatementCache, isOpen: () => boolean): WriteTx {
  return {
    stmt<Row>(sql: string): WriteStatement<Row> {
      if (!isOpen()) throw new TypeError('This write transaction has ended; start a new one with store.write()');
      return cache.get(sql) as WriteStatement<Row>;
    },
  };
}

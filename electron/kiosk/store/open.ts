/**
 * Opens the kiosk's SQLite file: durable settings, a format check, migrations, and the read / write
 * handles everything else uses. Anything that stops the file from opening comes out as a StoreError
 * with a message for the canteen, never as a stack trace.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { message } from '../../../shared/i18n/text.js';
import { asStoreError, StoreError } from './errors.js';
import { StatementCache, readHandle, writeTx, type ReadHandle, type WriteTx } from './handles.js';
import { migrate, newerDatabaseError, pragmaInt } from './migrate.js';
import { KIOSK_APPLICATION_ID, LATEST_VERSION } from './migrations/index.js';

export { StoreError, asStoreError, type StoreErrorKind } from './errors.js';
export type { ReadHandle, ReadStatement, WriteStatement, WriteTx, SqlArgs, SqlValue, RunOutcome } from './handles.js';

export interface OpenKioskStoreOptions {
  /** Open without writing anything (`zhucan verify`, reports on a copy); the file must exist. */
  readonly readonly?: boolean;
  /**
   * Run SQLite's `PRAGMA quick_check` over every page before use. A damaged page is otherwise found
   * only by the statement that happens to read it, which may be months later. It reads the whole
   * file (about 1 ms per MB here), so it belongs at the start of a session — the kiosk's launch, one
   * CLI command, `zhucan verify` — not before each check-in.
   */
  readonly check?: boolean;
}

export interface KioskStore {
  readonly file: string;
  readonly readonly: boolean;
  /** Queries outside any transaction; each statement sees the latest committed data. */
  readonly read: ReadHandle;
  /**
   * Runs fn inside BEGIN IMMEDIATE … COMMIT: all of it is saved, or (if it throws) none of it.
   * fn must be synchronous. A store failure (disk full, damaged file, lock) comes out as a StoreError;
   * other errors pass through unchanged. Nested calls become savepoints of the outer transaction.
   */
  write<T>(fn: (tx: WriteTx) => T): T;
  close(): void;
}

/** How long a writer waits for another connection's lock before giving up with 'locked'. */
const BUSY_TIMEOUT_MS = 5000;

export function openKioskStore(file: string, opts: OpenKioskStoreOptions = {}): KioskStore {
  const readonly = opts.readonly === true;
  checkPath(file, readonly);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly });
    // First, so every later step waits for a busy file instead of failing at once.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkFormat(db, file, readonly);
    if (opts.check === true) checkPages(db, file);
    if (!readonly) {
      // WAL + synchronous=FULL: a commit is on disk before the screen says "done" (DESIGN.md §3).
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && !db.memory) throw new StoreError('io', message('store.open.noWal', { file }));
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!readonly) migrate(db);
    return new SqliteKioskStore(db, file, readonly);
  } catch (e) {
    db?.close();
    throw openFailure(e, file);
  }
}

/** The connection underneath, for migrations, tests and tooling only: it bypasses the read / write split. */
export function rawDatabase(store: KioskStore): Database.Database {
  if (!(store instanceof SqliteKioskStore)) throw new TypeError('rawDatabase: not a store made by openKioskStore');
  return SqliteKioskStore.databaseOf(store);
}

class SqliteKioskStore implements KioskStore {
  readonly file: string;
  readonly readonly: boolean;
  readonly read: ReadHandle;
  readonly #db: Database.Database;
  readonly #cache: StatementCache;

  constructor(db: Database.Database, file: string, readonly: boolean) {
    this.#db = db;
    this.file = file;
    this.readonly = readonly;
    this.#cache = new StatementCache(db);
    this.read = readHandle(this.#cache);
  }

  static databaseOf(store: SqliteKioskStore): Database.Database {
    return store.#db;
  }

  write<T>(fn: (tx: WriteTx) => T): T {
    if (this.readonly) throw new StoreError('readonly', message('store.error.openedReadonly'));
    let open = true;
    const tx = writeTx(this.#cache, () => open);
    try {
      return this.#db.transaction(() => fn(tx)).immediate();
    } catch (e) {
      throw asStoreError(e) ?? e;
    } finally {
      open = false;
    }
  }

  close(): void {
    this.#db.close();
  }
}

function checkPath(file: string, readonly: boolean): void {
  if (file === ':memory:' || file === '') return;
  const folder = dirname(file);
  if (!existsSync(folder)) throw new StoreError('notFound', message('store.open.folderNotFound', { folder }));
  if (readonly && !existsSync(file)) throw new StoreError('notFound', message('store.open.notFound', { file }));
}

/**
 * Reading the schema makes SQLite check the header, so a text file, random bytes or a truncated
 * database fail here (SQLITE_NOTADB / SQLITE_CORRUPT) rather than in the middle of a check-in.
 */
function checkFormat(db: Database.Database, file: string, readonly: boolean): void {
  const objects = db.prepare<[], number>('SELECT count(*) FROM sqlite_schema').pluck().get() ?? 0;
  const version = pragmaInt(db, 'user_version');
  const appId = pragmaInt(db, 'application_id');
  const fresh = version === 0 && objects === 0;
  if (!fresh && appId !== KIOSK_APPLICATION_ID) throw new StoreError('corrupt', message('store.open.notZhucan', { file }));
  if (version > LATEST_VERSION) throw newerDatabaseError(version, LATEST_VERSION);
  if (readonly && version < LATEST_VERSION) {
    throw new StoreError('readonly', message('store.open.older', { found: version, supported: LATEST_VERSION }));
  }
}

function checkPages(db: Database.Database, file: string): void {
  const rows = db.prepare<[], string>('PRAGMA quick_check').pluck().all();
  if (rows.length === 1 && rows[0] === 'ok') return;
  throw new StoreError('corrupt', message('store.open.damagedPages', { file, detail: rows.slice(0, 3).join('; ') }));
}

function openFailure(e: unknown, file: string): unknown {
  const known = asStoreError(e);
  if (known === null) return e;
  // Failures mapped from SQLite get the open-time wording, which names the file.
  if (e instanceof StoreError) return e;
  const code = known.code ?? 'unknown';
  return new StoreError(known.kind, message(`store.open.${known.kind}`, { file, code }), { cause: e, code });
}

/**
 * Failures of the hub's store, as a small set of kinds the code above it can act on. PGlite and
 * node-postgres both report PostgreSQL's SQLSTATE code and constraint name; we map those once, here,
 * so that no caller ever compares driver error classes or five-character codes.
 *
 * Why kinds matter: the ingest tells a replay (the same (device, seq) again → 'unique' on
 * ledger_records_pkey, then it compares content) from a bug; serialisable transactions retry on
 * 'conflict'; district IT is told plainly what to do on 'newer', 'unsupported' and 'unavailable'.
 */

export type HubDbErrorKind =
  /** A UNIQUE or PRIMARY KEY constraint refused a row (23505); `constraint` names which. */
  | 'unique'
  /** A row points at nothing, or something still points at a deleted row (23503). */
  | 'foreignKey'
  /** A CHECK constraint refused a value (23514). */
  | 'check'
  /** A NOT NULL column got NULL (23502). */
  | 'notNull'
  /**
   * The transaction had already failed (a statement in it raised an error that the code caught and
   * went on): PostgreSQL rolled it back, nothing of it was committed (25P02).
   */
  | 'aborted'
  /** A serialisation failure or deadlock (40001, 40P01): the transaction may be retried as a whole. */
  | 'conflict'
  /** The database was written by a newer hub build than this one. */
  | 'newer'
  /** The PostgreSQL server is older than the hub supports. */
  | 'unsupported'
  /** The schema_migrations table does not describe a schema this build can reason about. */
  | 'schema'
  /** The server cannot be reached, refused us, or went away (08xxx, 57P0x, 53xxx, ECONNREFUSED …). */
  | 'unavailable'
  /** A row read back did not have the shape the query's schema expects: a bug in our SQL. */
  | 'row'
  /** Anything else PostgreSQL refused (a syntax error, a wrong type): a bug in our SQL. */
  | 'sql';

export class HubDbError extends Error {
  override readonly name = 'HubDbError';
  readonly kind: HubDbErrorKind;
  /** PostgreSQL's SQLSTATE, when the server reported one. */
  readonly code: string | undefined;
  /** The constraint that refused the row, for 'unique' / 'foreignKey' / 'check'. */
  readonly constraint: string | undefined;
  /** The table involved, when PostgreSQL said. */
  readonly table: string | undefined;

  constructor(
    kind: HubDbErrorKind,
    message: string,
    options: { cause?: unknown; code?: string | undefined; constraint?: string | undefined; table?: string | undefined } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = options.code;
    this.constraint = options.constraint;
    this.table = options.table;
  }
}

export function abortedTransactionError(): HubDbError {
  return new HubDbError(
    'aborted',
    'The transaction was rolled back, not committed: a statement in it failed and the error was caught inside it.',
    { code: '25P02' },
  );
}

/** True when `e` is a HubDbError of that kind: the one test callers need. */
export function isHubDbError(e: unknown, kind?: HubDbErrorKind): e is HubDbError {
  return e instanceof HubDbError && (kind === undefined || e.kind === kind);
}

/**
 * The message district IT reads when a hub is pointed at a database a newer build has migrated.
 * Chinese first, English after, like the kiosk's store messages; it says what happened and the two
 * ways out, and that nothing was changed.
 */
export function newerSchemaError(found: number, supported: number): HubDbError {
  return new HubDbError(
    'newer',
    `数据库结构版本为 ${found}，而本版本的区级平台最高只支持到 ${supported}：该数据库已被更新版本的平台升级过。` +
      `请运行同一或更新版本的平台，或恢复升级前的备份。本程序未对数据库做任何修改。\n` +
      `The hub database is at schema version ${found}, but this hub build supports up to version ${supported}: ` +
      `a newer Zhucan hub has upgraded it. Run that version (or a newer one), or restore the backup taken ` +
      `before the upgrade. Nothing was changed.`,
  );
}

export function unsupportedServerError(found: string): HubDbError {
  return new HubDbError(
    'unsupported',
    `PostgreSQL 服务器版本为 ${found}，区级平台需要 15 或更高版本。\n` +
      `The PostgreSQL server is version ${found}; the Zhucan hub needs PostgreSQL 15 or newer.`,
  );
}

interface PgErrorFields {
  readonly code: string;
  readonly constraint?: unknown;
  readonly table?: unknown;
  readonly message?: unknown;
}

// Both drivers throw an Error with PostgreSQL's fields copied on (pg-protocol's DatabaseError, which
// PGlite reuses). Duck-typed on a SQLSTATE-shaped `code`, because the two packages' classes differ.
function pgFields(e: unknown): PgErrorFields | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = e.code;
  return typeof code === 'string' ? (e as PgErrorFields) : null;
}

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

function kindOfSqlState(code: string): HubDbErrorKind | null {
  if (SOCKET_CODES.has(code)) return 'unavailable';
  if (!/^[0-9A-Z]{5}$/.test(code)) return null;
  switch (code) {
    case '23505':
      return 'unique';
    case '23503':
      return 'foreignKey';
    case '23514':
      return 'check';
    case '23502':
      return 'notNull';
    case '25P02':
      return 'aborted';
    case '40001':
    case '40P01':
      return 'conflict';
    default:
      break;
  }
  // Connection exceptions, the server shutting down or refusing connections, out of resources.
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || code === '28P01' || code === '28000' || code === '3D000') {
    return 'unavailable';
  }
  return 'sql';
}

/**
 * The HubDbError a caught value stands for, or the value itself when it is not a database failure
 * (a bug in our own code, an error thrown on purpose inside a transaction). Idempotent.
 */
export function toHubDbError(e: unknown): unknown {
  if (e instanceof HubDbError) return e;
  const f = pgFields(e);
  if (f === null) return e;
  const kind = kindOfSqlState(f.code);
  if (kind === null) return e;
  const text = typeof f.message === 'string' ? f.message : String(e);
  return new HubDbError(kind, text, {
    cause: e,
    code: f.code,
    constraint: typeof f.constraint === 'string' ? f.constraint : undefined,
    table: typeof f.table === 'string' ? f.table : undefined,
  });
}

/**
 * Failures of the kiosk's SQLite store that a person must be told about: the file cannot be opened,
 * or a write did not happen (disk full, damaged file, another program holding the lock). The
 * check-in service turns these into "this meal was NOT recorded"; everything else SQLite throws
 * (a constraint, a syntax error) is a bug in our code and stays a plain error.
 */
import { SqliteError } from 'better-sqlite3';
import { message, type Message } from '../../../shared/i18n/text.js';
import { renderBoth } from '../../../shared/i18n/catalogs.js';

export type StoreErrorKind = 'corrupt' | 'newer' | 'notFound' | 'locked' | 'full' | 'readonly' | 'io';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly kind: StoreErrorKind;
  /** What to show; `message` holds the same text in both languages for logs. */
  readonly text: Message;
  /** SQLite's extended result code (SQLITE_FULL, SQLITE_IOERR_FSYNC …) when SQLite reported it. */
  readonly code: string | undefined;

  constructor(kind: StoreErrorKind, text: Message, options: { cause?: unknown; code?: string } = {}) {
    super(renderBoth(text), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.text = text;
    this.code = options.code;
  }
}

/**
 * The StoreError a caught value stands for, or null when it is not a store failure (a bug, a
 * refusal by our own code). Idempotent: a StoreError maps to itself.
 */
export function asStoreError(e: unknown): StoreError | null {
  if (e instanceof StoreError) return e;
  if (!(e instanceof SqliteError)) return null;
  const kind = kindOfCode(e.code);
  if (kind === null) return null;
  const params = kind === 'io' ? { code: e.code } : undefined;
  return new StoreError(kind, message(`store.error.${kind}`, params), { cause: e, code: e.code });
}

/** Extended codes share their primary code's prefix: SQLITE_IOERR_FSYNC is an SQLITE_IOERR. */
function kindOfCode(code: string): Exclude<StoreErrorKind, 'newer' | 'notFound'> | null {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? '';
  switch (primary) {
    case 'SQLITE_FULL':
      return 'full';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return 'corrupt';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'locked';
    case 'SQLITE_READONLY':
      return 'readonly';
    case 'SQLITE_IOERR':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_PROTOCOL':
      return 'io';
    default:
      return null;
  }
}

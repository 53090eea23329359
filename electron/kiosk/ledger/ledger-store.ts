/**
 * The kiosk's ledger in SQLite: append a record to the chain, read records back (JSON from SQLite is
 * a boundary, so every row is parsed), and verify the whole chain for `zhucan verify`.
 * Hashing and chain rules live in shared/ledger, the one definition the hub uses too.
 */
import { render, renderBoth } from '../../../shared/i18n/catalogs.js';
import { message, type Message } from '../../../shared/i18n/text.js';
import { canonicalJson } from '../../../shared/ledger/canonical.js';
import {
  ChainVerifier,
  GENESIS,
  sealRecord,
  type ChainPosition,
  type ChainProblem,
  type ChainVerifierOptions,
} from '../../../shared/ledger/chain.js';
import { ledgerDraftSchema, ledgerRecordSchema, type LedgerDraft, type LedgerRecord } from '../../../shared/ledger/envelope.js';
import { parseWith, type ParseIssue, type ParseProblem } from '../../../shared/parse.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { ReadHandle, WriteTx } from '../store/handles.js';

const COLUMNS = 'seq, device_id, kind, at, service_date, period_id, elder_id, operator_id, target_seq, body, prev_hash, hash';

/** The SQL this module runs, exported so the store tests can check each query's plan. */
export const LEDGER_SQL = {
  /** max(seq) is one b-tree step; the outer lookup is by rowid. */
  head: 'SELECT seq, device_id, hash FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)',
  dayClose: "SELECT seq FROM ledger WHERE service_date = ? AND kind = 'close' LIMIT 1",
  insert: `INSERT INTO ledger (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  from: `SELECT ${COLUMNS} FROM ledger WHERE seq >= ? ORDER BY seq LIMIT ?`,
  all: `SELECT ${COLUMNS} FROM ledger ORDER BY seq`,
} as const;

// The ledger table is STRICT, so these columns hold exactly these SQLite types.
interface HeadRow {
  readonly seq: number;
  readonly device_id: string;
  readonly hash: string;
}

export type LedgerAppendErrorKind = 'dayClosed' | 'alreadyClosed' | 'wrongDevice' | 'invalidDraft';

/** A record the ledger refuses to append; `text` is what the cashier or manager is shown. */
export class LedgerAppendError extends Error {
  override readonly name = 'LedgerAppendError';
  readonly kind: LedgerAppendErrorKind;
  readonly text: Message;
  /** For 'invalidDraft': every failing field. */
  readonly problem: ParseProblem | undefined;

  constructor(kind: LedgerAppendErrorKind, text: Message, problem?: ParseProblem) {
    super(renderBoth(text));
    this.kind = kind;
    this.text = text;
    this.problem = problem;
  }
}

/**
 * Appends the next record: numbers it, chains it to the head, seals and inserts it, and returns it.
 * Takes a WriteTx, so it always runs inside the caller's transaction with whatever else that
 * transaction writes. Refuses a record for a day already closed (a close, too: a day closes once).
 */
export function appendRecord(tx: WriteTx, draft: LedgerDraft): LedgerRecord {
  const parsed = parseWith(ledgerDraftSchema, draft, 'ledger.what.draft');
  if (!parsed.ok) {
    const fields = parsed.error.issues.map((i) => i.path).join(', ');
    throw new LedgerAppendError('invalidDraft', message('ledger.append.invalidDraft', { fields }), parsed.error);
  }
  const d = parsed.value;
  if (dayCloseSeq(tx, d.serviceDate) !== null) {
    const kind = d.kind === 'close' ? 'alreadyClosed' : 'dayClosed';
    throw new LedgerAppendError(kind, message(`ledger.append.${kind}`, { date: d.serviceDate }));
  }
  const last = tx.stmt<HeadRow>(LEDGER_SQL.head).get();
  // One file, one device: another device's record would break the chain for good.
  if (last !== undefined && last.device_id !== d.deviceId) {
    throw new LedgerAppendError('wrongDevice', message('ledger.append.wrongDevice', { expected: last.device_id, found: d.deviceId }));
  }
  const record = sealRecord({ seq: (last?.seq ?? 0) + 1, ...d }, last?.hash ?? GENESIS.hash);
  tx.stmt(LEDGER_SQL.insert).run(
    record.seq,
    record.deviceId,
    record.kind,
    record.at,
    record.serviceDate,
    record.periodId,
    record.elderId,
    record.operatorId,
    record.targetSeq,
    canonicalJson(record.body),
    record.prevHash,
    record.hash,
  );
  return record;
}

/** The last record's seq and hash; {0, GENESIS_HASH} for an empty ledger. */
export function head(read: ReadHandle): ChainPosition {
  const row = read.stmt<HeadRow>(LEDGER_SQL.head).get();
  return row === undefined ? GENESIS : { seq: row.seq, hash: row.hash };
}

/** The seq of the day's close record, or null while the day is open. */
export function dayCloseSeq(read: ReadHandle, serviceDate: string): number | null {
  return read.stmt<{ readonly seq: number }>(LEDGER_SQL.dayClose).get(serviceDate)?.seq ?? null;
}

/** A row that does not read back as a record: edited by hand, or written by something else. */
export interface LedgerRowProblem {
  /** The row's own seq, when it has a readable one. */
  readonly seq: number | null;
  readonly message: Message;
  readonly issues: readonly ParseIssue[];
}

/** Up to `limit` records from `fromSeq` on, in order (an upload batch). */
export function recordsFrom(read: ReadHandle, fromSeq: number, limit: number): Result<LedgerRecord[], LedgerRowProblem> {
  const records: LedgerRecord[] = [];
  for (const row of read.stmt(LEDGER_SQL.from).iterate(fromSeq, limit)) {
    const r = rowToRecord(row);
    if (!r.ok) return r;
    records.push(r.value);
  }
  return ok(records);
}

/**
 * A ledger row as a record, checked: the envelope schema, and the body exactly as appendRecord
 * wrote it (canonical JSON), so any edit to any column shows — here, or as a hash mismatch.
 */
export function rowToRecord(row: unknown): Result<LedgerRecord, LedgerRowProblem> {
  if (typeof row !== 'object' || row === null) return err(rowProblem(null, [issue('(root)', 'ledger.row.notRow')]));
  const r = row as Readonly<Record<string, unknown>>;
  const seq = typeof r['seq'] === 'number' ? r['seq'] : null;
  let body: unknown;
  try {
    body = typeof r['body'] === 'string' ? JSON.parse(r['body']) : r['body'];
  } catch {
    return err(rowProblem(seq, [issue('body', 'ledger.row.notJson')]));
  }
  const candidate = {
    seq: r['seq'],
    deviceId: r['device_id'],
    kind: r['kind'],
    at: r['at'],
    serviceDate: r['service_date'],
    periodId: r['period_id'],
    elderId: r['elder_id'],
    operatorId: r['operator_id'],
    targetSeq: r['target_seq'],
    body,
    prevHash: r['prev_hash'],
    hash: r['hash'],
  };
  // safeParse first: this runs once per row of a verification, and parseWith's wording is only
  // needed for the rare row that fails.
  const quick = ledgerRecordSchema.safeParse(candidate);
  if (!quick.success) {
    const parsed = parseWith(ledgerRecordSchema, candidate, 'ledger.what.row');
    return err(rowProblem(seq, parsed.ok ? [] : parsed.error.issues));
  }
  if (r['body'] !== canonicalJson(quick.data.body)) return err(rowProblem(seq, [issue('body', 'ledger.row.notCanonical')]));
  return ok(quick.data);
}

/** A chain problem, or a row that could not be read as a record at all. */
export type LedgerProblem =
  | ChainProblem
  | {
      /** As for chain problems: the first seq that cannot be trusted. */
      readonly seq: number;
      readonly kind: 'malformed';
      readonly message: Message;
      readonly issues: readonly ParseIssue[];
    };

export type LedgerVerdict =
  | { readonly ok: true; readonly count: number; readonly head: ChainPosition }
  | { readonly ok: false; readonly problem: LedgerProblem };

/**
 * Streams the whole ledger through the chain verifier (constant memory) and names the first record
 * that cannot be trusted: a changed column, a deleted row, renumbered rows, another device's record.
 * Cutting records off the end leaves a shorter chain that still verifies; the hub, which knows the
 * head it was last sent, catches that.
 */
export function verifyLedger(read: ReadHandle, options: ChainVerifierOptions = {}): LedgerVerdict {
  const verifier = new ChainVerifier(GENESIS, options);
  for (const row of read.stmt(LEDGER_SQL.all).iterate()) {
    const r = rowToRecord(row);
    // Returning or breaking out of for…of closes the iterator, which frees the statement.
    if (!r.ok) return { ok: false, problem: { seq: verifier.nextSeq, kind: 'malformed', message: r.error.message, issues: r.error.issues } };
    if (!verifier.push(r.value)) break;
  }
  return verifier.result();
}

function issue(path: string, key: string): ParseIssue {
  const text = message(key);
  return { path, message: render(text, 'zh-CN'), text };
}

function rowProblem(seq: number | null, issues: readonly ParseIssue[]): LedgerRowProblem {
  const fields = issues.map((i) => i.path).join(', ');
  return { seq, message: message('ledger.problem.malformed', { seq: seq ?? '?', fields }), issues };
}

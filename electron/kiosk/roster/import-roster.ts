import { randomBytes, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { asStoreError } from '../store/errors.js';
import type { KioskStore, ReadHandle, WriteTx } from '../store/open.js';
import { hashResidentId, idHashKey, readIdHashKey } from './id-hash.js';
import { WHOLE_FILE, parseRoster } from './import-parse.js';
import type { RosterRow, RowProblem, StatusName } from './import-parse.js';
import { bindCard, cardBinding, replaceStatuses, upsertElder } from './roster-store.js';

export { exportRoster } from './export-roster.js';
export type { ExportOptions, ExportOutcome } from './export-roster.js';
export type { RowProblem, StatusName } from './import-parse.js';

/**
 * Importing a roster file (from the district, or the canteen's own spreadsheet) into the kiosk.
 * First a dry run: every bad row with its line and reason, nothing changed. Then, when the manager
 * accepts, the good rows are written in one transaction — all of them or, on any failure, none.
 */
export interface ImportOptions {
  /** False: only report. True: write the good rows (the bad ones are never written). */
  readonly accept: boolean;
  /** The policy's status vocabulary; the file may name a status by code or by name. */
  readonly statuses: readonly StatusName[];
  /** ISO 8601 instant, stamped on new and updated rows. */
  readonly now: string;
}

export interface ImportReport {
  /** Data rows in the file. */
  readonly total: number;
  /** Rows that can be (or were) imported. */
  readonly good: number;
  /** Each problem with its line (line 1 is the header; line 0 the file as a whole). */
  readonly bad: readonly RowProblem[];
  /** Worth knowing, not stopping: unknown columns, a 15-digit ID number converted, a lost card left as is. */
  readonly warnings: readonly RowProblem[];
  /** Elders written: new and updated. 0 on a dry run. */
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  /** True when the good rows were written. */
  readonly accepted: boolean;
  /** Why the write failed (disk full, database locked …); nothing was written. */
  readonly failure?: Message;
}

function fileProblem(line: number, reason: Message): ImportReport {
  return { total: 0, good: 0, bad: [{ line, reason }], warnings: [], imported: 0, created: 0, updated: 0, accepted: false };
}

export async function importRoster(store: KioskStore, filePath: string, options: ImportOptions): Promise<ImportReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch {
    return fileProblem(WHOLE_FILE, message('roster.file.unreadable', { file: filePath }));
  }
  const parsed = await parseRoster(bytes, { statuses: options.statuses });
  if (!parsed.ok) return fileProblem(parsed.error.line, parsed.error.reason);
  const { total, rows, bad: fileBad, warnings: fileWarnings } = parsed.value;

  if (!options.accept) {
    // A dry run must not even create the kiosk's hash key; before there is one there are no
    // elders, so any key gives the same answers.
    const key = readIdHashKey(store.read) ?? createSecretKey(randomBytes(32));
    const checked = checkAgainstRoster(store.read, rows, key);
    return report(total, checked, fileBad, fileWarnings, { imported: 0, created: 0, updated: 0, accepted: false });
  }

  try {
    return store.write((tx) => {
      // Checked again inside the transaction, so what is written is what was checked.
      const checked = checkAgainstRoster(tx, rows, idHashKey(tx));
      const { created, updated } = writeRows(tx, checked.rows, options.now);
      return report(total, checked, fileBad, fileWarnings, { imported: created + updated, created, updated, accepted: true });
    });
  } catch (e) {
    const failure = asStoreError(e);
    // Anything but a store failure is a bug: it propagates (the transaction has rolled back).
    if (failure === null) throw e;
    const checked = checkAgainstRoster(store.read, rows, readIdHashKey(store.read) ?? createSecretKey(randomBytes(32)));
    return { ...report(total, checked, fileBad, fileWarnings, { imported: 0, created: 0, updated: 0, accepted: false }), failure: failure.text };
  }
}

interface Checked {
  readonly rows: readonly RosterRow[];
  readonly bad: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
}

/**
 * The checks that need the kiosk's roster: a card already bound to a different elder makes the row
 * bad; the elder's own card that was reported lost is left lost (with a warning), because the
 * district's file may simply not know yet.
 */
function checkAgainstRoster(db: ReadHandle, rows: readonly RosterRow[], key: KeyObject): Checked {
  const good: RosterRow[] = [];
  const bad: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  for (const row of rows) {
    let hash: string | undefined;
    let cards = row.cards;
    let rowBad = false;
    for (const uid of row.cards) {
      const held = cardBinding(db, uid);
      if (held === undefined) continue;
      hash ??= hashResidentId(key, row.resident.number);
      if (held.idHash !== hash) {
        bad.push({ line: row.line, reason: message('roster.row.cardTaken', { uid, name: held.elderName }) });
        rowBad = true;
      } else if (held.state !== 'active') {
        warnings.push({ line: row.line, reason: message(held.state === 'lost' ? 'roster.row.cardLostKept' : 'roster.row.cardReplacedKept', { uid }) });
        cards = cards.filter((c) => c !== uid);
      }
    }
    if (!rowBad) good.push(cards === row.cards ? row : { ...row, cards });
  }
  return { rows: good, bad, warnings };
}

function writeRows(tx: WriteTx, rows: readonly RosterRow[], now: string): { created: number; updated: number } {
  let created = 0;
  for (const row of rows) {
    const { statuses, cards, line: _line, ...elder } = row;
    const outcome = upsertElder(tx, elder, now);
    if (outcome.created) created++;
    if (statuses !== undefined) {
      const replaced = replaceStatuses(tx, outcome.id, statuses);
      // The parser already checked these; a refusal here is a bug, and throwing rolls back everything.
      if (!replaced.ok) throw new Error(`import: statuses of line ${row.line} refused: ${replaced.error.code}`);
    }
    for (const uid of cards) {
      const bound = bindCard(tx, outcome.id, uid, now);
      if (!bound.ok) throw new Error(`import: card on line ${row.line} refused: ${bound.error.code}`);
    }
  }
  return { created, updated: rows.length - created };
}

function byLine(a: RowProblem, b: RowProblem): number {
  return a.line - b.line;
}

function report(
  total: number,
  checked: Checked,
  fileBad: readonly RowProblem[],
  fileWarnings: readonly RowProblem[],
  outcome: Pick<ImportReport, 'imported' | 'created' | 'updated' | 'accepted'>,
): ImportReport {
  return {
    total,
    good: checked.rows.length,
    // A stable sort: problems of one line stay in column order.
    bad: [...fileBad, ...checked.bad].sort(byLine),
    warnings: [...fileWarnings, ...checked.warnings].sort(byLine),
    ...outcome,
  };
}

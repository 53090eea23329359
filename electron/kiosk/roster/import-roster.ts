import { createSecretKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { asStoreError } from '../store/errors.js';
import type { KioskStore, ReadHandle } from '../store/open.js';
import { hashResidentId, readIdHashKey } from './id-hash.js';
import { RosterReader, WHOLE_FILE } from '../../../shared/roster/import-parse.js';
import type { RosterRow, RosterSummary, RowProblem, StatusName } from '../../../shared/roster/import-parse.js';
import { openSheet } from '../../../node-lib/roster/read-sheet.js';
import type { Sheet } from '../../../node-lib/roster/read-sheet.js';
import { RosterBulkWriter, cardBinding, elderIdByHash } from './roster-store.js';

export { exportRoster } from './export-roster.js';
export type { ExportOptions, ExportOutcome } from './export-roster.js';
export type { RowProblem, StatusName } from '../../../shared/roster/import-parse.js';

/**
 * Importing a roster file (from the district, or the canteen's own spreadsheet) into the kiosk.
 * First a dry run: every bad row with its line and reason, nothing changed. Then, when the manager
 * accepts, the good rows are written in one transaction — all of them or, on any failure, none.
 *
 * Both read the file the same way, row by row: a row is checked (against the file so far and the
 * kiosk's roster) and, when accepted, written before the next is read. The rows are never all in
 * memory, and a dry run and the import that follows it answer alike, because a row can only clash
 * with rows before it (the first of two is the one kept).
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
  /**
   * Each problem with its line (line 1 is the header; line 0 the file as a whole). A row with two
   * problems is listed twice, so that all can be fixed in one go: bad rows are total - good.
   */
  readonly bad: readonly RowProblem[];
  /** Worth knowing, not stopping: unknown columns, a 15-digit ID number converted, a lost card left as is. */
  readonly warnings: readonly RowProblem[];
  /** Elders written: new and updated. 0 on a dry run. */
  readonly imported: number;
  /** New and updated elders; on a dry run, those the import would create and update. */
  readonly created: number;
  readonly updated: number;
  /** True when the manager accepted and the good rows (if any) were written. */
  readonly accepted: boolean;
  /** Why the write failed (disk full, database locked …); nothing was written. */
  readonly failure?: Message;
}

function fileProblem(line: number, reason: Message): ImportReport {
  return { total: 0, good: 0, bad: [{ line, reason }], warnings: [], imported: 0, created: 0, updated: 0, accepted: false };
}

/** Thrown inside the transaction to undo it while still answering with a report. */
class Rollback extends Error {
  readonly report: ImportReport;

  constructor(report: ImportReport) {
    super('roster import rolled back');
    this.report = report;
  }
}

const instant = z.iso.datetime();

export async function importRoster(store: KioskStore, filePath: string, options: ImportOptions): Promise<ImportReport> {
  // A caller's mistake, not the file's: it would stamp every row with it.
  if (!instant.safeParse(options.now).success) throw new RangeError(`importRoster: now must be an ISO 8601 instant, not ${options.now}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch {
    return fileProblem(WHOLE_FILE, message('roster.file.unreadable', { file: filePath }));
  }
  const opened = await openSheet(bytes);
  if (!opened.ok) return fileProblem(WHOLE_FILE, opened.error);
  const sheet = opened.value;

  if (!options.accept) return dryRun(store.read, sheet, options.statuses);

  try {
    return store.write((tx) => {
      const writer = new RosterBulkWriter(tx);
      let created = 0;
      let written = 0;
      const scanned = scan(tx, sheet, options.statuses, writer.key, (row, alreadyHeld) => {
        const { statuses, cards, line: _line, ...elder } = row;
        const outcome = writer.upsert(elder, options.now);
        if (outcome.created) created++;
        written++;
        if (statuses !== undefined) writer.setStatuses(outcome.id, statuses, outcome.created);
        for (const uid of cards) if (!alreadyHeld.includes(uid)) writer.addCard(outcome.id, uid, options.now);
      });
      // A file found broken part-way (an unclosed quote) writes nothing; nor does one with no good
      // row, which would otherwise leave just the new kiosk key behind.
      if (!scanned.ok) throw new Rollback(fileProblem(scanned.error.line, scanned.error.reason));
      const report = toReport(scanned.value, { imported: written, created, updated: written - created, accepted: true });
      if (written === 0) throw new Rollback(report);
      return report;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.report;
    const failure = asStoreError(e);
    // Anything but a store failure is a bug: it propagates (the transaction has rolled back).
    if (failure === null) throw e;
    return { ...dryRun(store.read, sheet, options.statuses), failure: failure.text };
  }
}

function dryRun(db: ReadHandle, sheet: Sheet, statuses: readonly StatusName[]): ImportReport {
  // A dry run must not even create the kiosk's hash key; before there is one there are no elders,
  // so any key gives the same answers.
  const key = readIdHashKey(db) ?? createSecretKey(randomBytes(32));
  // Counted as the import would: a good row whose ID number the roster holds updates that elder.
  let created = 0;
  let updated = 0;
  const scanned = scan(db, sheet, statuses, key, (row) => {
    if (elderIdByHash(db, hashResidentId(key, row.resident.number)) === undefined) created++;
    else updated++;
  });
  if (!scanned.ok) return fileProblem(scanned.error.line, scanned.error.reason);
  return toReport(scanned.value, { imported: 0, created, updated, accepted: false });
}

const NONE: readonly string[] = [];

/**
 * Reads every row, checks each good one against the kiosk's roster and hands it to `write` (if
 * given). A card already bound to a different elder makes the row bad. The elder's own card that
 * was reported lost is left lost, with a warning: the district's file may not know yet. A card the
 * elder already holds is passed as already held, so it is not bound twice.
 */
function scan(
  db: ReadHandle,
  sheet: Sheet,
  statuses: readonly StatusName[],
  key: KeyObject,
  write: ((row: RosterRow, alreadyHeld: readonly string[]) => void) | undefined,
): Result<RosterSummary, RowProblem> {
  const reader = new RosterReader({ statuses });
  const read = sheet.eachRow((sheetRow) => {
    const row = reader.push(sheetRow);
    if (row === undefined) return;
    let hash: string | undefined;
    let alreadyHeld = NONE;
    let taken: Message[] | undefined;
    for (const uid of row.cards) {
      const held = cardBinding(db, uid);
      if (held === undefined) continue;
      hash ??= hashResidentId(key, row.resident.number);
      if (held.idHash !== hash) {
        (taken ??= []).push(message('roster.row.cardTaken', { uid, name: held.elderName }));
        continue;
      }
      if (held.state !== 'active') {
        reader.warn(row.line, message(held.state === 'lost' ? 'roster.row.cardLostKept' : 'roster.row.cardReplacedKept', { uid }));
      }
      alreadyHeld = [...alreadyHeld, uid];
    }
    if (taken !== undefined) reader.refuse(row.line, taken);
    else write?.(row, alreadyHeld);
  });
  if (!read.ok) return err({ line: WHOLE_FILE, reason: read.error });
  const summary = reader.finish(sheet.format);
  return summary.ok ? ok(summary.value) : summary;
}

function toReport(summary: RosterSummary, outcome: Pick<ImportReport, 'imported' | 'created' | 'updated' | 'accepted'>): ImportReport {
  return { total: summary.total, good: summary.good, bad: summary.bad, warnings: summary.warnings, ...outcome };
}

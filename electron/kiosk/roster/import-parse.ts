import { parseResidentId, maskResidentId } from '../../../shared/idcard.js';
import type { ResidentId } from '../../../shared/idcard.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { regionCodeSchema } from '../../../shared/region.js';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { normaliseCardUid } from './card-uid.js';
import { readDate, readList, readText, readYesNo } from './cell-values.js';
import type { ElderStatusRow } from './elder-rows.js';
import { readSheet } from './read-sheet.js';
import type { Sheet, SheetFormat, SheetRow } from './read-sheet.js';
import { EXPORT_MARK, REQUIRED_FIELDS, ROSTER_FIELDS, fieldOfHeader, normaliseHeader } from './roster-columns.js';
import type { RosterField } from './roster-columns.js';

/**
 * Reads a roster file (CSV in UTF-8 or GB18030, or XLSX) into rows ready to write, and a list of
 * every bad row with its spreadsheet line and the reason. Touches no database: import-roster adds
 * the checks against the kiosk's own roster (a card already bound to someone else) and writes.
 *
 * Nothing here repeats a resident ID number back: reasons name lines and columns, and the one
 * note about a number (a 15-digit one converted) shows it masked.
 */

/** A status the policy knows: its code and the name a manager writes in the file (特困, 低保 …). */
export interface StatusName {
  readonly code: string;
  readonly name: string;
}

export interface RosterParseOptions {
  readonly statuses: readonly StatusName[];
}

/** A line of the file and what is wrong with it (or, for a warning, worth knowing). */
export interface RowProblem {
  readonly line: number;
  readonly reason: Message;
}

/** A good row. For optional fields, undefined means the file has no such column. */
export interface RosterRow {
  readonly line: number;
  readonly resident: ResidentId;
  readonly name: string;
  /** Canonical UIDs, without repeats; empty when the column is absent or the cell empty. */
  readonly cards: readonly string[];
  readonly statuses?: readonly ElderStatusRow[];
  readonly hukouRegion?: string | null;
  readonly residenceRegion?: string | null;
  readonly careHome?: boolean;
  readonly phone?: string | null;
  readonly dietAlert?: string | null;
  readonly livesAlone?: boolean;
  readonly regular?: boolean;
}

export interface ParsedRoster {
  readonly format: SheetFormat;
  /** Data rows in the file (blank rows not counted). */
  readonly total: number;
  /** Rows with no problem, in file order. */
  readonly rows: readonly RosterRow[];
  /** Every problem, by line; a row with two problems is listed twice, so all can be fixed at once. */
  readonly bad: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
  readonly columns: ReadonlySet<RosterField>;
}

/** Line 0 stands for the file as a whole (it could not be read at all). */
export const WHOLE_FILE = 0;

export async function parseRoster(bytes: Uint8Array, options: RosterParseOptions): Promise<Result<ParsedRoster, RowProblem>> {
  const sheet = await readSheet(bytes);
  if (!sheet.ok) return err({ line: WHOLE_FILE, reason: sheet.error });
  return parseRosterSheet(sheet.value, options);
}

// ---- headers ----

interface Columns {
  /** Cell index of each field present. */
  readonly index: ReadonlyMap<RosterField, number>;
  /** The header as the file writes it, for naming the column in a reason. */
  readonly header: ReadonlyMap<RosterField, string>;
}

function readHeader(row: SheetRow): Result<{ columns: Columns; unknown: string[] }, RowProblem> {
  const index = new Map<RosterField, number>();
  const header = new Map<RosterField, string>();
  const unknown: string[] = [];
  for (const [i, raw] of row.cells.entries()) {
    const text = raw.trim();
    if (normaliseHeader(text) === '') continue;
    const field = fieldOfHeader(text);
    if (field === undefined) {
      unknown.push(text);
      continue;
    }
    const before = header.get(field);
    if (before !== undefined) {
      return err({ line: row.line, reason: message('roster.file.columnTwice', { first: before, second: text }) });
    }
    index.set(field, i);
    header.set(field, text);
  }
  const missing = REQUIRED_FIELDS.filter((f) => !index.has(f));
  if (missing.length > 0) {
    return err({ line: row.line, reason: message('roster.file.missingColumns', { columns: missing.map(requiredHeader).join('、') }) });
  }
  return ok({ columns: { index, header }, unknown });
}

function requiredHeader(field: RosterField): string {
  return field === 'name' ? '姓名 / name' : '身份证号 / id_number';
}

// ---- rows ----

// Built once per module: a 100,000-row file runs these per cell.
const MASKED_ID = /[*＊]/;
const ID_AS_NUMBER = /^\d(?:\.\d+)?E\+?\d+$/i;

/** The statuses a manager may write, by code and by name, compared loosely. */
function statusLookup(statuses: readonly StatusName[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const s of statuses) {
    map.set(statusKey(s.code), s.code);
    map.set(statusKey(s.name), s.code);
  }
  return map;
}

function statusKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/**
 * The rows of a sheet already read. The first row is the header. The first of two rows with the same
 * ID number (or card) is kept and the second reported, naming the first's line.
 */
export function parseRosterSheet(sheet: Sheet, options: RosterParseOptions): Result<ParsedRoster, RowProblem> {
  const [headerRow, ...dataRows] = sheet.rows;
  if (headerRow === undefined) return err({ line: WHOLE_FILE, reason: message('roster.file.empty') });
  if ((headerRow.cells[0] ?? '').trim().startsWith(EXPORT_MARK)) {
    return err({ line: headerRow.line, reason: message('roster.file.isExport') });
  }
  const head = readHeader(headerRow);
  if (!head.ok) return head;
  const { columns, unknown } = head.value;

  const warnings: RowProblem[] = [];
  if (unknown.length > 0) {
    warnings.push({ line: headerRow.line, reason: message('roster.file.unknownColumns', { columns: unknown.join('、') }) });
  }
  if (dataRows.length === 0) warnings.push({ line: headerRow.line, reason: message('roster.file.noRows') });

  const statusCodes = statusLookup(options.statuses);
  const knownStatuses = options.statuses.map((s) => s.name).join('、');
  const idLines = new Map<string, number>();
  const cardLines = new Map<string, number>();
  const rows: RosterRow[] = [];
  const bad: RowProblem[] = [];

  for (const row of dataRows) {
    const { line } = row;
    const problems: Message[] = [];
    const cell = (field: RosterField): string | undefined => {
      const i = columns.index.get(field);
      return i === undefined ? undefined : (row.cells[i] ?? '');
    };
    const header = (field: RosterField): string => columns.header.get(field) ?? field;

    // 姓名
    const name = (cell('name') ?? '').trim();
    if (name === '') problems.push(message('roster.row.nameEmpty'));

    // 身份证号
    const idCell = (cell('idNumber') ?? '').trim();
    let resident: ResidentId | undefined;
    if (MASKED_ID.test(idCell)) problems.push(message('roster.row.idMasked'));
    else if (ID_AS_NUMBER.test(idCell)) problems.push(message('roster.row.idAsNumber'));
    else {
      const parsed = parseResidentId(idCell);
      if (!parsed.ok) problems.push(parsed.error.message);
      else {
        resident = parsed.value;
        const first = idLines.get(resident.number);
        if (first !== undefined) problems.push(message('roster.row.idDuplicate', { first }));
        else idLines.set(resident.number, line);
        if (resident.convertedFrom15) {
          warnings.push({ line, reason: message('roster.row.converted15', { masked: maskResidentId(resident.number) }) });
        }
      }
    }

    // 卡号
    const cards: string[] = [];
    for (const raw of readList(cell('cards') ?? '')) {
      const uid = normaliseCardUid(raw);
      if (!uid.ok) {
        problems.push(uid.error);
        continue;
      }
      if (cards.includes(uid.value)) continue;
      const first = cardLines.get(uid.value);
      if (first !== undefined && first !== line) problems.push(message('roster.row.cardDuplicate', { uid: uid.value, first }));
      else cardLines.set(uid.value, line);
      cards.push(uid.value);
    }

    // 类别, 类别起始, 类别截止
    const dateOf = (field: 'statusFrom' | 'statusTo'): string | null => {
      const raw = cell(field);
      if (raw === undefined) return null;
      const date = readDate(raw);
      if (date === undefined) {
        problems.push(message('roster.row.dateBad', { column: header(field), input: raw.trim() }));
        return null;
      }
      return date;
    };
    const validFrom = dateOf('statusFrom');
    const validTo = dateOf('statusTo');
    if (validFrom !== null && validTo !== null && validTo < validFrom) {
      problems.push(message('roster.row.dateOrder', { from: validFrom, to: validTo }));
    }
    let statuses: ElderStatusRow[] | undefined;
    const statusCell = cell('statuses');
    if (statusCell !== undefined) {
      statuses = [];
      for (const token of readList(statusCell)) {
        const code = statusCodes.get(statusKey(token));
        if (code === undefined) problems.push(message('roster.row.statusUnknown', { status: token, known: knownStatuses }));
        else if (!statuses.some((s) => s.code === code)) statuses.push({ code, validFrom, validTo });
      }
    }

    // 户籍地, 常住地
    const regionOf = (field: 'hukouRegion' | 'residenceRegion'): string | null | undefined => {
      const raw = cell(field);
      if (raw === undefined) return undefined;
      const text = readText(raw);
      if (text !== null && !regionCodeSchema.safeParse(text).success) {
        problems.push(message('roster.row.regionBad', { column: header(field), input: text }));
      }
      return text;
    };
    const hukouRegion = regionOf('hukouRegion');
    const residenceRegion = regionOf('residenceRegion');

    // 养老机构, 独居, 常客
    const yesNoOf = (field: 'careHome' | 'livesAlone' | 'regular'): boolean | undefined => {
      const raw = cell(field);
      if (raw === undefined) return undefined;
      const value = readYesNo(raw);
      if (value === undefined) problems.push(message('roster.row.yesNoBad', { column: header(field), input: raw.trim() }));
      return value;
    };
    const careHome = yesNoOf('careHome');
    const livesAlone = yesNoOf('livesAlone');
    const regular = yesNoOf('regular');

    // 电话, 饮食提示
    const phoneCell = cell('phone');
    const dietCell = cell('dietAlert');

    if (problems.length > 0 || resident === undefined) {
      for (const reason of problems) bad.push({ line, reason });
      continue;
    }
    rows.push({
      line,
      resident,
      name,
      cards,
      ...(statuses === undefined ? {} : { statuses }),
      ...(hukouRegion === undefined ? {} : { hukouRegion }),
      ...(residenceRegion === undefined ? {} : { residenceRegion }),
      ...(careHome === undefined ? {} : { careHome }),
      ...(phoneCell === undefined ? {} : { phone: readText(phoneCell) }),
      ...(dietCell === undefined ? {} : { dietAlert: readText(dietCell) }),
      ...(livesAlone === undefined ? {} : { livesAlone }),
      ...(regular === undefined ? {} : { regular }),
    });
  }

  return ok({
    format: sheet.format,
    total: dataRows.length,
    rows,
    bad,
    warnings,
    columns: new Set(ROSTER_FIELDS.filter((f) => columns.index.has(f))),
  });
}

// The roster row parser, shared: the hub and the kiosk judge a roster file alike, with the same
// reasons in the same words (docs/hub-roster.md).
import { parseResidentId, maskResidentId } from '../idcard.js';
import type { ResidentId } from '../idcard.js';
import { message } from '../i18n/index.js';
import type { Message } from '../i18n/index.js';
import { regionCodeSchema } from '../region.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { normaliseCardUid } from './card-uid.js';
import { ascii, readDate, readList, readText, readYesNo } from './cell-values.js';
import type { ElderStatusRow } from './sheet-row.js';
import type { SheetFormat, SheetRow } from './sheet-row.js';
import { EXPORT_MARK, REQUIRED_FIELDS, ROSTER_FIELDS, fieldOfHeader, normaliseHeader } from './roster-columns.js';
import type { RosterField } from './roster-columns.js';

/**
 * Reads the rows of a roster file (CSV in UTF-8 or GB18030, or XLSX; see read-sheet) into rows
 * ready to write, and a list of every bad row with its spreadsheet line and the reason. Touches no
 * database: import-roster adds the checks against the kiosk's own roster (a card already bound to
 * someone else) and writes.
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

/** What reading the whole file found, without its rows (those went to the caller one by one). */
export interface RosterSummary {
  readonly format: SheetFormat;
  /** Data rows in the file (blank rows not counted). */
  readonly total: number;
  /** Rows with no problem. */
  readonly good: number;
  /** Every problem, by line; a row with two problems is listed twice, so all can be fixed at once. */
  readonly bad: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
  readonly columns: ReadonlySet<RosterField>;
}

/** Line 0 stands for the file as a whole (it could not be read at all). */
export const WHOLE_FILE = 0;

// ---- headers ----

interface Columns {
  /** Cell index of each field present. */
  readonly index: ReadonlyMap<RosterField, number>;
  /** The header as the file writes it, for naming the column in a reason. */
  readonly header: ReadonlyMap<RosterField, string>;
}

/** A row that is no header at all (a title line, perhaps), or one that is a header but unusable. */
interface HeaderProblem {
  readonly kind: 'notHeader' | 'badHeader';
  readonly problem: RowProblem;
}

function readHeader(row: SheetRow): Result<{ columns: Columns; unknown: string[] }, HeaderProblem> {
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
      return err({ kind: 'badHeader', problem: { line: row.line, reason: message('roster.file.columnTwice', { first: before, second: text }) } });
    }
    index.set(field, i);
    header.set(field, text);
  }
  const missing = REQUIRED_FIELDS.filter((f) => !index.has(f));
  if (missing.length > 0) {
    const problem = { line: row.line, reason: message('roster.file.missingColumns', { columns: missing.map(requiredHeader).join('、') }) };
    return err({ kind: 'notHeader', problem });
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

function statusKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** Title lines above the header that are passed over before giving up on finding one. */
const TITLE_ROWS = 3;

type YesNoField = 'careHome' | 'livesAlone' | 'regular';
type RegionField = 'hukouRegion' | 'residenceRegion';
type DateField = 'statusFrom' | 'statusTo';

/**
 * Reads rows one at a time as the sheet hands them over, returning each good row to the caller and
 * keeping only what later rows are checked against (ID numbers and cards seen, by line). The first
 * row is the header. The first of two rows with the same ID number (or card) is kept and the second
 * reported, naming the first's line. Per-row work is plain method calls and Map look-ups: no
 * closures, regular expressions or lists built per row, so 100,000 rows cost about as much as
 * reading them.
 */
export class RosterReader {
  readonly #statusCodes = new Map<string, string>();
  readonly #knownStatuses: string;
  readonly #idLines = new Map<string, number>();
  readonly #cardLines = new Map<string, number>();
  #good = 0;
  readonly #bad: RowProblem[] = [];
  readonly #warnings: RowProblem[] = [];
  #columns: Columns | undefined;
  #headerLine = 0;
  #fatal: RowProblem | undefined;
  /** Why the first row is not a header, kept while later rows are tried. */
  #firstRowProblem: RowProblem | undefined;
  readonly #skipped: number[] = [];
  #total = 0;

  constructor(options: RosterParseOptions) {
    for (const s of options.statuses) {
      this.#statusCodes.set(statusKey(s.code), s.code);
      this.#statusCodes.set(statusKey(s.name), s.code);
    }
    this.#knownStatuses = options.statuses.map((s) => s.name).join('、');
  }

  /** The row, if it is a good data row; problems are kept for finish(). */
  push(row: SheetRow): RosterRow | undefined {
    if (this.#fatal !== undefined) return undefined;
    if (this.#columns === undefined) {
      this.#readHeader(row);
      return undefined;
    }
    return this.#readRow(row);
  }

  /** A good row the caller refused after all (a card of it belongs to someone on the kiosk's roster). */
  refuse(line: number, reasons: readonly Message[]): void {
    this.#good--;
    for (const reason of reasons) this.#bad.push({ line, reason });
  }

  warn(line: number, reason: Message): void {
    this.#warnings.push({ line, reason });
  }

  finish(format: SheetFormat): Result<RosterSummary, RowProblem> {
    if (this.#fatal !== undefined) return err(this.#fatal);
    const columns = this.#columns;
    if (columns === undefined) return err(this.#firstRowProblem ?? { line: WHOLE_FILE, reason: message('roster.file.empty') });
    if (this.#total === 0) this.#warnings.push({ line: this.#headerLine, reason: message('roster.file.noRows') });
    return ok({
      format,
      total: this.#total,
      good: this.#good,
      // Stable sorts: a line's problems stay in column order.
      bad: [...this.#bad].sort(byLine),
      warnings: [...this.#warnings].sort(byLine),
      columns: new Set(ROSTER_FIELDS.filter((f) => columns.index.has(f))),
    });
  }

  /**
   * The header is the first row naming both required columns. District spreadsheets often open with
   * a title line or two (天河区长者饭堂花名册 …): up to TITLE_ROWS such rows are passed over, with a
   * warning; past that, the first row's problem is the answer.
   */
  #readHeader(row: SheetRow): void {
    if (this.#firstRowProblem === undefined && (row.cells[0] ?? '').trim().startsWith(EXPORT_MARK)) {
      this.#fatal = { line: row.line, reason: message('roster.file.isExport') };
      return;
    }
    const head = readHeader(row);
    if (!head.ok && head.error.kind === 'badHeader') {
      this.#fatal = head.error.problem;
      return;
    }
    if (!head.ok) {
      this.#firstRowProblem ??= head.error.problem;
      this.#skipped.push(row.line);
      if (this.#skipped.length > TITLE_ROWS) this.#fatal = this.#firstRowProblem;
      return;
    }
    this.#headerLine = row.line;
    if (this.#skipped.length > 0) {
      this.#warnings.push({ line: row.line, reason: message('roster.file.titleRows', { lines: this.#skipped.join('、'), header: row.line }) });
    }
    this.#columns = head.value.columns;
    if (head.value.unknown.length > 0) {
      this.#warnings.push({ line: row.line, reason: message('roster.file.unknownColumns', { columns: head.value.unknown.join('、') }) });
    }
  }

  /** The cell of a field on this row: undefined when the file has no such column, '' when the row is short. */
  #cell(row: SheetRow, field: RosterField): string | undefined {
    const i = this.#columns?.index.get(field);
    return i === undefined ? undefined : (row.cells[i] ?? '');
  }

  #header(field: RosterField): string {
    return this.#columns?.header.get(field) ?? field;
  }

  #readRow(row: SheetRow): RosterRow | undefined {
    this.#total++;
    const { line } = row;
    const problems: Message[] = [];

    // 姓名
    const name = (this.#cell(row, 'name') ?? '').trim();
    if (name === '') problems.push(message('roster.row.nameEmpty'));

    // 身份证号
    const resident = this.#resident(row, problems);

    // 卡号
    const cards = this.#cards(row, problems);

    // 类别, 类别起始, 类别截止
    const validFrom = this.#date(row, 'statusFrom', problems);
    const validTo = this.#date(row, 'statusTo', problems);
    if (validFrom !== null && validTo !== null && validTo < validFrom) {
      problems.push(message('roster.row.dateOrder', { from: validFrom, to: validTo }));
    }
    const statuses = this.#statuses(row, validFrom, validTo, problems);

    // 户籍地, 常住地
    const hukouRegion = this.#region(row, 'hukouRegion', problems);
    const residenceRegion = this.#region(row, 'residenceRegion', problems);

    // 养老机构, 独居, 常客
    const careHome = this.#yesNo(row, 'careHome', problems);
    const livesAlone = this.#yesNo(row, 'livesAlone', problems);
    const regular = this.#yesNo(row, 'regular', problems);

    // 电话, 饮食提示
    const phoneCell = this.#cell(row, 'phone');
    const dietCell = this.#cell(row, 'dietAlert');

    if (problems.length > 0 || resident === undefined) {
      for (const reason of problems) this.#bad.push({ line, reason });
      return undefined;
    }
    const good: Writable<RosterRow> = { line, resident, name, cards };
    if (statuses !== undefined) good.statuses = statuses;
    if (hukouRegion !== undefined) good.hukouRegion = hukouRegion;
    if (residenceRegion !== undefined) good.residenceRegion = residenceRegion;
    if (careHome !== undefined) good.careHome = careHome;
    if (phoneCell !== undefined) good.phone = readText(phoneCell);
    if (dietCell !== undefined) good.dietAlert = readText(dietCell);
    if (livesAlone !== undefined) good.livesAlone = livesAlone;
    if (regular !== undefined) good.regular = regular;
    this.#good++;
    return good;
  }

  #resident(row: SheetRow, problems: Message[]): ResidentId | undefined {
    const idCell = (this.#cell(row, 'idNumber') ?? '').trim();
    if (MASKED_ID.test(idCell)) {
      problems.push(message('roster.row.idMasked'));
      return undefined;
    }
    if (ID_AS_NUMBER.test(idCell)) {
      problems.push(message('roster.row.idAsNumber'));
      return undefined;
    }
    const parsed = parseResidentId(idCell);
    if (!parsed.ok) {
      problems.push(parsed.error.message);
      return undefined;
    }
    const resident = parsed.value;
    const first = this.#idLines.get(resident.number);
    if (first !== undefined) problems.push(message('roster.row.idDuplicate', { first }));
    else this.#idLines.set(resident.number, row.line);
    if (resident.convertedFrom15) {
      this.#warnings.push({ line: row.line, reason: message('roster.row.converted15', { masked: maskResidentId(resident.number) }) });
    }
    return resident;
  }

  #cards(row: SheetRow, problems: Message[]): string[] {
    const cards: string[] = [];
    const cell = this.#cell(row, 'cards');
    if (cell === undefined || cell.trim() === '') return cards;
    for (const raw of readList(cell)) {
      const uid = normaliseCardUid(raw);
      if (!uid.ok) {
        problems.push(uid.error);
        continue;
      }
      if (cards.includes(uid.value)) continue;
      const first = this.#cardLines.get(uid.value);
      if (first !== undefined) problems.push(message('roster.row.cardDuplicate', { uid: uid.value, first }));
      else this.#cardLines.set(uid.value, row.line);
      cards.push(uid.value);
    }
    return cards;
  }

  #date(row: SheetRow, field: DateField, problems: Message[]): string | null {
    const raw = this.#cell(row, field);
    if (raw === undefined) return null;
    const date = readDate(raw);
    if (date !== undefined) return date;
    problems.push(message('roster.row.dateBad', { column: this.#header(field), input: raw.trim() }));
    return null;
  }

  #statuses(row: SheetRow, validFrom: string | null, validTo: string | null, problems: Message[]): ElderStatusRow[] | undefined {
    const cell = this.#cell(row, 'statuses');
    if (cell === undefined) return undefined;
    const statuses: ElderStatusRow[] = [];
    for (const token of readList(cell)) {
      const code = this.#statusCodes.get(statusKey(token));
      if (code === undefined) problems.push(message('roster.row.statusUnknown', { status: token, known: this.#knownStatuses }));
      else if (!statuses.some((s) => s.code === code)) statuses.push({ code, validFrom, validTo });
    }
    return statuses;
  }

  #region(row: SheetRow, field: RegionField, problems: Message[]): string | null | undefined {
    const raw = this.#cell(row, field);
    if (raw === undefined) return undefined;
    const text = readText(ascii(raw));
    if (text !== null && !isRegionCode(text)) {
      problems.push(message('roster.row.regionBad', { column: this.#header(field), input: text }));
    }
    return text;
  }

  #yesNo(row: SheetRow, field: YesNoField, problems: Message[]): boolean | undefined {
    const raw = this.#cell(row, field);
    if (raw === undefined) return undefined;
    const value = readYesNo(raw);
    if (value === undefined) problems.push(message('roster.row.yesNoBad', { column: this.#header(field), input: raw.trim() }));
    return value;
  }
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function byLine(a: RowProblem, b: RowProblem): number {
  return a.line - b.line;
}

function isRegionCode(text: string): boolean {
  return regionCodeSchema.safeParse(text).success;
}

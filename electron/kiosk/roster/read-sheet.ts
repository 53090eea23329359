import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';
import { err, ok } from '../../../shared/result.js';
import type { Result } from '../../../shared/result.js';
import { message } from '../../../shared/i18n/index.js';
import type { Message } from '../../../shared/i18n/index.js';
import { decodeText } from './decode-text.js';

/**
 * A roster file as rows of text cells, each with its spreadsheet line number (the number Excel
 * shows at the left; the first line is 1), whatever the file's format. Blank rows are dropped but
 * keep their place in the numbering, so "line 12" is where the manager looks.
 */
export interface SheetRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export type SheetFormat = 'csv' | 'xlsx';

export interface Sheet {
  readonly format: SheetFormat;
  readonly rows: readonly SheetRow[];
}

// An .xlsx file is a ZIP archive; an old binary .xls is an OLE2 compound file.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export async function readSheet(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  if (bytes.length === 0) return err(message('roster.file.empty'));
  if (startsWith(bytes, OLE2_MAGIC)) return err(message('roster.file.xls'));
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes);
  return readCsv(bytes);
}

// ---- CSV ----

// Excel's "Unicode text" is UTF-16 with tabs; some European-locale tools write semicolons. The
// header line decides: whichever separator it holds most of.
function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  const [best] = counts;
  return best !== undefined && best[1] > 0 ? best[0] : ',';
}

function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return decodeText(bytes).text;
}

function readCsv(bytes: Uint8Array): Result<Sheet, Message> {
  const text = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      // Rows of differing length are normal in hand-made files; missing cells read as empty.
      relax_column_count: true,
      // A stray quote inside an unquoted cell (a nickname in quotes) is text, not an error.
      relax_quotes: true,
      // Keep blank lines so that record n is spreadsheet line n + 1.
      skip_empty_lines: false,
    });
  } catch (e) {
    if (e instanceof CsvError) return err(message('roster.file.csvBroken', { line: typeof e.lines === 'number' ? e.lines : '?' }));
    throw e;
  }
  const rows: SheetRow[] = [];
  for (let i = 0; i < records.length; i++) {
    const cells = records[i] ?? [];
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: i + 1, cells });
  }
  return ok({ format: 'csv', rows });
}

// ---- XLSX ----

function isoDate(d: Date): string {
  // exceljs reads a date cell as midnight UTC of that calendar day.
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function numberText(n: number): string {
  // Integers that Excel kept exactly (card numbers, phone numbers) read as their digits. Beyond
  // 2^53 digits were already lost when Excel stored the number; the exponent form shows it, the
  // way Excel itself displays such a cell, and the ID check names the cause.
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n)) return n.toExponential().toUpperCase();
  return String(n);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return '';
  // A formula: its cached result (the value Excel last showed).
  const result = value.result;
  if (result === undefined || (typeof result === 'object' && !(result instanceof Date))) return '';
  return cellText(result);
}

async function readXlsx(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's load() is typed for its own Buffer type; a Node Buffer over the same bytes is one.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return err(message('roster.file.xlsxBroken'));
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return err(message('roster.file.empty'));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    // row.values is 1-based with a hole at 0; cellCount is the last used column.
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
  });
  return ok({ format: 'xlsx', rows });
}

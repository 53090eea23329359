import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { message } from '../../shared/i18n/index.js';
import type { Message } from '../../shared/i18n/index.js';
import type { SheetFormat, SheetRow } from '../../shared/roster/sheet-row.js';
import { decodeText } from './decode-text.js';

// The hub's copy of electron/kiosk/roster/read-sheet.ts (server/ may not import electron/): a roster
// file as rows of text cells with their spreadsheet line numbers, CSV (UTF-8, GB18030, UTF-16) or
// XLSX. Rows are handed over one at a time, never collected.

export type { SheetFormat, SheetRow };

export type OnRow = (row: SheetRow) => void;

export interface Sheet {
  readonly format: SheetFormat;
  /** Calls onRow for each non-blank row, in order. May be run more than once. */
  eachRow(onRow: OnRow): Result<void, Message>;
}

// An .xlsx file is a ZIP archive; an old binary .xls is an OLE2 compound file.
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The file opened for reading (an .xlsx is unpacked here, the only step that is asynchronous). */
export async function openSheet(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  if (bytes.length === 0) return err(message('roster.file.empty'));
  if (startsWith(bytes, OLE2_MAGIC)) return err(message('roster.file.xls'));
  if (startsWith(bytes, ZIP_MAGIC)) return openXlsx(bytes);
  return ok(csvSheet(bytes));
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
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

function csvSheet(bytes: Uint8Array): Sheet {
  const text = decodeCsv(bytes);
  const delimiter = guessDelimiter(text);
  return {
    format: 'csv',
    eachRow(onRow: OnRow): Result<void, Message> {
      try {
        parseCsv(text, {
          delimiter,
          // Rows of differing length are normal in hand-made files; missing cells read as empty.
          relax_column_count: true,
          // A stray quote inside an unquoted cell (a nickname in quotes) is text, not an error.
          relax_quotes: true,
          // Kept, so that record n is spreadsheet line n.
          skip_empty_lines: false,
          on_record: (cells: string[], context) => {
            if (!isBlank(cells)) onRow({ line: context.records, cells });
            // null drops the record: nothing accumulates in the parser.
            return null;
          },
        });
      } catch (e) {
        if (e instanceof CsvError) return err(message('roster.file.csvBroken', { line: typeof e.lines === 'number' ? e.lines : '?' }));
        throw e;
      }
      return ok(undefined);
    },
  };
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

async function openXlsx(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  // Loaded only for an .xlsx file: exceljs is large, and most kiosks never read one.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs's load() is typed for its own Buffer type; a Node Buffer over the same bytes is one.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return err(message('roster.file.xlsxBroken'));
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return err(message('roster.file.empty'));
  return ok({
    format: 'xlsx',
    eachRow(onRow: OnRow): Result<void, Message> {
      sheet.eachRow({ includeEmpty: false }, (row, line) => {
        const cells: string[] = [];
        // cellCount is the last used column; cells are 1-based.
        for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
        if (!isBlank(cells)) onRow({ line, cells });
      });
      return ok(undefined);
    },
  });
}

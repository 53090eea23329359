/**
 * Turning what a spreadsheet library hands over into the row parser's input (text cells), the same
 * for the reader of roster files (node-lib/roster/read-sheet.ts, kiosk's and hub's): the CSV separator, blank
 * rows, and the text of an .xlsx cell. Pure: the reader keeps only its library calls.
 */
import type { SheetFormat, SheetRow } from './sheet-row.js';
import type { Result } from '../result.js';
import type { Message } from '../i18n/index.js';

export type OnRow = (row: SheetRow) => void;

/**
 * A roster file as rows of text cells, each with its spreadsheet line number (the number Excel
 * shows at the left; the first line is 1), whatever the file's format. Blank rows are skipped but
 * keep their place in the numbering, so "line 12" is where the manager looks.
 *
 * Rows are handed to a callback as they are read, synchronously, never collected: an import reads
 * and writes row by row inside one transaction, and a 100,000-row file is never held twice over.
 */
export interface Sheet {
  readonly format: SheetFormat;
  /** Calls onRow for each non-blank row, in order. May be run more than once. */
  eachRow(onRow: OnRow): Result<void, Message>;
}

export function isBlankRow(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

// Excel's "Unicode text" is UTF-16 with tabs; some European-locale tools write semicolons. The
// header line decides: whichever separator it holds most of.
export function guessDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  const [best] = counts;
  return best !== undefined && best[1] > 0 ? best[0] : ',';
}

/**
 * The values an .xlsx cell can hold, as exceljs reads them (its CellValue is assignable to this):
 * plain values, rich text, a hyperlink, an error, or a formula with its cached result.
 */
export type SheetCellValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { readonly richText: readonly { readonly text: string }[] }
  | { readonly hyperlink: string; readonly text: string }
  | { readonly error: unknown }
  | { readonly result?: unknown };

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

export function cellText(value: SheetCellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return '';
  // A formula: its cached result (the value Excel last showed); anything else reads as empty.
  const result: unknown = value.result;
  if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean' || result instanceof Date) return cellText(result);
  return '';
}

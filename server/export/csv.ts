/**
 * CSV for Excel and WPS in China: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * GBK and shows mojibake), CRLF line ends and RFC 4180 quoting. Amounts are yuan with two decimals,
 * written from integer fen by integer arithmetic.
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return
 * before one) as a formula. Canteen names, notes and elder ids come from people, so a text cell
 * starting with any of those gets a leading apostrophe, which Excel shows as plain text. Number
 * columns are written by us and may be negative, so they are left alone.
 */
import { formatYuan } from '../../shared/money.js';
import { boolText, cellError, headerText } from './table.js';
import type { Cell, Column, HeaderLanguage, Table } from './table.js';

export const CSV_MIME = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell made safe to open in a spreadsheet. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(table: Table, c: Column, value: Cell, language: HeaderLanguage): string {
  if (value === null) return '';
  switch (c.type) {
    case 'text':
      if (typeof value !== 'string') throw cellError(table, c, value);
      return neutraliseFormula(value);
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw cellError(table, c, value);
      return String(value);
    case 'fen':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw cellError(table, c, value);
      return formatYuan(value);
    case 'date':
    case 'instant':
      if (typeof value !== 'string') throw cellError(table, c, value);
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw cellError(table, c, value);
      return boolText(value, language);
  }
}

export function toCsv(table: Table, language: HeaderLanguage = 'both'): string {
  const lines = [table.columns.map((c) => quoteCsv(neutraliseFormula(headerText(c, language))))];
  for (const row of table.rows) lines.push(table.columns.map((c) => quoteCsv(cellText(table, c, row[c.key] ?? null, language))));
  return BOM + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

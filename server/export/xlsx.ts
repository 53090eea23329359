/**
 * XLSX (exceljs), for Excel and WPS: a header row (bilingual or one language) frozen above the data,
 * amounts as numbers of yuan with two decimals, dates as real dates, instants as date-times in
 * Beijing time. fen / 100 is a double, but every whole-fen amount below 2^53 / 100 survives it: the
 * cell shows exactly the fen amount and Math.round(value × 100) gives the fen back.
 * A text cell is always written as a string, never as a formula, so it cannot run.
 */
import type ExcelJS from 'exceljs';
import { boolText, cellError, headerText } from './table.js';
import type { Cell, Column, HeaderLanguage, Table } from './table.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Beijing time: the instant columns' wall clock (China has one time zone, UTC+8, no DST). */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const NUM_FMT: Readonly<Record<Column['type'], string | undefined>> = {
  text: undefined,
  int: '0',
  fen: '#,##0.00',
  date: 'yyyy-mm-dd',
  instant: 'yyyy-mm-dd hh:mm:ss',
  bool: undefined,
};

function dateOf(localDate: string): Date {
  const [y, m, d] = localDate.split('-').map(Number);
  // exceljs turns a Date into a serial day by its UTC fields.
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
}

function cellValue(table: Table, c: Column, value: Cell, language: HeaderLanguage): ExcelJS.CellValue {
  if (value === null) return null;
  switch (c.type) {
    case 'text':
      if (typeof value !== 'string') throw cellError(table, c, value);
      return value;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw cellError(table, c, value);
      return value;
    case 'fen':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw cellError(table, c, value);
      return value / 100;
    case 'date':
      if (typeof value !== 'string') throw cellError(table, c, value);
      return dateOf(value);
    case 'instant':
      if (typeof value !== 'string') throw cellError(table, c, value);
      return new Date(Date.parse(value) + BEIJING_OFFSET_MS);
    case 'bool':
      if (typeof value !== 'boolean') throw cellError(table, c, value);
      return boolText(value, language);
  }
}

function sheetName(title: string): string {
  // Excel: at most 31 characters, none of \ / ? * [ ] :
  return title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
}

export function addTableSheet(workbook: ExcelJS.Workbook, table: Table, language: HeaderLanguage): void {
  const sheet = workbook.addWorksheet(sheetName(language === 'en' ? table.title.en : table.title.zh), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => {
    const fmt = NUM_FMT[c.type];
    const header = headerText(c, language);
    return { header, key: c.key, width: Math.min(60, Math.max(10, [...header].length + 4)), ...(fmt === undefined ? {} : { style: { numFmt: fmt } }) };
  });
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of table.columns) values[c.key] = cellValue(table, c, row[c.key] ?? null, language);
    sheet.addRow(values);
  }
}

/** One workbook with one sheet per table. */
export async function toXlsx(tables: readonly Table[], language: HeaderLanguage = 'both'): Promise<Buffer> {
  // Loaded only when a workbook is asked for: exceljs is large.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Zhucan hub';
  for (const table of tables) addTableSheet(workbook, table, language);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}

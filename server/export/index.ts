/** Exports: any hub table as CSV (Excel-safe), XLSX and JSON. */
export { column, type Cell, type Column, type ColumnType, type HeaderLanguage, type Row, type Table } from './table.js';
export { CSV_MIME, neutraliseFormula, quoteCsv, toCsv } from './csv.js';
export { toXlsx, XLSX_MIME } from './xlsx.js';
export { JSON_MIME, toJson } from './json.js';
export { anomaliesTable, averageEldersTable, dailyCountsTable, settlementTable } from './tables.js';

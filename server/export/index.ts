/** Exports: any hub table as CSV (Excel-safe), XLSX and JSON, and as a file to download. */
export { column, columnOf, type Cell, type Column, type ColumnType, type HeaderLanguage, type Row, type Table } from './table.js';
export { CSV_MIME, neutraliseFormula, quoteCsv, toCsv } from './csv.js';
export { toXlsx, XLSX_MIME } from './xlsx.js';
export { JSON_MIME, toJson } from './json.js';
export { attachmentDisposition, exportFile, type ExportFile, type FileFormat } from './file.js';
export { anomaliesTable, averageEldersTable, canteensTable, dailyCountsTable, policiesTable, settlementTable } from './tables.js';

/**
 * Any exportable GET list as a download: ?format=csv (UTF-8 with BOM, so Excel on a Chinese Windows
 * reads it as UTF-8) or ?format=xlsx, with the rows the route names; ?format=json (or none) is the
 * ordinary JSON answer. The file name travels as RFC 5987 filename*=UTF-8'' so Chinese names survive,
 * with an ASCII fallback for old clients.
 */
import type { ExportFormat } from '../../shared/hub-api/routes.js';

export interface ExportFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly disposition: string;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / CR) as a formula: a canteen named
 * `=HYPERLINK(…)` would run in the district's Excel. Such text is prefixed with ' (OWASP's advice);
 * numbers are left alone.
 */
function defused(value: unknown): string {
  const text = cellText(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function columnsOf(rows: readonly Readonly<Record<string, unknown>>[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

export function toCsv(rows: readonly Readonly<Record<string, unknown>>[]): string {
  const columns = columnsOf(rows);
  const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [columns.map(quote).join(','), ...rows.map((row) => columns.map((c) => quote(defused(row[c]))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function toXlsx(rows: readonly Readonly<Record<string, unknown>>[], sheetName: string): Promise<Buffer> {
  // Loaded only when someone asks for XLSX: exceljs is large.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters, none of []:*?/\ .
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  const columns = columnsOf(rows);
  sheet.addRow(columns);
  for (const row of rows) {
    sheet.addRow(columns.map((c) => {
      const value = row[c];
      return typeof value === 'number' || typeof value === 'boolean' ? value : defused(value);
    }));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function exportFile(format: Exclude<ExportFormat, 'json'>, filename: string, rows: readonly Readonly<Record<string, unknown>>[]): Promise<ExportFile> {
  if (format === 'csv') {
    return { body: Buffer.from(toCsv(rows), 'utf8'), contentType: 'text/csv; charset=utf-8', disposition: attachmentDisposition(`${filename}.csv`) };
  }
  return {
    body: await toXlsx(rows, filename),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: attachmentDisposition(`${filename}.xlsx`),
  };
}

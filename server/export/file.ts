/**
 * A table as a file to download over HTTP: CSV or XLSX with bilingual headers (Chinese first), and
 * the Content-Disposition that names it. The name is the table's Chinese title ("月度结算 2026-10"),
 * sent as RFC 5987 filename*=UTF-8'' so it survives, with the table's ASCII name
 * ("settlement-2026-10") as the plain filename= for clients that read only that.
 */
import { CSV_MIME, toCsv } from './csv.js';
import type { Table } from './table.js';
import { toXlsx, XLSX_MIME } from './xlsx.js';

export type FileFormat = 'csv' | 'xlsx';

export interface ExportFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly disposition: string;
}

/** `attachment` with an ASCII fallback name and the real (UTF-8) one. */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A file name from a title: characters Windows refuses in a name become spaces. */
function fileTitle(title: string): string {
  return title.replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ').trim() || 'export';
}

export async function exportFile(format: FileFormat, table: Table): Promise<ExportFile> {
  const name = fileTitle(table.title.zh);
  const disposition = attachmentDisposition(`${name}.${format}`, `${table.name}.${format}`);
  if (format === 'csv') return { body: Buffer.from(toCsv(table, 'both'), 'utf8'), contentType: CSV_MIME, disposition };
  return { body: await toXlsx([table], 'both'), contentType: XLSX_MIME, disposition };
}

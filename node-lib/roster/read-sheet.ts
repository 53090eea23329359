import type ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';
import { err, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { message } from '../../shared/i18n/index.js';
import type { Message } from '../../shared/i18n/index.js';
import { csvEncoding, sheetKind } from '../../shared/roster/sheet-bytes.js';
import { cellText, guessDelimiter, isBlankRow } from '../../shared/roster/sheet-cells.js';
import type { OnRow, Sheet } from '../../shared/roster/sheet-cells.js';

/**
 * The reader of roster files, for the kiosk's import (electron/kiosk/roster/import-roster.ts) and the
 * hub's (server/roster/import-roster.ts): only the calls of csv-parse, exceljs and TextDecoder. What
 * the bytes are, the separator, blank rows and cell text are decided in shared/roster (sheet-bytes.ts,
 * sheet-cells.ts). It lives in node-lib/ because it needs Node (Buffer, the two npm readers), which
 * shared/ may not use, and the kiosk and the hub may not import each other.
 */
export type { SheetFormat, SheetRow } from '../../shared/roster/sheet-row.js';
export type { OnRow, Sheet } from '../../shared/roster/sheet-cells.js';

/** The file opened for reading (an .xlsx is unpacked here, the only step that is asynchronous). */
export async function openSheet(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  const kind = sheetKind(bytes);
  switch (kind) {
    case 'empty':
      return err(message('roster.file.empty'));
    case 'xls':
      return err(message('roster.file.xls'));
    case 'xlsx':
      return openXlsx(bytes);
    case 'csv':
      return ok(csvSheet(new TextDecoder(csvEncoding(bytes)).decode(bytes)));
  }
}

function csvSheet(text: string): Sheet {
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
            if (!isBlankRow(cells)) onRow({ line: context.records, cells });
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

async function openXlsx(bytes: Uint8Array): Promise<Result<Sheet, Message>> {
  // Loaded only for an .xlsx file: exceljs is large, and most roster files are CSV.
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
        if (!isBlankRow(cells)) onRow({ line, cells });
      });
      return ok(undefined);
    },
  });
}

/**
 * The reports as files a manager opens in Excel or WPS, or hands to the district: CSV (UTF-8 with a
 * byte-order mark, which Excel in China needs to show Chinese from a CSV, as export-roster writes)
 * and XLSX (exceljs). Chinese headers; amounts in yuan with two decimals, from whole fen.
 */
import type ExcelJS from 'exceljs';
import type { AbsentElder, RangeReport } from '../../../shared/kiosk-api/report-views.js';
import { formatYuan } from '../../../shared/money.js';
import { AGE_BANDS } from '../../../shared/pricing/types.js';
import type { AgeBand } from '../../../shared/pricing/types.js';
import { NO_STATUS } from './range-report.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportedFile {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const AGE_BAND_HEADERS: Readonly<Record<AgeBand, string>> = {
  under60: '60岁以下',
  '60-69': '60–69岁',
  '70-79': '70–79岁',
  '80-89': '80–89岁',
  '90-99': '90–99岁',
  '100+': '100岁及以上',
};

/** A cell: text, a count, or an amount in fen (shown as yuan). */
type Cell = string | number | { readonly fen: number };

interface Table {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

// ---- the reports as tables ----

function rangeTables(r: RangeReport): Table[] {
  const statuses = [...r.statusNames, { code: NO_STATUS, name: '无身份' }];
  const header = [
    '日期',
    '就餐人次',
    ...AGE_BANDS.map((b) => `补贴·${AGE_BAND_HEADERS[b]}`),
    ...statuses.map((s) => `补贴·${s.name}`),
    '全价售餐份数',
    '补贴金额（元）',
    '自付及售餐金额（元）',
  ];
  const line = (d: RangeReport['days'][number]): Cell[] => [
    d.serviceDate,
    d.checkins,
    ...AGE_BANDS.map((b) => d.byAgeBand[b]),
    ...statuses.map((s) => d.byStatus[s.code] ?? 0),
    d.sales,
    { fen: d.subsidy },
    { fen: d.personal },
  ];
  const sum = (pick: (d: RangeReport['days'][number]) => number): number => r.days.reduce((n, d) => n + pick(d), 0);
  const total: Cell[] = [
    '合计',
    r.totals.checkins,
    ...AGE_BANDS.map((b) => sum((d) => d.byAgeBand[b])),
    ...statuses.map((s) => sum((d) => d.byStatus[s.code] ?? 0)),
    r.totals.sales,
    { fen: r.totals.subsidy },
    { fen: r.totals.personal },
  ];
  return [
    { title: '每日统计', header, rows: [...r.days.map(line), total] },
    {
      title: '补贴来源',
      header: ['资金来源', '补贴金额（元）'],
      rows: [...r.byFunding.map((f): Cell[] => [f.name, { fen: f.amount }]), ['服务长者人数（去重）', r.totals.elders]],
    },
  ];
}

function absentTable(list: readonly AbsentElder[]): Table {
  return {
    title: '未到名单',
    header: ['姓名', '电话', '独居', '重点关注', '最近就餐日期'],
    rows: list.map((a) => [a.name, a.phone ?? '', a.livesAlone ? '是' : '否', a.priority.join('、'), a.lastMeal ?? '']),
  };
}

// ---- CSV ----

// A cell Excel would run as a formula ("=HYPERLINK(…)" typed as a name) is written as text.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvCell(cell: Cell): string {
  if (typeof cell === 'number') return String(cell);
  const text = typeof cell === 'string' ? cell : formatYuan(cell.fen);
  const safe = typeof cell === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csv(tables: readonly Table[]): Uint8Array {
  const lines: string[] = [];
  tables.forEach((t, i) => {
    // Further tables under a blank line and their title, so one file opens as one sheet.
    if (i > 0) lines.push('', csvCell(t.title));
    lines.push(t.header.map(csvCell).join(','));
    for (const row of t.rows) lines.push(row.map(csvCell).join(','));
  });
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// ---- XLSX ----

async function xlsx(tables: readonly Table[]): Promise<Uint8Array> {
  // Loaded only when a workbook is asked for: exceljs is large (as read-sheet does).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  for (const t of tables) addSheet(workbook, t);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

function addSheet(workbook: ExcelJS.Workbook, t: Table): void {
  const sheet = workbook.addWorksheet(t.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...t.header]).font = { bold: true };
  for (const row of t.rows) {
    // Yuan as a number cell (so Excel can add them up), made once here from whole fen.
    const added = sheet.addRow(row.map((c) => (typeof c === 'object' ? c.fen / 100 : c)));
    row.forEach((c, i) => {
      if (typeof c === 'object') added.getCell(i + 1).numFmt = '0.00';
    });
  }
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(10, (t.header[i] ?? '').length * 2 + 2);
  });
}

async function write(tables: readonly Table[], baseName: string, format: ExportFormat): Promise<ExportedFile> {
  if (format === 'csv') return { fileName: `${baseName}.csv`, mime: CSV_MIME, bytes: csv(tables) };
  return { fileName: `${baseName}.xlsx`, mime: XLSX_MIME, bytes: await xlsx(tables) };
}

export function exportRangeReport(report: RangeReport, format: ExportFormat): Promise<ExportedFile> {
  return write(rangeTables(report), `助餐统计_${report.from}_${report.to}`, format);
}

export function exportAbsence(list: readonly AbsentElder[], date: string, format: ExportFormat): Promise<ExportedFile> {
  return write([absentTable(list)], `未到名单_${date}`, format);
}

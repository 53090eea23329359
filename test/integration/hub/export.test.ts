/**
 * The hub's tables exported from real views on both engines: CSV opens back (csv-parse) to the same
 * values, XLSX opens back (exceljs) with exact amounts, real dates and a frozen header, JSON keeps
 * integer fen; Chinese survives and a canteen named like a formula is neutralised.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Account } from '../../../server/accounts/index.js';
import { detectAnomalies, listAnomalies } from '../../../server/anomalies/index.js';
import { averageDailyElders, dailyCounts, settlement } from '../../../server/counting/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { anomaliesTable, averageEldersTable, dailyCountsTable, settlementTable, toCsv, toJson, toXlsx } from '../../../server/export/index.js';
import { addMeal, closeDay, seedCanteen } from '../../helpers/hub-meal-rows.js';
import type { SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { must, useHubEngines } from './hub-engines.js';
import { seedHubActors } from '../../helpers/hub-actors.js';

/** A CSV text's rows, parsed as Excel would read them (BOM skipped). */
function csvRows(text: string): string[][] {
  return z.array(z.array(z.string())).parse(parse(text, { bom: true }));
}


const engines = useHubEngines();
const T0 = '2026-10-01T00:00:00.000Z';
const EVIL = '=cmd|"/c calc"!A1';

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs's load() is typed for its own Buffer; the bytes are those writeBuffer produced.
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe.each(engines)('exports on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let viewer: Account;
  let admin: Account;
  let c1: SeededCanteen;

  beforeAll(async () => {
    db = await engine.open();
    ({ districtA, adminA: admin, viewerA: viewer } = await seedHubActors(db, { password: 'correct horse battery', now: T0 }));
    c1 = await seedCanteen(db, districtA, '东山长者饭堂（署前路）');
    const c2 = await seedCanteen(db, districtA, EVIL);
    await addMeal(db, c1, { date: '2026-10-01', elderId: '老人甲', ageBand: '80-89', standard: 1234, claimed: 1001, funding: { 市级: 700, 区级: 301 }, operatorSubsidy: 300 });
    await addMeal(db, c1, { date: '2026-10-01', elderId: null, standard: 1500, personal: 1500 });
    await closeDay(db, c1, '2026-10-01');
    await addMeal(db, c2, { date: '2026-10-02', elderId: '老人甲', ageBand: '80-89', claimed: 5, funding: { 市级: 5 } });
    await addMeal(db, c1, { date: '2026-10-02', elderId: '老人甲', ageBand: '80-89', claimed: 7, funding: { 市级: 7 } });
    must(await detectAnomalies(db, admin, { districtId: districtA, from: '2026-10-01', to: '2026-10-31', now: '2026-11-01T00:00:00.000Z' }));
  }, 90_000);

  it('daily counts: CSV parses back to the view, in yuan, Chinese intact, BOM and CRLF', async () => {
    const view = must(await dailyCounts(db, viewer, { districtId: districtA, from: '2026-10-01', to: '2026-10-31' }));
    const csv = toCsv(dailyCountsTable(view), 'zh-CN');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const records = parse<Record<string, string>>(csv, { bom: true, columns: true });
    expect(records).toHaveLength(view.rows.length);
    expect(records[0]).toEqual({
      日期: '2026-10-01',
      助餐点编号: String(c1.id),
      助餐点: '东山长者饭堂（署前路）',
      餐次: 'lunch',
      年龄段: '80-89',
      可申领补贴: '是',
      餐数: '1',
      '标准价（元）': '12.34',
      '个人支付（元）': '2.33',
      '申报补贴（元）': '10.01',
      '应付补贴（元）': '10.01',
      '运营补贴（元）': '3.00',
      已日结: '是',
      '有补录/更正': '否',
    });
    // The formula-like canteen name is neutralised in CSV, kept verbatim in JSON.
    expect(records.map((r) => r['助餐点'])).toContain(`'${EVIL}`);
    const json = JSON.parse(toJson(dailyCountsTable(view))) as { rows: Record<string, unknown>[] };
    expect(json.rows.map((r) => r['canteenName'])).toContain(EVIL);
    expect(json.rows[0]).toMatchObject({ standard: 1234, claimedSubsidy: 1001 });
  });

  it('settlement: XLSX reads back with exact amounts per source, a total row and a frozen bilingual header', async () => {
    const view = must(await settlement(db, viewer, { districtId: districtA, month: '2026-10' }));
    const table = settlementTable(view);
    const wb = await readWorkbook(await toXlsx([table]));
    const sheet = wb.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    expect(sheet.name).toBe('月度结算 2026-10（未审批）');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(table.columns.map((c) => `${c.zh} ${c.en}`));
    expect(header).toContain('市级（元） 市级 (yuan)');
    const col = (key: string): number => table.columns.findIndex((c) => c.key === key) + 1;
    const fenAt = (row: number, key: string): number => Math.round(Number(sheet.getRow(row).getCell(col(key)).value) * 100);
    const c1Row = view.canteens.findIndex((c) => c.canteenId === c1.id) + 2;
    expect(sheet.getRow(c1Row).getCell(col('canteenName')).value).toBe('东山长者饭堂（署前路）');
    expect(fenAt(c1Row, 'subsidy')).toBe(1008);
    expect(fenAt(c1Row, 'source:市级')).toBe(707);
    expect(fenAt(c1Row, 'source:区级')).toBe(301);
    expect(sheet.getRow(c1Row).getCell(col('subsidy')).numFmt).toBe('#,##0.00');
    const totalRow = view.canteens.length + 2;
    expect(sheet.getRow(totalRow).getCell(col('canteenName')).value).toBe('合计 Total');
    expect(fenAt(totalRow, 'payable')).toBe(view.total.payable);
    expect(fenAt(totalRow, 'source:市级')).toBe(712);
    // A text cell is a string, never a formula, in XLSX.
    const names = view.canteens.map((_, i) => sheet.getRow(i + 2).getCell(col('canteenName')).value);
    expect(names).toContain(EVIL);
  });

  it('dates are real dates in XLSX; grading and anomalies export in one workbook', async () => {
    const counts = must(await dailyCounts(db, viewer, { districtId: districtA, from: '2026-10-01', to: '2026-10-31' }));
    const grading = must(await averageDailyElders(db, viewer, { districtId: districtA, month: '2026-10' }));
    const anomalies = must(await listAnomalies(db, viewer, { districtId: districtA, limit: 100 })).anomalies;
    expect(anomalies.map((a) => a.kind)).toEqual(['duplicateElder']);
    const wb = await readWorkbook(await toXlsx([dailyCountsTable(counts), averageEldersTable(grading), anomaliesTable(anomalies, 'en')], 'en'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Daily counts', 'Average daily elders', 'Anomalies']);
    const date = wb.worksheets[0]?.getRow(2).getCell(1).value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    const gradingRow = wb.worksheets[1]?.getRow(grading.rows.findIndex((r) => r.canteenId === c1.id) + 2);
    expect(gradingRow?.getCell(2).value).toBe('东山长者饭堂（署前路）');
    expect(gradingRow?.getCell(5).value).toBe(1);
    const anomalyRow = wb.worksheets[2]?.getRow(2);
    expect(anomalyRow?.getCell(9).value).toBe(anomalies[0]?.message.en);
    // Detected at 2026-11-01T00:00Z is 08:00 in Beijing.
    expect((anomalyRow?.getCell(6).value as Date).toISOString()).toBe('2026-11-01T08:00:00.000Z');
    const csv = csvRows(toCsv(anomaliesTable(anomalies, 'zh-CN')));
    expect(csv[1]?.[8]).toContain('老人甲');
  });
});

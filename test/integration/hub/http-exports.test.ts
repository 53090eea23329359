/**
 * Every exportable route over HTTP on both engines, as CSV, XLSX and JSON: the CSV has the BOM and
 * one header row of Chinese then English headings, a canteen named like a formula comes out defused,
 * amounts are yuan with two decimals; the XLSX opens back (exceljs) with the same headers and typed
 * cells; ?format=json is the ordinary JSON answer; the file is named after the table in Chinese. A
 * viewer of another district downloads none of this district's rows.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import { detectAnomalies } from '../../../server/anomalies/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { startHubHttpServer } from '../../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../../server/http/hub-http-server.js';
import { publishPolicy } from '../../../server/policies/index.js';
import { HUB_PATHS, hubPath, SESSION_COOKIE } from '../../../shared/hub-api/routes.js';
import { seedHubActors } from '../../helpers/hub-actors.js';
import { addMeal, closeDay, seedCanteen } from '../../helpers/hub-meal-rows.js';
import { loadPolicy } from '../../helpers/policies.js';
import { call, setCookie } from './http-test-client.js';
import type { HttpAnswer } from './http-test-client.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const NOW = '2026-11-24T08:00:00.000Z';
const PASSWORD = 'correct horse battery';
const EVIL = '=HYPERLINK("http://evil.example/x","点我")';
const PLAIN = '东山长者饭堂（署前路）';
const POLICY_NAME = '+SUM(1,2) 广州助餐补贴';

/** A CSV text's rows as Excel would read them (the BOM skipped). */
function csvRows(text: string): string[][] {
  return z.array(z.array(z.string())).parse(parse(text, { bom: true, relax_column_count: true }));
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs's load() is typed for its own Buffer; these are the bytes the hub sent.
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

interface Case {
  readonly name: string;
  readonly path: string;
  /** The file's name (before the extension) and its ASCII fallback. */
  readonly title: string;
  readonly ascii: string;
  /** Header cells the first row must hold, each "中文 English". */
  readonly headers: readonly string[];
  /** The text of a data row to find (by its first matching cell) and cells it must hold, by header. */
  readonly row: { readonly where: readonly [string, string]; readonly cells: Readonly<Record<string, string>> };
  /** Cells of that row in XLSX, typed: numbers of yuan, dates, strings. */
  readonly xlsx: Readonly<Record<string, unknown>>;
  /** Text that is this district's and must not reach another district's viewer. */
  readonly ours: readonly string[];
}

describe.each(engines)('exports over HTTP on $name', (engine) => {
  let db: HubDb;
  let server: HubHttpServer;
  let port: number;
  const cookies = new Map<string, string>();
  let cases: Case[] = [];

  function get(path: string, login: string): Promise<HttpAnswer> {
    return call(port, 'GET', path, { headers: { Cookie: `${SESSION_COOKIE}=${cookies.get(login) ?? ''}` } });
  }
  const withFormat = (path: string, format: string): string => `${path}${path.includes('?') ? '&' : '?'}format=${format}`;

  beforeAll(async () => {
    db = await engine.open();
    const actors = await seedHubActors(db, { password: PASSWORD, now: '2026-01-01T00:00:00.000Z', loginPrefix: 'ex.' });
    must(await createAccount(db, { actor: actors.adminB, districtId: actors.districtB, login: 'ex.viewer.b', password: PASSWORD, role: 'viewer', now: NOW }));
    const plain = await seedCanteen(db, actors.districtA, PLAIN, 'ex-k1');
    const evil = await seedCanteen(db, actors.districtA, EVIL, 'ex-k2');
    await seedCanteen(db, actors.districtB, '海珠长者饭堂', 'ex-k3');
    await addMeal(db, plain, { date: '2026-10-01', elderId: '老人甲', ageBand: '80-89', standard: 1234, claimed: 1001, funding: { 市级: 700, 区级: 301 }, operatorSubsidy: 300 });
    await closeDay(db, plain, '2026-10-01');
    // The same elder subsidised at both canteens in one lunch: a duplicateElder anomaly naming the evil canteen.
    await addMeal(db, evil, { date: '2026-10-02', elderId: '老人乙', ageBand: '80-89', standard: 1000, claimed: 505, funding: { 市级: 505 } });
    await addMeal(db, plain, { date: '2026-10-02', elderId: '老人乙', ageBand: '80-89', standard: 1000, claimed: 7, funding: { 市级: 7 } });
    must(await detectAnomalies(db, actors.adminA, { districtId: actors.districtA, from: '2026-10-01', to: '2026-10-31', now: '2026-11-01T00:00:00.000Z' }));
    must(await publishPolicy(db, { actor: 'console', districtId: actors.districtA, policy: { ...loadPolicy('guangzhou-2020'), name: POLICY_NAME }, now: NOW }));

    server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: tmpdir(), now: () => NOW, signInsPerMinute: 1000 });
    port = server.port;
    for (const login of ['ex.viewer.a', 'ex.viewer.b']) {
      const answer = await call(port, 'POST', HUB_PATHS.session, { body: { login, password: PASSWORD } });
      const cookie = setCookie(answer, SESSION_COOKIE);
      if (cookie === null) throw new Error(`no session for ${login}: ${answer.text}`);
      cookies.set(login, cookie.value);
    }

    cases = [
      {
        name: 'daily counts',
        path: `${HUB_PATHS.countsDaily}?from=2026-10-01&to=2026-10-31`,
        title: '每日餐数',
        ascii: 'daily-counts',
        headers: ['日期 Date', '助餐点 Canteen', '标准价（元） Standard price (yuan)', '申报补贴（元） Subsidy claimed (yuan)', '已日结 Day closed'],
        row: { where: ['日期 Date', '2026-10-01'], cells: { '助餐点 Canteen': PLAIN, '标准价（元） Standard price (yuan)': '12.34', '申报补贴（元） Subsidy claimed (yuan)': '10.01', '运营补贴（元） Operator subsidy (yuan)': '3.00', '已日结 Day closed': '是' } },
        xlsx: { '助餐点 Canteen': PLAIN, '标准价（元） Standard price (yuan)': 12.34, '日期 Date': new Date(Date.UTC(2026, 9, 1)), '餐数 Meals': 1 },
        ours: [PLAIN, '署前路'],
      },
      {
        name: 'settlement',
        path: hubPath(HUB_PATHS.settlement, { month: '2026-10' }),
        title: '月度结算 2026-10（未审批）',
        ascii: 'settlement-2026-10-draft',
        headers: ['助餐点 Canteen', '应付补贴（元） Subsidy owed (yuan)', '市级（元） 市级 (yuan)', '区级（元） 区级 (yuan)', '应付合计（元） Total payable (yuan)'],
        row: { where: ['助餐点 Canteen', PLAIN], cells: { '应付补贴（元） Subsidy owed (yuan)': '10.08', '市级（元） 市级 (yuan)': '7.07', '区级（元） 区级 (yuan)': '3.01' } },
        xlsx: { '助餐点 Canteen': PLAIN, '应付补贴（元） Subsidy owed (yuan)': 10.08, '市级（元） 市级 (yuan)': 7.07 },
        ours: [PLAIN, '署前路'],
      },
      {
        name: 'grading',
        path: hubPath(HUB_PATHS.grading, { month: '2026-10' }),
        title: '日均服务老人',
        ascii: 'average-elders-2026-10',
        headers: ['助餐点 Canteen', '营业天数 Days served', '日均服务老人数 Average daily elders', '日均满 20 人 20+ a day'],
        row: { where: ['助餐点 Canteen', PLAIN], cells: { '营业天数 Days served': '2', '日均服务老人数 Average daily elders': '1.00', '日均满 20 人 20+ a day': '否' } },
        xlsx: { '助餐点 Canteen': PLAIN, '营业天数 Days served': 2, '日均服务老人数 Average daily elders': 1 },
        ours: [PLAIN, '署前路'],
      },
      {
        name: 'anomalies',
        path: `${HUB_PATHS.anomalies}?limit=500`,
        title: '异常',
        ascii: 'anomalies',
        headers: ['异常编号 Anomaly id', '类型 Kind', '日期 Date', '助餐点 Canteen', '说明 Description'],
        row: { where: ['类型 Kind', 'duplicateElder'], cells: { '日期 Date': '2026-10-02', '状态 Status': 'open' } },
        xlsx: { '类型 Kind': 'duplicateElder', '日期 Date': new Date(Date.UTC(2026, 9, 2)) },
        ours: ['duplicateElder', '老人乙'],
      },
      {
        name: 'canteens',
        path: HUB_PATHS.canteens,
        title: '助餐点',
        ascii: 'canteens',
        headers: ['助餐点编号 Canteen id', '助餐点 Canteen', '行政区划代码 Region code', '运营方 Operator', '建档时间 Created at'],
        row: { where: ['助餐点 Canteen', PLAIN], cells: { '行政区划代码 Region code': '440104001', '建档时间 Created at': '2026-01-01T00:00:00.000Z' } },
        // Instants are Beijing wall-clock date-times in XLSX: 00:00 UTC is 08:00.
        xlsx: { '助餐点 Canteen': PLAIN, '行政区划代码 Region code': '440104001', '建档时间 Created at': new Date(Date.UTC(2026, 0, 1, 8)) },
        ours: [PLAIN, '署前路'],
      },
      {
        name: 'policies',
        path: HUB_PATHS.policies,
        title: '补贴政策',
        ascii: 'policies',
        headers: ['政策编号 Policy id', '版本 Version', '政策名称 Policy name', '生效日期 In force from', '有效期至 In force until'],
        row: { where: ['政策编号 Policy id', 'guangzhou-zhucan'], cells: { '版本 Version': '1', '政策名称 Policy name': `'${POLICY_NAME}`, '生效日期 In force from': '2020-01-01', '有效期至 In force until': '' } },
        xlsx: { '政策名称 Policy name': POLICY_NAME, '版本 Version': 1, '生效日期 In force from': new Date(Date.UTC(2020, 0, 1)) },
        ours: ['guangzhou-zhucan', '广州助餐补贴'],
      },
    ];
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  it('CSV: BOM, a Chinese + English header row, the named row with its amounts in yuan, formula-like text defused, named in Chinese', async () => {
    for (const c of cases) {
      const answer = await get(withFormat(c.path, 'csv'), 'ex.viewer.a');
      expect(answer.status, `${c.name}: ${answer.text}`).toBe(200);
      expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(answer.headers['content-disposition']).toBe(`attachment; filename="${c.ascii}.csv"; filename*=UTF-8''${encodeURIComponent(`${c.title}.csv`)}`);
      expect([...answer.body.subarray(0, 3)], c.name).toEqual([0xef, 0xbb, 0xbf]);
      const [header = [], ...rows] = csvRows(answer.text);
      for (const h of c.headers) expect(header, c.name).toContain(h);
      const at = (name: string): number => header.indexOf(name);
      const row = rows.find((r) => r[at(c.row.where[0])] === c.row.where[1]);
      expect(row, `${c.name}: no row with ${c.row.where.join(' = ')}`).toBeDefined();
      for (const [name, value] of Object.entries(c.row.cells)) expect(row?.[at(name)], `${c.name}: ${name}`).toBe(value);
      // No cell of any export starts a formula: the evil name is there, behind an apostrophe.
      for (const cell of rows.flat()) expect(cell, c.name).not.toMatch(/^[=+@]/);
    }
    const canteens = csvRows((await get(withFormat(HUB_PATHS.canteens, 'csv'), 'ex.viewer.a')).text);
    expect(canteens.map((r) => r[1])).toContain(`'${EVIL}`);
    const counts = csvRows((await get(withFormat(`${HUB_PATHS.countsDaily}?from=2026-10-01&to=2026-10-31`, 'csv'), 'ex.viewer.a')).text);
    expect(counts.map((r) => r[2])).toContain(`'${EVIL}`);
  });

  it('XLSX: one sheet, the same bilingual headers, typed cells (yuan as numbers, dates as dates), text never a formula', async () => {
    for (const c of cases) {
      const answer = await get(withFormat(c.path, 'xlsx'), 'ex.viewer.a');
      expect(answer.status, `${c.name}: ${answer.text}`).toBe(200);
      expect(answer.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(answer.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${c.title}.xlsx`)}`);
      const wb = await workbook(answer.body);
      expect(wb.worksheets).toHaveLength(1);
      const sheet = wb.worksheets[0];
      if (sheet === undefined) throw new Error('no sheet');
      const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      for (const h of c.headers) expect(header, c.name).toContain(h);
      const col = (name: string): number => header.indexOf(name) + 1;
      let found: ExcelJS.Row | null = null;
      sheet.eachRow((r, n) => {
        const want = c.row.where[1];
        const value = r.getCell(col(c.row.where[0])).value;
        const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
        if (n > 1 && found === null && (text === want || text === String(Number(want)))) found = r;
      });
      expect(found, `${c.name}: no row with ${c.row.where.join(' = ')}`).not.toBeNull();
      const row = found as unknown as ExcelJS.Row;
      for (const [name, value] of Object.entries(c.xlsx)) expect(row.getCell(col(name)).value, `${c.name}: ${name}`).toEqual(value);
    }
    const sheet = (await workbook((await get(withFormat(HUB_PATHS.canteens, 'xlsx'), 'ex.viewer.a')).body)).worksheets[0];
    const names: unknown[] = [];
    sheet?.eachRow((r) => names.push(r.getCell(2).value));
    // Written as a string cell, so Excel shows it and never runs it.
    expect(names).toContain(EVIL);
  });

  it('?format=json is the ordinary JSON answer', async () => {
    for (const c of cases) {
      const plain = await get(c.path, 'ex.viewer.a');
      const json = await get(withFormat(c.path, 'json'), 'ex.viewer.a');
      expect(json.status, c.name).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.headers['content-disposition']).toBeUndefined();
      expect(json.json, c.name).toEqual(plain.json);
    }
  });

  it('a viewer of another district downloads none of this district’s rows', async () => {
    for (const c of cases) {
      for (const format of ['csv', 'xlsx', 'json']) {
        const answer = await get(withFormat(c.path, format), 'ex.viewer.b');
        expect(answer.status, `${c.name} ${format}: ${answer.text}`).toBe(200);
        const text = format === 'xlsx' ? JSON.stringify((await workbook(answer.body)).worksheets.map((s) => s.getSheetValues())) : answer.text;
        for (const secret of [...c.ours, EVIL, '东山']) expect(text, `${c.name} ${format}`).not.toContain(secret);
      }
    }
  });
});

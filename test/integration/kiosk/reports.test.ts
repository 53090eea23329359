/**
 * The reports of the kiosk API on a real SQLite file, with check-ins, sales and a void made through
 * the Kiosk at chosen clock times; expected numbers worked out by hand from the Guangzhou 2020 policy
 * (12-yuan lunch: 60–79 pays 5, 80+ pays 3, 低保 pays 1; city 3 + district 3 + town the rest; an elder
 * of another town loses the town part). Every output parsed by its method's output schema.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import { ApiFailure } from '../../../electron/kiosk/api/handler-types.js';
import type { Handler, HandlerContext, Handlers } from '../../../electron/kiosk/api/handler-types.js';
import { reportHandlers } from '../../../electron/kiosk/api/handlers/report-handlers.js';
import { Shift } from '../../../electron/kiosk/api/shift.js';
import { ABSENT_SQL } from '../../../electron/kiosk/reports/absence.js';
import { isPriorityStatus } from '../../../electron/kiosk/reports/absence.js';
import { RANGE_SQL } from '../../../electron/kiosk/reports/range-report.js';
import { replaceStatuses, updateElder } from '../../../electron/kiosk/roster/roster-store.js';
import { rawDatabase } from '../../../electron/kiosk/store/open.js';
import { TODAY, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

const fixture = useKioskFixtures();

type ReportMethod = keyof typeof reportHandlers;

async function call<N extends ReportMethod>(fx: KioskFixture, name: N, input: MethodInput<N>): Promise<MethodOutput<N>> {
  const spec = kioskMethods[name];
  const handlers: Handlers<ReportMethod> = reportHandlers;
  const handler: Handler<N> = handlers[name];
  const ctx: HandlerContext = { kiosk: fx.kiosk, shift: new Shift(() => fx.clock.now), actorId: fx.manager.id, emit: () => undefined };
  const out = await handler(spec.input.parse(input) as Parameters<Handler<N>>[0], ctx);
  return spec.output.parse(out) as MethodOutput<N>;
}

async function refusal(run: () => Promise<unknown>): Promise<ApiFailure> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiFailure);
    expect((e as ApiFailure).kind).toBe('refused');
    return e as ApiFailure;
  }
  throw new Error('expected a refusal');
}

const YESTERDAY = '2026-11-23';

function serve(fx: KioskFixture, key: string, date: string, time: string, fullPrice = false): number {
  fx.clock.set(date, time);
  const o = fx.kiosk.checkIn({ identity: { kind: 'card', uid: fx.elder(key).card ?? '' }, operatorId: fx.cashier.id, ...(fullPrice ? { fullPrice } : {}) });
  if (o.kind !== 'served') throw new Error(`${key} not served: ${o.kind}`);
  return o.seq;
}

/**
 * Yesterday: 王秀英 (70, pays 5, subsidy 7 = 3+3+1), 李国强 (86, pays 3, subsidy 9 = 3+3+3), 陈桂兰
 * (65, 低保, pays 1, subsidy 11 = 3+3+5), and 2 full-price meals sold (24 yuan).
 * Today: 王秀英 again (subsidy 7), 何建华 (70, another town: subsidy 6 = 3+3, pays 6), 周伟明 (59: refused,
 * then sold at full price, 12), 李国强 served and then voided.
 */
function aFewDays(fx: KioskFixture): void {
  serve(fx, 'young', YESTERDAY, '11:30');
  serve(fx, 'old', YESTERDAY, '11:35');
  serve(fx, 'poor', YESTERDAY, '11:40');
  fx.clock.set(YESTERDAY, '12:00');
  const sold = fx.kiosk.sell({ operatorId: fx.cashier.id, quantity: 2 });
  if (!sold.ok) throw new Error('sale failed');

  serve(fx, 'young', TODAY, '11:30');
  serve(fx, 'otherTown', TODAY, '11:31');
  fx.clock.set(TODAY, '11:32');
  expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: fx.elder('under60').card ?? '' }, operatorId: fx.cashier.id }).kind).toBe('refused');
  serve(fx, 'under60', TODAY, '11:32', true);
  const mistaken = serve(fx, 'old', TODAY, '11:33');
  fx.clock.set(TODAY, '12:00');
  expect(fx.kiosk.voidRecord({ seq: mistaken, reason: '刷错卡', operatorId: fx.manager.id }).ok).toBe(true);
}

const ZERO_BANDS = { under60: 0, '60-69': 0, '70-79': 0, '80-89': 0, '90-99': 0, '100+': 0 };
const ZERO_STATUSES = { tekun: 0, dibao: 0, dishouru: 0, youfu: 0, none: 0 };

describe('reports.range', () => {
  it('per day by age band and status, sales and money; over the range by budget and distinct elders; voids left out', async () => {
    const fx = fixture();
    aFewDays(fx);
    const r = await call(fx, 'reports.range', { from: '2026-11-22', to: TODAY });
    expect(r.days).toEqual([
      { serviceDate: '2026-11-22', byAgeBand: ZERO_BANDS, byStatus: ZERO_STATUSES, checkins: 0, sales: 0, subsidy: 0, personal: 0 },
      {
        serviceDate: YESTERDAY,
        byAgeBand: { ...ZERO_BANDS, '60-69': 1, '70-79': 1, '80-89': 1 },
        byStatus: { ...ZERO_STATUSES, dibao: 1, none: 2 },
        checkins: 3,
        sales: 2,
        subsidy: 700 + 900 + 1100,
        personal: 500 + 300 + 100 + 2400,
      },
      {
        serviceDate: TODAY,
        byAgeBand: { ...ZERO_BANDS, '70-79': 2 },
        byStatus: { ...ZERO_STATUSES, none: 2 },
        checkins: 3,
        sales: 0,
        subsidy: 700 + 600,
        personal: 500 + 600 + 1200,
      },
    ]);
    expect(r.statusNames).toEqual([
      { code: 'tekun', name: '特困' },
      { code: 'dibao', name: '低保' },
      { code: 'dishouru', name: '低收入' },
      { code: 'youfu', name: '优抚对象' },
    ]);
    expect(r.byFunding).toEqual([
      { source: 'city', name: '市级财政', amount: 5 * 300 },
      { source: 'district', name: '区级财政', amount: 5 * 300 },
      { source: 'town', name: '镇街', amount: 100 + 300 + 500 + 100 },
    ]);
    // 王秀英, 李国强, 陈桂兰, 何建华 had subsidised meals; 周伟明 paid full price.
    expect(r.totals).toEqual({ checkins: 6, sales: 2, elders: 4, subsidy: 4000, personal: 5600 });
    expect(r.byFunding.reduce((n, f) => n + f.amount, 0)).toBe(r.totals.subsidy);
  });

  it('reports.month is the calendar month', async () => {
    const fx = fixture();
    aFewDays(fx);
    const m = await call(fx, 'reports.month', { month: '2026-11' });
    expect(m.from).toBe('2026-11-01');
    expect(m.to).toBe('2026-11-30');
    expect(m.days).toHaveLength(30);
    expect(m.totals).toEqual({ checkins: 6, sales: 2, elders: 4, subsidy: 4000, personal: 5600 });
    const feb = await call(fx, 'reports.month', { month: '2028-02' });
    expect([feb.from, feb.to, feb.days.length]).toEqual(['2028-02-01', '2028-02-29', 29]);
  });

  it('refuses a range that runs backwards or is longer than 366 days', async () => {
    const fx = fixture();
    expect(render((await refusal(() => call(fx, 'reports.range', { from: TODAY, to: YESTERDAY }))).text)).toBe(`结束日期 ${YESTERDAY} 早于开始日期 ${TODAY}`);
    await refusal(() => call(fx, 'reports.range', { from: '2025-01-01', to: '2026-01-02' }));
    expect((await call(fx, 'reports.range', { from: '2024-01-01', to: '2024-12-31' })).days).toHaveLength(366);
  });

  it('reads the range in one query on the (service_date, kind) index', () => {
    const fx = fixture();
    const plan = rawDatabase(fx.store)
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${RANGE_SQL}`)
      .all('2026-11-01', '2026-11-30')
      .map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SEARCH l USING INDEX ledger_by_date_kind \(service_date>\? AND service_date<\?\)/);
    expect(plan.join('\n')).toMatch(/SEARCH v USING (COVERING )?INDEX ledger_by_target/);
    expect(plan.join('\n')).not.toMatch(/SCAN l\b/);
  });
});

describe('reports.absent', () => {
  /** Regulars: 王秀英 (came today), 李国强 (lives alone; his meal today was voided), 陈桂兰 (低保), 郑淑珍 (失能), 林玉梅; 黄志明 is suspended. */
  function regulars(fx: KioskFixture): void {
    const now = '2026-11-01T00:00:00.000Z';
    const set = (key: string, livesAlone = false): void => {
      const r = updateElder(fx.store, fx.elder(key).id, { name: fx.elder(key).name, regular: true, livesAlone }, now);
      if (!r.ok) throw new Error(r.error.code);
    };
    set('young');
    set('old', true);
    set('poor');
    set('noCard');
    set('lostCard');
    set('suspended');
    expect(replaceStatuses(fx.store, fx.elder('noCard').id, [{ code: 'shineng', validFrom: null, validTo: null }]).ok).toBe(true);
  }

  it('lists regulars without a meal today: lives alone first, then 独居 / 空巢 / 失能, then by name; with the last meal', async () => {
    const fx = fixture();
    regulars(fx);
    aFewDays(fx);
    const list = await call(fx, 'reports.absent', {});
    expect(list.map((a) => [a.name, a.livesAlone, a.priority, a.lastMeal])).toEqual([
      ['李国强', true, [], YESTERDAY],
      ['郑淑珍', false, ['shineng'], null],
      // 陈 (chén) before 林 (lín): pinyin order, not code-point order.
      ['陈桂兰', false, [], YESTERDAY],
      ['林玉梅', false, [], null],
    ]);
    // Yesterday everyone but 王秀英, 李国强 and 陈桂兰 was absent.
    const before = await call(fx, 'reports.absent', { serviceDate: YESTERDAY });
    expect(before.map((a) => a.name)).toEqual(['郑淑珍', '林玉梅']);
  });

  it('knows the priority statuses by name or by code', () => {
    expect(isPriorityStatus('dujv', '独居')).toBe(true);
    expect(isPriorityStatus('x1', '空巢老人')).toBe(true);
    expect(isPriorityStatus('banshineng', '半失能')).toBe(true);
    expect(isPriorityStatus('kongchao', 'kongchao')).toBe(true);
    expect(isPriorityStatus('dibao', '低保')).toBe(false);
  });

  it("looks up each regular's meals through the ledger's elder index", () => {
    const fx = fixture();
    const plan = rawDatabase(fx.store)
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${ABSENT_SQL}`)
      .all({ date: TODAY })
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH l USING INDEX ledger_by_elder_date \(elder_id=\? AND service_date=\?\)/);
    expect(plan).toMatch(/SEARCH m USING INDEX ledger_by_elder_date \(elder_id=\? AND service_date<\?\)/);
  });
});

describe('reports.export', () => {
  it('CSV starts with the UTF-8 byte-order mark and has Chinese headers and a totals line', async () => {
    const fx = fixture();
    aFewDays(fx);
    const f = await call(fx, 'reports.export', { report: 'range', from: YESTERDAY, to: TODAY, format: 'csv' });
    expect(f.fileName).toBe(`助餐统计_${YESTERDAY}_${TODAY}.csv`);
    expect(f.mime).toBe('text/csv;charset=utf-8');
    const bytes = Buffer.from(f.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '日期,就餐人次,补贴·60岁以下,补贴·60–69岁,补贴·70–79岁,补贴·80–89岁,补贴·90–99岁,补贴·100岁及以上,补贴·特困,补贴·低保,补贴·低收入,补贴·优抚对象,补贴·无身份,全价售餐份数,补贴金额（元）,自付及售餐金额（元）',
    );
    expect(lines[1]).toBe(`${YESTERDAY},3,0,1,1,1,0,0,0,1,0,0,2,2,27.00,33.00`);
    expect(lines[3]).toBe('合计,6,0,1,3,1,0,0,0,1,0,0,4,2,40.00,56.00');
    expect(lines).toContain('市级财政,15.00');
    expect(lines).toContain('服务长者人数（去重）,4');
  });

  it('XLSX reads back with exceljs: daily sheet with yuan as numbers, the budgets sheet, and the absence list', async () => {
    const fx = fixture();
    aFewDays(fx);
    const f = await call(fx, 'reports.export', { report: 'range', from: YESTERDAY, to: TODAY, format: 'xlsx' });
    expect(f.fileName).toBe(`助餐统计_${YESTERDAY}_${TODAY}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ExcelJS.Buffer);
    const daily = wb.getWorksheet('每日统计');
    expect(daily?.getRow(1).getCell(1).value).toBe('日期');
    expect(daily?.getRow(2).getCell(1).value).toBe(YESTERDAY);
    expect(daily?.getRow(2).getCell(2).value).toBe(3);
    expect(daily?.getRow(2).getCell(15).value).toBe(27);
    expect(daily?.getRow(4).getCell(1).value).toBe('合计');
    expect(daily?.getRow(4).getCell(16).value).toBe(56);
    const budgets = wb.getWorksheet('补贴来源');
    expect(budgets?.getRow(4).values).toEqual([undefined, '镇街', 10]);

    const a = await call(fx, 'reports.export', { report: 'absent', from: TODAY, to: TODAY, format: 'xlsx' });
    expect(a.fileName).toBe(`未到名单_${TODAY}.xlsx`);
    const wa = new ExcelJS.Workbook();
    await wa.xlsx.load(Buffer.from(a.base64, 'base64') as unknown as ExcelJS.Buffer);
    expect(wa.getWorksheet('未到名单')?.getRow(1).values).toEqual([undefined, '姓名', '电话', '独居', '重点关注', '最近就餐日期']);
  });
});

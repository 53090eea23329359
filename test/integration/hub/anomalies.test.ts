/**
 * Month-wide anomaly detection, listing, reading with records and resolving, on both engines, over
 * rows written as the ingest writes them: each rule fires on what it must and not on its near
 * misses, detection is idempotent, and another district's anomalies are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Account } from '../../../server/accounts/index.js';
import { detectAnomalies, getAnomaly, listAnomalies, resolveAnomaly } from '../../../server/anomalies/index.js';
import { dbCount } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { addDays } from '../../../shared/dates.js';
import { anomalyDetailSchema, anomalyPageSchema } from '../../../shared/hub-api/counting-views.js';
import type { Anomaly } from '../../../shared/hub-api/counting-views.js';
import { addMeal, seedCanteen, voidMeal } from '../../helpers/hub-meal-rows.js';
import type { MealSpec, SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { must, useHubEngines } from './hub-engines.js';
import { seedHubActors } from '../../helpers/hub-actors.js';

const engines = useHubEngines();
const PASSWORD = 'correct horse battery';
const T0 = '2026-09-01T00:00:00.000Z';
const NOW = '2026-11-01T02:00:00.000Z';
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

describe.each(engines)('anomalies on $name', (engine) => {
  let db: HubDb;
  let districtA: number;
  let districtB: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;
  let c1: SeededCanteen;
  let c2: SeededCanteen;
  let c3: SeededCanteen;
  let c4: SeededCanteen;
  let cB: SeededCanteen;

  async function meals(canteen: SeededCanteen, specs: readonly MealSpec[]): Promise<void> {
    await db.transaction(async (tx) => {
      for (const s of specs) await addMeal(tx, canteen, s);
    });
  }

  beforeAll(async () => {
    db = await engine.open();
    ({ districtA, districtB, adminA, viewerA, adminB } = await seedHubActors(db, { password: PASSWORD, now: T0 }));
    c1 = await seedCanteen(db, districtA, '东山长者饭堂');
    c2 = await seedCanteen(db, districtA, '农林长者饭堂');
    c3 = await seedCanteen(db, districtA, '黄花岗长者饭堂');
    c4 = await seedCanteen(db, districtA, `=HYPERLINK("x")`);
    cB = await seedCanteen(db, districtB, '海珠长者饭堂');

    // Duplicate: e1's lunch in c1 and c2 on 5 October. Near misses: e2's second canteen voided,
    // e3 in two canteens but different periods, e4 in c1 and in another district's canteen.
    await meals(c1, [
      { date: '2026-10-05', elderId: 'e1' },
      { date: '2026-10-05', elderId: 'e2' },
      { date: '2026-10-05', period: 'breakfast', elderId: 'e3' },
      { date: '2026-10-05', elderId: 'e4' },
    ]);
    await meals(c2, [{ date: '2026-10-05', elderId: 'e1', at: '2026-10-05T04:30:00.000Z' }, { date: '2026-10-05', elderId: 'e3' }]);
    const e2Twice = await addMeal(db, c2, { date: '2026-10-05', elderId: 'e2' });
    await voidMeal(db, c2, e2Twice);
    await addMeal(db, cB, { date: '2026-10-05', elderId: 'e4' });

    // Out of line: c3 serves 20 elders a day (h0…h19) on 14 days before 10 October, then 45 on it.
    const history: MealSpec[] = [];
    for (let day = 0; day < 14; day++) {
      for (let i = 0; i < 20; i++) history.push({ date: addDays('2026-09-24', day), elderId: `h${i}`, ageBand: '70-79' });
    }
    for (let i = 0; i < 45; i++) history.push({ date: '2026-10-10', elderId: `h${i}`, ageBand: '70-79' });
    await meals(c3, history);

    // Edit check: c4 has ever served one elder in band 80-89, and claims two lunches of it one day
    // (the same elder twice). Band 60-69 with one elder once is fine.
    await meals(c4, [
      { date: '2026-10-07', elderId: 'g1', ageBand: '80-89' },
      { date: '2026-10-07', elderId: 'g1', ageBand: '80-89', at: '2026-10-07T05:00:00.000Z' },
      { date: '2026-10-07', elderId: 'g2', ageBand: '60-69' },
    ]);
  }, 120_000);

  async function all(): Promise<Anomaly[]> {
    return must(await listAnomalies(db, viewerA, { districtId: districtA, limit: 500 })).anomalies;
  }

  it('a viewer cannot run detection; an admin of another district cannot either', async () => {
    expect(await detectAnomalies(db, viewerA, { districtId: districtA, ...OCTOBER, now: NOW })).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } } });
    expect(await detectAnomalies(db, adminB, { districtId: districtA, ...OCTOBER, now: NOW })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await detectAnomalies(db, adminA, { districtId: districtA, from: '2026-09-01', to: '2026-11-30', now: NOW })).toMatchObject({ ok: false, error: { kind: 'badRange' } });
  });

  it('finds exactly the duplicate, the out-of-line day and the edit check; running again adds nothing', async () => {
    expect(must(await detectAnomalies(db, adminA, { districtId: districtA, ...OCTOBER, now: NOW }))).toEqual({ ...OCTOBER, duplicateElder: 1, outOfLine: 1, editCheck: 1 });
    expect(must(await detectAnomalies(db, adminA, { districtId: districtA, ...OCTOBER, now: NOW }))).toEqual({ ...OCTOBER, duplicateElder: 0, outOfLine: 0, editCheck: 0 });
    const found = await all();
    expect(found.map((a) => [a.kind, a.canteenName, a.serviceDate, a.recordCount]).sort()).toEqual(
      [
        ['duplicateElder', null, '2026-10-05', 2],
        ['editCheck', `=HYPERLINK("x")`, '2026-10-07', 2],
        ['outOfLine', '黄花岗长者饭堂', '2026-10-10', 45],
      ].sort(),
    );
    expect(found.every((a) => a.status === 'open' && a.detectedAt === NOW)).toBe(true);
    // Nothing for district B.
    expect(must(await listAnomalies(db, adminB, { districtId: districtB, limit: 10 })).anomalies).toEqual([]);
  });

  it('each anomaly explains itself in both languages, with its figures and rule', async () => {
    const byKind = new Map((await all()).map((a) => [a.kind, a]));
    const dup = byKind.get('duplicateElder');
    expect(dup?.details).toEqual({ elderId: 'e1', periodId: 'lunch', canteens: 2, meals: 2 });
    expect(dup?.message['zh-CN']).toBe('老人 e1 在 2026-10-05 的 lunch 于 2 个助餐点领取了补贴餐（共 2 份）');
    expect(dup?.message.en).toBe('Elder e1 had a subsidised lunch on 2026-10-05 in 2 canteens (2 meals)');
    const out = byKind.get('outOfLine');
    expect(out?.details).toMatchObject({ meals: 45, median: 20, mad: 0, historyDays: 14 });
    expect(out?.message['zh-CN']).toContain('45 份补贴餐');
    expect(out?.message.en).toContain('more than 3 deviations and at least 10 meals away');
    const edit = byKind.get('editCheck');
    expect(edit?.details).toEqual({ periodId: 'lunch', ageBand: '80-89', meals: 2, eligible: 1, basis: 'servedElders' });
    expect(edit?.message.en).toContain('above its 1 eligible elders');
    for (const a of byKind.values()) expect(`${a.message['zh-CN']} ${a.message.en}`).not.toMatch(/\{\w+\}/);
  });

  it('an ingest-flagged anomaly reads the same way', async () => {
    await db.execute(
      `INSERT INTO anomalies (district_id, canteen_id, device_id, kind, service_date, dedupe_key, details, detected_at) VALUES ($1, $2, $3, 'clockSkew', '2026-10-06', 'clock|x', '{"skewMs": 600000}', $4)`,
      [districtA, c1.id, c1.deviceId, NOW],
    );
    const skew = (await all()).find((a) => a.kind === 'clockSkew');
    expect(skew?.message['zh-CN']).toBe(`设备 ${c1.deviceId} 的时钟与平台相差超过 5 分钟`);
  });

  it('reads an anomaly with the records behind it; another district cannot', async () => {
    const dup = (await all()).find((a) => a.kind === 'duplicateElder');
    if (dup === undefined) throw new Error('no duplicate');
    const detail = must(await getAnomaly(db, viewerA, dup.id));
    expect(anomalyDetailSchema.parse(detail)).toEqual(detail);
    expect(detail.records.map((r) => [r.canteenName, r.kind, r.elderId, r.periodId, r.at, r.claimedSubsidy, r.subsidy, r.voided])).toEqual([
      ['东山长者饭堂', 'checkin', 'e1', 'lunch', '2026-10-05T04:00:00.000Z', 900, 900, false],
      ['农林长者饭堂', 'checkin', 'e1', 'lunch', '2026-10-05T04:30:00.000Z', 900, 900, false],
    ]);
    expect(await getAnomaly(db, adminB, dup.id)).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    expect(await getAnomaly(db, viewerA, 999_999)).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });

  it('a third canteen joining a known duplicate adds its record to the same anomaly, not a new anomaly', async () => {
    await addMeal(db, c3, { date: '2026-10-05', elderId: 'e1', at: '2026-10-05T05:00:00.000Z' });
    expect(must(await detectAnomalies(db, adminA, { districtId: districtA, ...OCTOBER, now: NOW })).duplicateElder).toBe(0);
    const dup = (await all()).filter((a) => a.kind === 'duplicateElder');
    expect(dup.map((a) => a.recordCount)).toEqual([3]);
  });

  it('filters and pages: by kind, canteen, dates, status; a cursor continues where the page ended', async () => {
    const q = { districtId: districtA };
    const ofKind = must(await listAnomalies(db, viewerA, { ...q, kind: 'outOfLine', limit: 10 }));
    expect(ofKind.anomalies.map((a) => a.kind)).toEqual(['outOfLine']);
    expect(must(await listAnomalies(db, viewerA, { ...q, canteenId: c4.id, limit: 10 })).anomalies.map((a) => a.kind)).toEqual(['editCheck']);
    expect(must(await listAnomalies(db, viewerA, { ...q, from: '2026-10-06', to: '2026-10-07', limit: 10 })).anomalies.map((a) => a.kind).sort()).toEqual(['clockSkew', 'editCheck']);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = anomalyPageSchema.parse(must(await listAnomalies(db, viewerA, { ...q, limit: 1, cursor })));
      seen.push(...page.anomalies.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual((await all()).map((a) => a.id));
    expect(seen).toHaveLength(4);

    expect(await listAnomalies(db, viewerA, { ...q, limit: 0 })).toMatchObject({ ok: false, error: { kind: 'badFilter' } });
    expect(await listAnomalies(db, viewerA, { ...q, limit: 10, cursor: `1; DROP TABLE anomalies` })).toMatchObject({ ok: false, error: { kind: 'badFilter' } });
    expect(await listAnomalies(db, viewerA, { districtId: districtB, limit: 10 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await listAnomalies(db, viewerA, { ...q, canteenId: cB.id, limit: 10 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('resolving: admin of the district only, a note required, once', async () => {
    const edit = (await all()).find((a) => a.kind === 'editCheck');
    if (edit === undefined) throw new Error('no edit check');
    const input = { id: edit.id, note: '核实：收银员重复刷卡，已作废一笔。\nDouble swipe, one voided.', now: '2026-11-02T03:00:00.000Z' };
    expect(await resolveAnomaly(db, viewerA, input)).toEqual({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } } });
    expect(await resolveAnomaly(db, adminB, input)).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    expect(await resolveAnomaly(db, adminA, { ...input, note: '   ' })).toMatchObject({ ok: false, error: { kind: 'badNote' } });
    expect(await resolveAnomaly(db, adminA, { ...input, note: 'a\u0000b' })).toMatchObject({ ok: false, error: { kind: 'badNote' } });
    const done = must(await resolveAnomaly(db, adminA, input));
    expect(done).toMatchObject({ status: 'resolved', resolvedAt: input.now, resolvedBy: adminA.id, note: input.note });
    expect(await resolveAnomaly(db, adminA, input)).toMatchObject({ ok: false, error: { kind: 'resolved' } });
    const open = must(await listAnomalies(db, viewerA, { districtId: districtA, status: 'open', limit: 10 })).anomalies;
    expect(open.map((a) => a.id)).not.toContain(edit.id);
    expect(must(await listAnomalies(db, viewerA, { districtId: districtA, status: 'resolved', limit: 10 })).anomalies.map((a) => a.id)).toEqual([edit.id]);
    // Detection again does not reopen or duplicate it.
    must(await detectAnomalies(db, adminA, { districtId: districtA, ...OCTOBER, now: NOW }));
    const [row] = await db.query(`SELECT count(*) AS n FROM anomalies WHERE kind = 'editCheck' AND district_id = $1`, [districtA], z.object({ n: dbCount }));
    expect(row?.n).toBe(1);
    const [state] = await db.query(`SELECT status FROM anomalies WHERE id = $1`, [edit.id], z.object({ status: z.string() }));
    expect(state?.status).toBe('resolved');
  });
});

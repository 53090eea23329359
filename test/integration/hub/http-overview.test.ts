/**
 * GET /api/v1/overview on both engines: each canteen's kiosks (active / revoked), last upload of an
 * active kiosk, worst clock skew, today's meals in the district's calendar (Asia/Shanghai, not UTC),
 * open anomalies and the district's totals — for the caller's district only, a viewer and a
 * counts:read token allowed, an empty district answered with nothing but zeros.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiToken } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import { startHubHttpServer } from '../../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../../server/http/hub-http-server.js';
import { OVERVIEW_PATH, overviewSchema } from '../../../shared/hub-api/overview-views.js';
import type { Overview } from '../../../shared/hub-api/overview-views.js';
import { HUB_PATHS, SESSION_COOKIE, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import { seedHubActors } from '../../helpers/hub-actors.js';
import { addMeal, seedCanteen, voidMeal } from '../../helpers/hub-meal-rows.js';
import type { SeededCanteen } from '../../helpers/hub-meal-rows.js';
import { call, setCookie } from './http-test-client.js';
import type { HttpAnswer } from './http-test-client.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

/** 01:00 on 25 November in Guangzhou, still the 24th in UTC: "today" is the 25th. */
const NOW = '2026-11-24T17:00:00.000Z';
const TODAY = '2026-11-25';
const YESTERDAY = '2026-11-24';
const PASSWORD = 'correct horse battery';

describe.each(engines)('the overview on $name', (engine) => {
  let db: HubDb;
  let server: HubHttpServer;
  let port: number;
  let dongshan: SeededCanteen;
  let beijingLu: SeededCanteen;
  let silent: SeededCanteen;
  let theirs: SeededCanteen;
  let readToken: string;
  const cookies = new Map<string, string>();

  function get(path: string, who: { login?: string; bearer?: string } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    if (who.login !== undefined) headers['Cookie'] = `${SESSION_COOKIE}=${cookies.get(who.login) ?? ''}`;
    if (who.bearer !== undefined) headers['Authorization'] = `Bearer ${who.bearer}`;
    return call(port, 'GET', path, { headers });
  }

  async function overviewAs(login: string): Promise<Overview> {
    const answer = await get(OVERVIEW_PATH, { login });
    expect(answer.status, answer.text).toBe(200);
    return overviewSchema.parse(answer.json);
  }

  async function device(deviceId: string, canteen: SeededCanteen, set: { lastUploadAt?: string | null; skewMs?: number | null; revokedAt?: string | null }): Promise<void> {
    await db.execute(`INSERT INTO devices (device_id, canteen_id, public_key, enrolled_at) VALUES ($1, $2, 'key-' || $1, '2026-01-01T00:00:00.000Z') ON CONFLICT (device_id) DO NOTHING`, [deviceId, canteen.id]);
    await db.execute(`UPDATE devices SET last_upload_at = $2, last_clock_skew_ms = $3, revoked_at = $4 WHERE device_id = $1`, [
      deviceId,
      set.lastUploadAt ?? null,
      set.skewMs ?? null,
      set.revokedAt ?? null,
    ]);
  }

  async function anomaly(districtId: number, canteen: SeededCanteen | null, key: string, status: 'open' | 'resolved'): Promise<void> {
    await db.execute(
      `INSERT INTO anomalies (district_id, canteen_id, kind, service_date, dedupe_key, detected_at, status) VALUES ($1, $2, 'lateUpload', $3, $4, $5, $6)`,
      [districtId, canteen?.id ?? null, YESTERDAY, key, NOW, status],
    );
  }

  beforeAll(async () => {
    db = await engine.open();
    const actors = await seedHubActors(db, { password: PASSWORD, now: '2026-01-01T00:00:00.000Z', loginPrefix: 'ov.' });
    // A district with no canteen at all.
    const emptyDistrict = must(await createDistrict(db, { actor: 'console', name: '荔湾区', regionCode: '440103', now: NOW }));
    must(await createAccount(db, { actor: 'console', districtId: emptyDistrict.id, login: 'ov.admin.empty', password: PASSWORD, role: 'admin', now: NOW }));
    readToken = must(await createApiToken(db, { actor: actors.adminA, accountId: actors.viewerA.id, scopes: ['counts:read'], name: 'city platform', now: NOW })).token;

    dongshan = await seedCanteen(db, actors.districtA, '东山长者饭堂', 'ds-1');
    beijingLu = await seedCanteen(db, actors.districtA, '北京街长者饭堂', 'bj-1');
    silent = await seedCanteen(db, actors.districtA, '大塘长者饭堂', 'dt-1');
    theirs = await seedCanteen(db, actors.districtB, '海珠长者饭堂', 'hz-1');

    // Today at 东山: two subsidised lunches and a full-price sale of 2, one more lunch voided; yesterday's meal is not today's.
    await addMeal(db, dongshan, { date: TODAY, elderId: '老人甲' });
    await addMeal(db, dongshan, { date: TODAY, elderId: '老人乙', ageBand: '60-69' });
    await addMeal(db, dongshan, { date: TODAY, elderId: null, quantity: 2 });
    const voided = await addMeal(db, dongshan, { date: TODAY, elderId: '老人丙' });
    await voidMeal(db, dongshan, voided);
    await addMeal(db, dongshan, { date: YESTERDAY, elderId: '老人甲' });
    // An unsubsidised elder's meal at 北京街 today.
    await addMeal(db, beijingLu, { date: TODAY, elderId: '老人丁', claimed: 0 });
    await addMeal(db, theirs, { date: TODAY, elderId: '老人戊', quantity: 1 });

    // 东山: a second active kiosk ahead by 6 minutes that uploaded later, and a revoked one that uploaded last and ran 9 minutes behind.
    await device('ds-1', dongshan, { lastUploadAt: '2026-11-24T16:00:00.000Z', skewMs: -1_000 });
    await device('ds-2', dongshan, { lastUploadAt: '2026-11-24T16:30:00.000Z', skewMs: 360_000 });
    await device('ds-old', dongshan, { lastUploadAt: '2026-11-24T16:59:00.000Z', skewMs: -540_000, revokedAt: '2026-11-24T16:59:30.000Z' });
    await device('bj-1', beijingLu, { lastUploadAt: '2026-11-22T00:00:00.000Z', skewMs: 2_000 });
    // 大塘: its only kiosk enrolled but never heard from.
    await device('dt-1', silent, { lastUploadAt: null, skewMs: null });

    await anomaly(actors.districtA, dongshan, 'a1', 'open');
    await anomaly(actors.districtA, dongshan, 'a2', 'open');
    await anomaly(actors.districtA, dongshan, 'a3', 'resolved');
    await anomaly(actors.districtA, null, 'a4', 'open');
    await anomaly(actors.districtB, theirs, 'b1', 'open');

    server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: tmpdir(), now: () => NOW, signInsPerMinute: 1000 });
    port = server.port;
    for (const login of ['ov.admin.a', 'ov.viewer.a', 'ov.admin.b', 'ov.admin.empty']) {
      const answer = await call(port, 'POST', HUB_PATHS.session, { body: { login, password: PASSWORD } });
      const cookie = setCookie(answer, SESSION_COOKIE);
      if (cookie === null) throw new Error(`no session for ${login}: ${answer.text}`);
      sessionViewSchema.parse(answer.json);
      cookies.set(login, cookie.value);
    }
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  it('counts each canteen of the district: kiosks, last upload and worst skew of active kiosks, today’s meals, open anomalies', async () => {
    const view = await overviewAs('ov.viewer.a');
    expect(view).toMatchObject({ today: TODAY, asOf: NOW });
    // Ordered by name in the database's collation; which order that is does not matter here.
    expect(view.canteens.map((c) => c.name).sort()).toEqual(['东山长者饭堂', '北京街长者饭堂', '大塘长者饭堂'].sort());
    const byId = new Map(view.canteens.map((c) => [c.canteenId, c]));
    expect(byId.get(dongshan.id)).toEqual({
      canteenId: dongshan.id,
      name: '东山长者饭堂',
      regionCode: '440104001',
      activeDevices: 2,
      revokedDevices: 1,
      lastUploadAt: '2026-11-24T16:30:00.000Z',
      worstClockSkewMs: 360_000,
      mealsToday: 4,
      claimableToday: 2,
      openAnomalies: 2,
    });
    expect(byId.get(beijingLu.id)).toMatchObject({ activeDevices: 1, revokedDevices: 0, lastUploadAt: '2026-11-22T00:00:00.000Z', worstClockSkewMs: 2_000, mealsToday: 1, claimableToday: 0, openAnomalies: 0 });
    expect(byId.get(silent.id)).toMatchObject({ activeDevices: 1, lastUploadAt: null, worstClockSkewMs: null, mealsToday: 0, claimableToday: 0, openAnomalies: 0 });
    // The district's own open anomaly that names no canteen counts in the total only.
    expect(view.totals).toEqual({ canteens: 3, activeDevices: 4, revokedDevices: 1, mealsToday: 5, claimableToday: 2, openAnomalies: 3 });
  });

  it('never shows another district’s canteens; each district sees its own', async () => {
    const ours = await overviewAs('ov.admin.a');
    expect(ours.canteens.map((c) => c.canteenId)).not.toContain(theirs.id);
    expect(JSON.stringify(ours)).not.toContain('海珠');
    const b = await overviewAs('ov.admin.b');
    expect(b.canteens.map((c) => c.canteenId)).toEqual([theirs.id]);
    expect(b.totals).toMatchObject({ canteens: 1, mealsToday: 1, openAnomalies: 1 });
  });

  it('answers an empty district with zeros', async () => {
    const view = await overviewAs('ov.admin.empty');
    expect(view.canteens).toEqual([]);
    expect(view.totals).toEqual({ canteens: 0, activeDevices: 0, revokedDevices: 0, mealsToday: 0, claimableToday: 0, openAnomalies: 0 });
  });

  it('takes a counts:read token, refuses no credentials', async () => {
    const byToken = await get(OVERVIEW_PATH, { bearer: readToken });
    expect(byToken.status).toBe(200);
    expect(overviewSchema.parse(byToken.json).canteens).toHaveLength(3);
    expect((await get(OVERVIEW_PATH)).status).toBe(401);
  });
});

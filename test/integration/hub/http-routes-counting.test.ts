/**
 * The counting routes over HTTP on both engines: daily counts, settlement and its approval, grading —
 * the caller's own district only, viewer reads and admin approves, a bad query named, CSV exports.
 * The figures themselves are counting.test.ts's; here the routes are what is tested.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiToken } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import { createCanteen } from '../../../server/enrolment/index.js';
import { startHubHttpServer } from '../../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../../server/http/hub-http-server.js';
import { averageEldersViewSchema, dailyCountsViewSchema, settlementApprovalSchema, settlementViewSchema } from '../../../shared/hub-api/counting-views.js';
import { apiErrorSchema, CSRF_HEADER, HUB_PATHS, hubPath, SESSION_COOKIE, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import { call, setCookie } from './http-test-client.js';
import type { CallOptions, HttpAnswer } from './http-test-client.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const PASSWORD = 'correct horse battery';

function error(answer: HttpAnswer): { kind: string; message: string } {
  return apiErrorSchema.parse(answer.json).error;
}

describe.each(engines)('counting routes on $name', (engine) => {
  let db: HubDb;
  let server: HubHttpServer;
  let port: number;
  let canteenA: number;
  let canteenB: number;

  interface Browser {
    readonly cookie: string;
    readonly csrf: string;
  }

  function req(method: string, path: string, options: CallOptions & { as?: Browser; bearer?: string } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as !== undefined) {
      headers['Cookie'] = `${SESSION_COOKIE}=${options.as.cookie}`;
      if (method !== 'GET') headers[CSRF_HEADER] ??= options.as.csrf;
    }
    if (options.bearer !== undefined) headers['Authorization'] = `Bearer ${options.bearer}`;
    return call(port, method, path, { ...options, headers });
  }

  async function signIn(login: string): Promise<Browser> {
    const answer = await req('POST', HUB_PATHS.session, { body: { login, password: PASSWORD } });
    const cookie = setCookie(answer, SESSION_COOKIE);
    if (cookie === null) throw new Error(`no session cookie: ${answer.text}`);
    return { cookie: cookie.value, csrf: sessionViewSchema.parse(answer.json).csrfToken };
  }

  let adminA: Browser;
  let viewerA: Browser;
  let adminB: Browser;
  let readToken: string;

  beforeAll(async () => {
    db = await engine.open();
    const districtA = must(await createDistrict(db, { actor: 'console', name: '越秀区', regionCode: '440104', now: T0 }));
    const districtB = must(await createDistrict(db, { actor: 'console', name: '海珠区', regionCode: '440105', now: T0 }));
    const admin = must(await createAccount(db, { actor: 'console', districtId: districtA.id, login: 'admin.a', password: PASSWORD, role: 'admin', now: T0 }));
    const viewer = must(await createAccount(db, { actor: admin, districtId: districtA.id, login: 'viewer.a', password: PASSWORD, role: 'viewer', now: T0 }));
    must(await createAccount(db, { actor: 'console', districtId: districtB.id, login: 'admin.b', password: PASSWORD, role: 'admin', now: T0 }));
    readToken = must(await createApiToken(db, { actor: admin, accountId: viewer.id, scopes: ['counts:read'], name: 'city platform', now: T0 })).token;
    canteenA = must(await createCanteen(db, { actor: 'console', districtId: districtA.id, name: '登峰长者饭堂', regionCode: '440104', address: '', operatorName: '', now: T0 })).id;
    canteenB = must(await createCanteen(db, { actor: 'console', districtId: districtB.id, name: '=HYPERLINK("x")', regionCode: '440105', address: '', operatorName: '', now: T0 })).id;
    server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: tmpdir(), now: () => T0, signInsPerMinute: 1000 });
    port = server.port;
    [adminA, viewerA, adminB] = [await signIn('admin.a'), await signIn('viewer.a'), await signIn('admin.b')];
  }, 90_000);

  afterAll(async () => {
    await server.close();
  });

  it('answers daily counts of the own district with every date in the series; names a bad query; refuses another district’s canteen', async () => {
    const path = `${HUB_PATHS.countsDaily}?from=2026-11-01&to=2026-11-07`;
    const view = dailyCountsViewSchema.parse((await req('GET', path, { as: viewerA })).json);
    expect(view).toMatchObject({ from: '2026-11-01', to: '2026-11-07', canteenId: null, rows: [] });
    expect(view.series).toHaveLength(7);
    const one = await req('GET', `${path}&canteenId=${canteenA}`, { as: viewerA });
    expect(dailyCountsViewSchema.parse(one.json).canteenId).toBe(canteenA);
    const theirs = await req('GET', `${path}&canteenId=${canteenB}`, { as: viewerA });
    const none = await req('GET', `${path}&canteenId=999999`, { as: viewerA });
    expect([theirs.status, none.status]).toEqual([404, 404]);
    expect(theirs.json).toEqual(none.json);
    expect(theirs.text).not.toContain('HYPERLINK');
    const bad = await req('GET', `${HUB_PATHS.countsDaily}?from=2026-11-31&to=2026-11-07`, { as: viewerA });
    expect([bad.status, error(bad).kind]).toEqual([400, 'badQuery']);
    expect(error(bad).message).toContain('from');
    const missing = await req('GET', `${HUB_PATHS.countsDaily}?from=2026-11-01`, { as: viewerA });
    expect(error(missing).message).toContain('to');
    const backwards = await req('GET', `${HUB_PATHS.countsDaily}?from=2026-11-07&to=2026-11-01`, { as: viewerA });
    expect([backwards.status, error(backwards).kind]).toEqual([400, 'badRange']);
    expect((await req('GET', path, { bearer: readToken })).status).toBe(200);
    expect((await req('GET', path)).status).toBe(401);
  });

  it('shows the month’s settlement; only an admin approves, only an ended month, and approving it again is refused', async () => {
    const view = settlementViewSchema.parse((await req('GET', hubPath(HUB_PATHS.settlement, { month: '2026-10' }), { as: viewerA })).json);
    expect(view).toMatchObject({ month: '2026-10', state: 'draft', approval: null });
    expect(view.canteens.map((c) => c.canteenId)).not.toContain(canteenB);
    const byViewer = await req('POST', hubPath(HUB_PATHS.settlementApprove, { month: '2026-10' }), { as: viewerA });
    expect([byViewer.status, error(byViewer).kind]).toEqual([403, 'forbidden']);
    const notEnded = await req('POST', hubPath(HUB_PATHS.settlementApprove, { month: '2026-11' }), { as: adminA });
    expect([notEnded.status, error(notEnded).kind]).toEqual([409, 'notEnded']);
    const approved = await req('POST', hubPath(HUB_PATHS.settlementApprove, { month: '2026-10' }), { as: adminA });
    expect(approved.status, approved.text).toBe(200);
    expect(settlementApprovalSchema.parse(approved.json)).toMatchObject({ revision: 1, approvedAt: T0, approvedByLogin: 'admin.a' });
    const again = await req('POST', hubPath(HUB_PATHS.settlementApprove, { month: '2026-10' }), { as: adminA });
    expect(again.status).toBe(409);
    expect(settlementViewSchema.parse((await req('GET', hubPath(HUB_PATHS.settlement, { month: '2026-10' }), { as: viewerA })).json).state).toBe('approved');
    // Another district's month is its own: B's October is still a draft.
    expect(settlementViewSchema.parse((await req('GET', hubPath(HUB_PATHS.settlement, { month: '2026-10' }), { as: adminB })).json).state).toBe('draft');
    expect((await req('GET', hubPath(HUB_PATHS.settlement, { month: '2026-13' }), { as: viewerA })).status).toBe(404);
  });

  it('answers grading and exports each table as CSV (with a session; a counts-only token may not download)', async () => {
    const grading = averageEldersViewSchema.parse((await req('GET', hubPath(HUB_PATHS.grading, { month: '2026-10' }), { as: viewerA })).json);
    expect(grading.month).toBe('2026-10');
    for (const path of [`${HUB_PATHS.countsDaily}?from=2026-11-01&to=2026-11-02`, hubPath(HUB_PATHS.settlement, { month: '2026-10' }), hubPath(HUB_PATHS.grading, { month: '2026-10' })]) {
      const csv = await req('GET', `${path}${path.includes('?') ? '&' : '?'}format=csv`, { as: viewerA });
      expect(csv.status, `${path}: ${csv.text}`).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('attachment');
      expect((await req('GET', `${path}${path.includes('?') ? '&' : '?'}format=csv`, { bearer: readToken })).status).toBe(403);
    }
  });
});

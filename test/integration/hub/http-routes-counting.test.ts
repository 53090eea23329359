/**
 * The counting routes over HTTP on both engines: daily counts, settlement and its approval, grading —
 * the caller's own district only, viewer reads and admin approves, a bad query named, CSV exports.
 * The figures themselves are counting.test.ts's; here the routes are what is tested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanteen } from '../../../server/enrolment/index.js';
import { averageEldersViewSchema, dailyCountsViewSchema, settlementApprovalSchema, settlementViewSchema } from '../../../shared/hub-api/counting-views.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { apiError as error, startHubHttpFixture } from '../../helpers/hub-http-fixture.js';
import type { HubHttpFixture, HubRequest, SignedInBrowser } from '../../helpers/hub-http-fixture.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';

describe.each(engines)('counting routes on $name', (engine) => {
  let hub: HubHttpFixture;
  let req: HubRequest, readToken: string;
  let adminA: SignedInBrowser, viewerA: SignedInBrowser, adminB: SignedInBrowser;
  let canteenA: number;
  let canteenB: number;

  beforeAll(async () => {
    hub = await startHubHttpFixture(engine, { now: T0 });
    ({ req, readToken, adminA, viewerA, adminB } = hub);
    const { db, actors } = hub;
    canteenA = must(await createCanteen(db, { actor: 'console', districtId: actors.districtA, name: '登峰长者饭堂', regionCode: '440104', address: '', operatorName: '', now: T0 })).id;
    canteenB = must(await createCanteen(db, { actor: 'console', districtId: actors.districtB, name: '=HYPERLINK("x")', regionCode: '440105', address: '', operatorName: '', now: T0 })).id;
  }, 90_000);

  afterAll(() => hub.close());

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

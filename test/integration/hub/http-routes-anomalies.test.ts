/**
 * The anomaly routes over HTTP on both engines: the list with its filters and CSV export, one anomaly,
 * resolving (admin only, once); another district's anomaly is a 404 like one that does not exist.
 * Detection itself is anomalies.test.ts's; the rows here are written as detection writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { HubDb } from '../../../server/db/index.js';
import { createCanteen } from '../../../server/enrolment/index.js';
import { anomalyDetailSchema, anomalyPageSchema, anomalySchema } from '../../../shared/hub-api/counting-views.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { apiError as error, startHubHttpFixture } from '../../helpers/hub-http-fixture.js';
import type { HubHttpFixture, HubRequest, SignedInBrowser } from '../../helpers/hub-http-fixture.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';

describe.each(engines)('anomaly routes on $name', (engine) => {
  let hub: HubHttpFixture;
  let db: HubDb, req: HubRequest, readToken: string;
  let adminA: SignedInBrowser, viewerA: SignedInBrowser, adminB: SignedInBrowser;
  let anomalyA: number;
  let anomalyB: number;

  beforeAll(async () => {
    hub = await startHubHttpFixture(engine, { now: T0 });
    ({ db, req, readToken, adminA, viewerA, adminB } = hub);
    const { districtA, districtB } = hub.actors;
    const canteenA = must(await createCanteen(db, { actor: 'console', districtId: districtA, name: '=HYPERLINK("x")', regionCode: '440104', address: '', operatorName: '', now: T0 })).id;
    const canteenB = must(await createCanteen(db, { actor: 'console', districtId: districtB, name: '瑞宝长者饭堂', regionCode: '440105', address: '', operatorName: '', now: T0 })).id;
    const insert = async (districtId: number, canteenId: number, key: string): Promise<number> => {
      const [row] = await db.query(
        `INSERT INTO anomalies (district_id, canteen_id, kind, service_date, dedupe_key, details, detected_at) VALUES ($1, $2, 'clockSkew', '2026-10-06', $3, '{"skewMs": 600000}', $4) RETURNING id`,
        [districtId, canteenId, key, T0],
        z.object({ id: z.coerce.number() }),
      );
      if (row === undefined) throw new Error('no anomaly');
      return row.id;
    };
    anomalyA = await insert(districtA, canteenA, 'clock|a');
    anomalyB = await insert(districtB, canteenB, 'clock|b');
  }, 90_000);

  afterAll(() => hub.close());

  it('lists the own district’s anomalies with filters; names a bad filter; exports CSV with formulas defused', async () => {
    const page = anomalyPageSchema.parse((await req('GET', `${HUB_PATHS.anomalies}?status=open&kind=clockSkew`, { as: viewerA })).json);
    expect(page.anomalies.map((a) => a.id)).toEqual([anomalyA]);
    expect(anomalyPageSchema.parse((await req('GET', `${HUB_PATHS.anomalies}?kind=gap`, { as: viewerA })).json).anomalies).toEqual([]);
    const bad = await req('GET', `${HUB_PATHS.anomalies}?kind=nonsense`, { as: viewerA });
    expect([bad.status, error(bad).kind]).toEqual([400, 'badQuery']);
    expect(error(bad).message).toContain('kind');
    const csv = await req('GET', `${HUB_PATHS.anomalies}?format=csv`, { as: viewerA });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect(csv.text).not.toContain('瑞宝');
    expect((await req('GET', HUB_PATHS.anomalies, { bearer: readToken })).status).toBe(200);
    expect((await req('GET', `${HUB_PATHS.anomalies}?format=csv`, { bearer: readToken })).status).toBe(403);
  });

  it('reads one anomaly; another district’s is a 404 like none', async () => {
    const detail = anomalyDetailSchema.parse((await req('GET', hubPath(HUB_PATHS.anomaly, { id: anomalyA }), { as: viewerA })).json);
    expect(detail.anomaly).toMatchObject({ id: anomalyA, kind: 'clockSkew', status: 'open' });
    const theirs = await req('GET', hubPath(HUB_PATHS.anomaly, { id: anomalyB }), { as: viewerA });
    const none = await req('GET', hubPath(HUB_PATHS.anomaly, { id: 999999 }), { as: viewerA });
    expect([theirs.status, none.status]).toEqual([404, 404]);
    expect(theirs.json).toEqual(none.json);
  });

  it('resolves with a note (admin only, once; not another district’s); an empty note is named', async () => {
    const path = hubPath(HUB_PATHS.anomalyResolve, { id: anomalyA });
    const byViewer = await req('POST', path, { as: viewerA, body: { note: '已核实' } });
    expect([byViewer.status, error(byViewer).kind]).toEqual([403, 'forbidden']);
    const empty = await req('POST', path, { as: adminA, body: { note: '' } });
    expect([empty.status, error(empty).kind]).toEqual([400, 'badRequest']);
    expect(error(empty).message).toContain('note');
    const byB = await req('POST', path, { as: adminB, body: { note: '不是我们的' } });
    expect(byB.status).toBe(404);
    const done = await req('POST', path, { as: adminA, body: { note: '设备时钟已校准' } });
    expect(done.status, done.text).toBe(200);
    expect(anomalySchema.parse(done.json)).toMatchObject({ status: 'resolved', note: '设备时钟已校准', resolvedAt: T0 });
    expect((await req('POST', path, { as: adminA, body: { note: '再次' } })).status).toBe(409);
    expect(anomalyPageSchema.parse((await req('GET', `${HUB_PATHS.anomalies}?status=open`, { as: viewerA })).json).anomalies).toEqual([]);
  });
});

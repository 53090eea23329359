/**
 * POST /api/v1/upload over HTTP, on both engines: a body that is not declared application/json is
 * refused with 415 in the upload's own refusal shape (what a kiosk parses), before anything is read
 * as a batch — and the same signed batch, declared as JSON, is then taken whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dbCount } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { startHubHttpServer } from '../../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../../server/http/hub-http-server.js';
import { HUB_PATHS } from '../../../shared/hub-api/routes.js';
import { uploadAcceptedSchema, uploadRefusedSchema } from '../../../shared/hub-api/upload.js';
import { makeHubDistrict, testElder } from '../../helpers/hub-upload.js';
import type { TestKiosk } from '../../helpers/hub-upload.js';
import { loadPolicy } from '../../helpers/policies.js';
import { call } from './http-test-client.js';
import { useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
const NOW = '2026-11-24T08:00:00.000Z';

describe.each(engines)('the upload route on $name', (engine) => {
  let db: HubDb;
  let server: HubHttpServer;
  let kiosk: TestKiosk;
  /** The web app's folder the server requires; this suite asks it for nothing. */
  let webDir: string;

  beforeAll(async () => {
    db = await engine.open();
    const hub = await makeHubDistrict(db, { policies: [loadPolicy('guangzhou-2026-v2')] });
    kiosk = await hub.kiosk(await hub.canteen('媒体类型饭堂', '440104001'));
    kiosk.checkin(testElder('mt-80', '1940-03-01', { region: '440104001' }), { at: '2026-11-24T03:00:00.000Z' });
    webDir = mkdtempSync(join(tmpdir(), 'zhucan-upload-route-'));
    server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: webDir, now: () => NOW });
  }, 90_000);

  afterAll(async () => {
    await server.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const stored = async (): Promise<{ records: number; uploads: number }> => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM ledger_records WHERE device_id = $1) AS records, (SELECT count(*) FROM uploads WHERE device_id = $1) AS uploads`,
      [kiosk.deviceId],
      z.object({ records: dbCount, uploads: dbCount }),
    );
    return row ?? { records: -1, uploads: -1 };
  };

  it('refuses a batch that is not declared application/json with 415 in the refusal shape, then takes it as JSON', async () => {
    const batch = JSON.stringify(kiosk.batch({ sentAt: NOW }));
    const asText = await call(server.port, 'POST', HUB_PATHS.upload, { body: batch, headers: { 'Content-Type': 'text/plain' } });
    expect(asText.status).toBe(415);
    expect(uploadRefusedSchema.parse(asText.json)).toEqual({ ok: false, kind: 'badRequest', message: '请求内容须为 application/json' });
    const undeclared = await call(server.port, 'POST', HUB_PATHS.upload, { body: batch, headers: { 'Accept-Language': 'en' } });
    expect(undeclared.status).toBe(415);
    expect(uploadRefusedSchema.parse(undeclared.json)).toEqual({ ok: false, kind: 'badRequest', message: 'The request body must be application/json' });
    const form = await call(server.port, 'POST', HUB_PATHS.upload, { body: batch, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await stored()).toEqual({ records: 0, uploads: 0 });

    const asJson = await call(server.port, 'POST', HUB_PATHS.upload, { body: batch, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(asJson.status, asJson.text).toBe(200);
    expect(uploadAcceptedSchema.parse(asJson.json)).toMatchObject({ ok: true, accepted: 1, duplicates: 0 });
    expect(await stored()).toEqual({ records: 1, uploads: 1 });
  });
});

/**
 * The hub's HTTP API on both engines, as a browser, a script and an attacker reach it: sign-in with
 * cookie flags, lockout and the per-address limiter; CSRF and Origin / Host checks; roles and
 * districts; API token scopes and revocation; body limits, bad JSON and media types; SQL-ish text
 * stored verbatim; exports; kiosk enrolment and the upload's refusal shape; the web app's files with
 * traversal refused.
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict, districtSigningKey } from '../../../server/districts/index.js';
import type { District } from '../../../server/districts/index.js';
import { startHubHttpServer } from '../../../server/http/hub-http-server.js';
import type { HubHttpServer } from '../../../server/http/hub-http-server.js';
import { openApiDocument } from '../../../server/http/openapi.js';
import { defineRoute } from '../../../server/http/route.js';
import { hubRoutes } from '../../../server/http/routes/index.js';
import {
  apiErrorSchema,
  apiTokenListSchema,
  canteenDetailSchema,
  canteenListSchema,
  canteenViewSchema,
  CSRF_HEADER,
  enrolmentCodeViewSchema,
  newApiTokenSchema,
  SESSION_COOKIE,
  sessionViewSchema,
} from '../../../shared/hub-api/routes.js';
import { enrolResponseSchema, MAX_UPLOAD_BYTES, uploadRefusedSchema } from '../../../shared/hub-api/upload.js';
import { call, setCookie } from './http-test-client.js';
import type { CallOptions, HttpAnswer } from './http-test-client.js';
import { allText, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const PASSWORD = 'correct horse battery';
const SQLISH = `'; DROP TABLE accounts; --`;
const EVIL = `Robert'); DELETE FROM canteens WHERE ('1'='1`;

function errorKind(answer: HttpAnswer): string {
  return apiErrorSchema.parse(answer.json).error.kind;
}

/** The web app's built folder, and a secret beside it that no request may read. */
function webAppFolder(): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'zhucan-hub-web-'));
  const dir = join(root, 'app');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>助餐</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export const app = 1;');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  return { root, dir };
}

describe.each(engines)('the hub over HTTP on $name', (engine) => {
  let db: HubDb;
  let server: HubHttpServer;
  let port: number;
  let web: { root: string; dir: string };
  let districtA: District;
  let districtB: District;
  let clock = T0;

  /** A signed-in browser: its cookie and CSRF token. */
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

  async function signIn(login: string, password = PASSWORD): Promise<Browser> {
    const answer = await req('POST', '/api/v1/session', { body: { login, password } });
    expect(answer.status, answer.text).toBe(200);
    const cookie = setCookie(answer, SESSION_COOKIE);
    if (cookie === null) throw new Error('no session cookie');
    return { cookie: cookie.value, csrf: sessionViewSchema.parse(answer.json).csrfToken };
  }

  let adminA: Browser;
  let viewerA: Browser;
  let adminB: Browser;

  beforeAll(async () => {
    db = await engine.open();
    districtA = must(await createDistrict(db, { actor: 'console', name: '越秀区', regionCode: '440104', now: T0 }));
    districtB = must(await createDistrict(db, { actor: 'console', name: '海珠区', regionCode: '440105', now: T0 }));
    const admin = must(await createAccount(db, { actor: 'console', districtId: districtA.id, login: 'admin.a', password: PASSWORD, role: 'admin', now: T0 }));
    must(await createAccount(db, { actor: admin, districtId: districtA.id, login: 'viewer.a', password: PASSWORD, role: 'viewer', now: T0 }));
    must(await createAccount(db, { actor: admin, districtId: districtA.id, login: 'locked.a', password: PASSWORD, role: 'viewer', now: T0 }));
    must(await createAccount(db, { actor: 'console', districtId: districtB.id, login: 'admin.b', password: PASSWORD, role: 'admin', now: T0 }));
    web = webAppFolder();
    server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: web.dir, now: () => clock, signInsPerMinute: 1000 });
    port = server.port;
    [adminA, viewerA, adminB] = [await signIn('admin.a'), await signIn('viewer.a'), await signIn('admin.b')];
  }, 90_000);

  afterAll(async () => {
    await server.close();
    rmSync(web.root, { recursive: true, force: true });
  });

  it('signs in with a Strict, HttpOnly cookie and a CSRF token; refuses a wrong password in the asked language', async () => {
    const answer = await req('POST', '/api/v1/session', { body: { login: 'Admin.A', password: PASSWORD } });
    expect(answer.status).toBe(200);
    const cookie = setCookie(answer, SESSION_COOKIE);
    expect(cookie?.header).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=86400$/);
    expect(cookie?.header).not.toMatch(/Secure/);
    const view = sessionViewSchema.parse(answer.json);
    expect(view.account).toMatchObject({ login: 'admin.a', role: 'admin', district: { id: districtA.id, name: '越秀区', regionCode: '440104' } });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const wrong = await req('POST', '/api/v1/session', { body: { login: 'admin.a', password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(apiErrorSchema.parse(wrong.json).error).toEqual({ kind: 'badCredentials', message: '登录名或密码不正确' });
    const english = await req('POST', '/api/v1/session', { body: { login: 'nobody', password: 'not the password' }, headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(apiErrorSchema.parse(english.json).error).toEqual({ kind: 'badCredentials', message: 'Wrong login or password' });
    expect(setCookie(wrong, SESSION_COOKIE)).toBeNull();
  });

  it('GET /session gives the CSRF token back; sign-out needs it, then the cookie no longer works', async () => {
    const me = await signIn('viewer.a');
    const view = await req('GET', '/api/v1/session', { as: me });
    expect(view.status).toBe(200);
    expect(sessionViewSchema.parse(view.json).csrfToken).toBe(me.csrf);
    expect((await req('DELETE', '/api/v1/session', { as: me, headers: { [CSRF_HEADER]: '' } })).status).toBe(403);
    const forged = await req('DELETE', '/api/v1/session', { as: me, headers: { [CSRF_HEADER]: viewerA.csrf } });
    expect([forged.status, errorKind(forged)]).toEqual([403, 'csrf']);
    const out = await req('DELETE', '/api/v1/session', { as: me });
    expect(out.status).toBe(200);
    expect(setCookie(out, SESSION_COOKIE)?.header).toMatch(/^zhucan_session=; .*Max-Age=0/);
    const after = await req('GET', '/api/v1/session', { as: me });
    expect([after.status, errorKind(after)]).toEqual([401, 'unauthenticated']);
    expect((await req('GET', '/api/v1/session')).status).toBe(401);
  });

  it('locks an account after five wrong passwords: even the right one is then refused (429)', async () => {
    for (let i = 0; i < 5; i += 1) {
      const wrong = await req('POST', '/api/v1/session', { body: { login: 'locked.a', password: `wrong password ${i}` } });
      expect(wrong.status).toBe(i < 4 ? 401 : 429);
    }
    const right = await req('POST', '/api/v1/session', { body: { login: 'locked.a', password: PASSWORD } });
    expect([right.status, errorKind(right)]).toEqual([429, 'locked']);
    expect(setCookie(right, SESSION_COOKIE)).toBeNull();
  });

  it('refuses another Host (DNS rebinding) and another Origin on unsafe methods', async () => {
    const host = await req('GET', '/api/v1/session', { as: adminA, headers: { Host: 'evil.example:80' } });
    expect([host.status, errorKind(host)]).toEqual([400, 'badHost']);
    const origin = await req('POST', '/api/v1/session', { body: { login: 'admin.a', password: PASSWORD }, headers: { Origin: 'https://evil.example' } });
    expect([origin.status, errorKind(origin)]).toEqual([403, 'badOrigin']);
    const own = await req('POST', '/api/v1/canteens', { as: adminA, body: { name: '同源测试饭堂', regionCode: '440104' }, headers: { Origin: `http://localhost:${port}` } });
    expect(own.status).toBe(201);
  });

  it('lets a viewer read but not create; an admin creates; SQL-ish text is stored verbatim and harmless', async () => {
    const body = { name: SQLISH, regionCode: '440104001', address: EVIL, operatorName: `O'Brien "社工" \\ ; --` };
    const byViewer = await req('POST', '/api/v1/canteens', { as: viewerA, body });
    expect([byViewer.status, errorKind(byViewer)]).toEqual([403, 'forbidden']);
    const made = await req('POST', '/api/v1/canteens', { as: adminA, body });
    expect(made.status).toBe(201);
    const canteen = canteenViewSchema.parse(made.json);
    expect(canteen).toMatchObject(body);
    const read = canteenDetailSchema.parse((await req('GET', `/api/v1/canteens/${canteen.id}`, { as: viewerA })).json);
    expect(read).toEqual({ canteen, devices: [] });
    const account = await req('POST', '/api/v1/accounts', { as: adminA, body: { login: EVIL, password: PASSWORD, role: 'viewer' } });
    expect(account.status).toBe(201);
    await signIn(EVIL);
    expect(await allText(db, 'accounts')).toContain('admin.b');
    const list = canteenListSchema.parse((await req('GET', '/api/v1/canteens', { as: viewerA })).json);
    expect(list.canteens.map((c) => c.name)).toContain(SQLISH);
    expect((await req('GET', '/api/v1/accounts', { as: viewerA })).status).toBe(403);
  });

  it("answers another district's canteen exactly like one that does not exist", async () => {
    const made = canteenViewSchema.parse((await req('POST', '/api/v1/canteens', { as: adminA, body: { name: '东山长者饭堂', regionCode: '440104' } })).json);
    const theirs = await req('GET', `/api/v1/canteens/${made.id}`, { as: adminB });
    const none = await req('GET', '/api/v1/canteens/999999', { as: adminB });
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(none.json);
    expect(theirs.text).not.toContain('东山');
    const code = await req('POST', `/api/v1/canteens/${made.id}/codes`, { as: adminB, body: {} });
    expect(code.json).toEqual(none.json);
    const listB = canteenListSchema.parse((await req('GET', '/api/v1/canteens', { as: adminB })).json);
    expect(listB.canteens).toEqual([]);
    expect((await req('GET', '/api/v1/canteens/abc', { as: adminA })).status).toBe(404);
  });

  it('API tokens: scoped, never on session-only routes, and dead once revoked', async () => {
    const made = await req('POST', '/api/v1/tokens', { as: adminA, body: { name: '市数据平台', scopes: ['counts:read'] } });
    expect(made.status).toBe(201);
    const token = newApiTokenSchema.parse(made.json);
    expect((await req('GET', '/api/v1/canteens', { bearer: token.token })).status).toBe(200);
    for (const [method, path] of [['GET', '/api/v1/accounts'], ['GET', '/api/v1/session'], ['POST', '/api/v1/tokens'], ['GET', '/api/v1/tokens']] as const) {
      const answer = await req(method, path, { bearer: token.token, body: method === 'POST' ? { name: 'x', scopes: ['counts:read'] } : undefined });
      expect([path, answer.status, errorKind(answer)]).toEqual([path, 403, 'forbidden']);
    }
    const exportsOnly = newApiTokenSchema.parse((await req('POST', '/api/v1/tokens', { as: viewerA, body: { name: '导出', scopes: ['exports:read'] } })).json);
    const noScope = await req('GET', '/api/v1/canteens', { bearer: exportsOnly.token });
    expect([noScope.status, errorKind(noScope)]).toEqual([403, 'scope']);
    // A download is what exports:read grants; counts:read alone reads the JSON only.
    expect((await req('GET', '/api/v1/canteens?format=csv', { bearer: exportsOnly.token })).status).toBe(200);
    const countsCsv = await req('GET', '/api/v1/canteens?format=xlsx', { bearer: token.token });
    expect([countsCsv.status, errorKind(countsCsv)]).toEqual([403, 'scope']);
    const viewerWrite = await req('POST', '/api/v1/tokens', { as: viewerA, body: { name: '写', scopes: ['roster:write'] } });
    expect(viewerWrite.status).toBe(403);

    const listAnswer = await req('GET', '/api/v1/tokens', { as: viewerA });
    expect(apiTokenListSchema.parse(listAnswer.json).tokens.map((t) => t.name)).toEqual(['导出']);
    expect(listAnswer.text).not.toContain(exportsOnly.token);
    const adminList = apiTokenListSchema.parse((await req('GET', '/api/v1/tokens', { as: adminA })).json);
    expect(adminList.tokens.map((t) => t.name).sort()).toEqual(['导出', '市数据平台']);
    expect((await req('DELETE', `/api/v1/tokens/${token.id}`, { as: viewerA })).status).toBe(403);
    expect((await req('DELETE', `/api/v1/tokens/${token.id}`, { as: adminA })).status).toBe(200);
    const revoked = await req('GET', '/api/v1/canteens', { bearer: token.token });
    expect([revoked.status, errorKind(revoked)]).toEqual([401, 'invalid']);
    expect((await req('GET', '/api/v1/canteens', { bearer: 'not-a-token' })).status).toBe(401);
  });

  it('refuses bodies over the limit (413) without reading them, bad JSON (400), other media types (415), bad fields by name', async () => {
    const big = await req('POST', '/api/v1/session', { body: JSON.stringify({ login: 'x'.repeat(70 * 1024), password: 'y' }), headers: { 'Content-Type': 'application/json' } });
    expect([big.status, errorKind(big)]).toEqual([413, 'tooLarge']);
    const declared = await req('POST', '/api/v1/upload', { body: '{"deviceId":', declaredLength: MAX_UPLOAD_BYTES + 1 });
    expect(declared.status).toBe(413);
    expect(uploadRefusedSchema.parse(declared.json).kind).toBe('tooLarge');
    const broken = await req('POST', '/api/v1/session', { body: '{"login": "admin.a", ', headers: { 'Content-Type': 'application/json' } });
    expect(apiErrorSchema.parse(broken.json).error).toEqual({ kind: 'badRequest', message: '请求内容不是有效的 JSON' });
    expect(broken.status).toBe(400);
    const form = await req('POST', '/api/v1/session', { body: 'login=admin.a&password=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect([form.status, errorKind(form)]).toEqual([415, 'unsupportedMediaType']);
    const field = await req('POST', '/api/v1/canteens', { as: adminA, body: { name: '好名字', regionCode: '44' }, headers: { 'Accept-Language': 'en' } });
    expect(field.status).toBe(400);
    expect(apiErrorSchema.parse(field.json).error.message).toContain('regionCode');
    const extra = await req('POST', '/api/v1/session', { body: { login: 'admin.a', password: PASSWORD, admin: true } });
    expect(extra.status).toBe(400);
    expect((await req('PUT', '/api/v1/session', { as: adminA })).status).toBe(405);
    expect((await req('GET', '/api/v1/nothing-here')).status).toBe(404);
  });

  it('exports a list as CSV (formulas defused, Chinese file name) and XLSX; refuses an unknown format', async () => {
    await req('POST', '/api/v1/canteens', { as: adminA, body: { name: '=HYPERLINK("http://evil")', regionCode: '440104' } });
    const csv = await req('GET', '/api/v1/canteens?format=csv', { as: viewerA });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="canteens.csv"; filename*=UTF-8''${encodeURIComponent('助餐点.csv')}`);
    expect(csv.text.startsWith('\uFEFF助餐点编号 Canteen id,助餐点 Canteen,行政区划代码 Region code,地址 Address,运营方 Operator,建档时间 Created at\r\n')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.text).toContain(`\r\n${(canteenListSchema.parse((await req('GET', '/api/v1/canteens', { as: viewerA })).json).canteens.find((c) => c.name === SQLISH)?.id ?? 0)},'; DROP TABLE accounts; --,`);
    const xlsx = await req('GET', '/api/v1/canteens?format=xlsx', { as: viewerA });
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const json = await req('GET', '/api/v1/canteens?format=json', { as: viewerA });
    expect(canteenListSchema.parse(json.json).canteens.length).toBeGreaterThan(0);
    const pdf = await req('GET', '/api/v1/canteens?format=pdf', { as: viewerA });
    expect([pdf.status, errorKind(pdf)]).toEqual([400, 'badQuery']);
  });

  it("enrols a kiosk once with the district's key; revoking it shows on the canteen; uploads answer in the wire format", async () => {
    const canteen = canteenViewSchema.parse((await req('POST', '/api/v1/canteens', { as: adminA, body: { name: '登峰长者饭堂', regionCode: '440104' } })).json);
    expect((await req('POST', `/api/v1/canteens/${canteen.id}/codes`, { as: viewerA, body: {} })).status).toBe(403);
    const code = enrolmentCodeViewSchema.parse((await req('POST', `/api/v1/canteens/${canteen.id}/codes`, { as: adminA })).json);
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const enrol = { code: code.code, deviceId: 'kiosk-登峰-1', publicKey };
    const enrolled = await req('POST', '/api/v1/enrol', { body: enrol });
    expect(enrolled.status).toBe(201);
    expect(enrolResponseSchema.parse(enrolled.json)).toEqual({
      deviceId: 'kiosk-登峰-1',
      canteen: { id: canteen.id, name: '登峰长者饭堂', regionCode: '440104', districtName: '越秀区' },
      districtKey: districtA.publicKey,
      enrolledAt: clock,
    });
    const again = await req('POST', '/api/v1/enrol', { body: { ...enrol, deviceId: 'kiosk-2' } });
    expect([again.status, errorKind(again)]).toEqual([409, 'used']);

    const path = `/api/v1/devices/${encodeURIComponent('kiosk-登峰-1')}/revoke`;
    expect((await req('POST', path, { as: adminB })).status).toBe(404);
    clock = '2026-11-24T09:00:00.000Z';
    const revoked = await req('POST', path, { as: adminA });
    expect(revoked.json).toEqual({ deviceId: 'kiosk-登峰-1', revokedAt: clock });
    const detail = canteenDetailSchema.parse((await req('GET', `/api/v1/canteens/${canteen.id}`, { as: viewerA })).json);
    expect(detail.devices).toEqual([{ deviceId: 'kiosk-登峰-1', enrolledAt: T0, revokedAt: clock, headSeq: 0, lastUploadAt: null, clockSkewMs: null }]);

    const notJson = await req('POST', '/api/v1/upload', { body: '{"deviceId": "kiosk', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(uploadRefusedSchema.parse(notJson.json)).toMatchObject({ ok: false, kind: 'badRequest' });
    const shapeless = await req('POST', '/api/v1/upload', { body: { deviceId: 'kiosk-登峰-1' } });
    expect(uploadRefusedSchema.parse(shapeless.json).kind).toBe('badRequest');
  });

  it('serves the web app with its CSP, falls back to index.html for app pages, and never leaves its folder', async () => {
    const index = await req('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self';/);
    expect(index.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await req('GET', '/canteens/3')).text).toBe(index.text);
    const asset = await req('GET', '/assets/app.js');
    expect([asset.status, asset.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await req('GET', '/assets/missing.js')).status).toBe(404);
    for (const path of ['/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/assets/../../secret.txt', '/assets/%00.js']) {
      const answer = await req('GET', path);
      expect(answer.status === 400 || answer.status === 404 || answer.text === index.text).toBe(true);
      expect(answer.text).not.toContain('TOP-SECRET');
    }
    expect((await req('POST', '/')).status).toBe(405);
  });

  it('serves the OpenAPI document generated from its route table', async () => {
    const answer = await req('GET', '/api/v1/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(JSON.parse(JSON.stringify(openApiDocument(hubRoutes()))));
    expect(z.object({ openapi: z.literal('3.1.0') }).safeParse(answer.json).success).toBe(true);
  });
});

describe.each(engines)('behind a proxy, and per-address limits, on $name', (engine) => {
  it('behind an https --public-url: answers to that host and Origin, and marks the cookie Secure', async () => {
    const db = await engine.open();
    const district = must(await createDistrict(db, { actor: 'console', name: '天河区', regionCode: '440106', now: T0 }));
    must(await createAccount(db, { actor: 'console', districtId: district.id, login: 'proxy.admin', password: PASSWORD, role: 'admin', now: T0 }));
    const web = webAppFolder();
    const server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: web.dir, publicUrl: 'https://zhucan.example.gov.cn' });
    try {
      const headers = { Host: 'zhucan.example.gov.cn', Origin: 'https://zhucan.example.gov.cn' };
      const answer = await call(server.port, 'POST', '/api/v1/session', { body: { login: 'proxy.admin', password: PASSWORD }, headers });
      expect(answer.status).toBe(200);
      expect(setCookie(answer, SESSION_COOKIE)?.header).toMatch(/; Secure$/);
      const plain = await call(server.port, 'POST', '/api/v1/session', { body: { login: 'proxy.admin', password: PASSWORD }, headers: { ...headers, Origin: 'http://zhucan.example.gov.cn' } });
      expect(plain.status).toBe(403);
    } finally {
      await server.close();
      rmSync(web.root, { recursive: true, force: true });
    }
  });

  it('answers an internal error with a bare 500 and logs the stack for the operator', async () => {
    const db = await engine.open();
    const web = webAppFolder();
    const logged: unknown[] = [];
    const failing = defineRoute({
      method: 'GET',
      path: '/api/v1/test-failure',
      tag: 'test',
      summary: 'throws',
      auth: 'public',
      response: z.object({}),
      handler: () => Promise.reject(new Error('connection string postgres://user:hunter2@db')),
    });
    const server = await startHubHttpServer({ db, logger: { info: () => undefined, error: (event, fields) => logged.push({ event, ...fields }) }, port: 0, staticDir: web.dir, extraRoutes: [failing] });
    try {
      const answer = await call(server.port, 'GET', '/api/v1/test-failure', { headers: { 'Accept-Language': 'en' } });
      expect(answer.status).toBe(500);
      expect(apiErrorSchema.parse(answer.json).error.kind).toBe('internal');
      expect(answer.text).not.toContain('hunter2');
      expect(JSON.stringify(logged)).toContain('hunter2');
    } finally {
      await server.close();
      rmSync(web.root, { recursive: true, force: true });
    }
  });

  it("keeps each district's signing key: the private half signs what the public half (sent at enrolment) verifies", async () => {
    const db = await engine.open();
    const district = must(await createDistrict(db, { actor: 'console', name: '荔湾区', regionCode: '440103', now: T0 }));
    const key = must(await districtSigningKey(db, district.id));
    expect(key.publicKey).toBe(district.publicKey);
    const data = Buffer.from('policy v2');
    const signature = sign(null, data, key.privateKey);
    expect(verify(null, data, createPublicKey({ key: Buffer.from(district.publicKey, 'base64'), format: 'der', type: 'spki' }), signature)).toBe(true);
    expect(await allText(db, 'districts')).not.toContain('BEGIN');
    const dup = await createDistrict(db, { actor: 'console', name: '别的区', regionCode: '440103', now: T0 });
    expect(dup.ok ? 'ok' : dup.error.kind).toBe('regionTaken');
    const bad = await createDistrict(db, { actor: 'console', name: '坏区', regionCode: '4401', now: T0 });
    expect(bad.ok ? 'ok' : bad.error.kind).toBe('badRegionCode');
    expect((await districtSigningKey(db, 999999)).ok).toBe(false);
  });

  it('answers 429 with Retry-After once an address passes its sign-ins per minute', async () => {
    const db = await engine.open();
    const web = webAppFolder();
    const server = await startHubHttpServer({ db, logger: { info: () => undefined, error: () => undefined }, port: 0, staticDir: web.dir, signInsPerMinute: 2 });
    try {
      const attempt = (): Promise<HttpAnswer> => call(server.port, 'POST', '/api/v1/session', { body: { login: 'nobody', password: 'wrong password' } });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const third = await attempt();
      expect([third.status, errorKind(third)]).toEqual([429, 'tooManyRequests']);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await server.close();
      rmSync(web.root, { recursive: true, force: true });
    }
  });
});

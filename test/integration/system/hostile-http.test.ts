/**
 * Bad and hostile input against the real hub over real HTTP (127.0.0.1), on PGlite and on a real
 * PostgreSQL: a batch replayed, reordered, with a gap, with a forged signature, with an edited
 * record (unsealed, and resealed under a seq the hub holds), forked onto another chain, from an
 * unknown device, from a revoked device, oversized in bytes and in records, malformed JSON; an
 * enrolment code used twice; a form posted to a JSON route; a viewer of district A reaching district
 * B's canteen; SQL-ish strings in every text field of a record and of a canteen.
 *
 * Each is refused or flagged with its kind and a message a person can read — Chinese by default,
 * English with Accept-Language: en — and after each, what the hub had accepted is still there,
 * stored once and counted once: daily_counts of every closed day equal the kiosk's own dayTotals.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import type { Canteen } from '../../../server/enrolment/index.js';
import { HUB_PATHS, hubPath } from '../../../shared/hub-api/routes.js';
import { canteenDetailSchema, canteenViewSchema, enrolmentCodeViewSchema, sessionViewSchema } from '../../../shared/hub-api/routes.js';
import { MAX_BATCH_RECORDS, MAX_UPLOAD_BYTES, uploadAcceptedSchema, uploadRefusedSchema, uploadStatementText } from '../../../shared/hub-api/upload.js';
import type { UploadBatch } from '../../../shared/hub-api/upload.js';
import { SESSION_COOKIE, CSRF_HEADER } from '../../../shared/hub-api/routes.js';
import { sealRecord } from '../../../shared/ledger/chain.js';
import { dayTotals } from '../../../shared/ledger/day-totals.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import { testElder } from '../../helpers/hub-upload.js';
import type { TestKiosk } from '../../helpers/hub-upload.js';
import { HubClock, startTestHub, stopQuietly, useSystemHubEngines } from '../../helpers/hub-process.js';
import type { TestHub } from '../../helpers/hub-process.js';
import { loadPolicy } from '../../helpers/policies.js';
import { call, setCookie } from '../hub/http-test-client.js';
import type { HttpAnswer } from '../hub/http-test-client.js';
import { systemDistrict } from './system-district.js';
import type { SystemDistrict } from './system-district.js';
import { countedAtHub, countedFromClose, hubHead, storedRecords } from './hub-reads.js';

const engines = useSystemHubEngines();

const PASSWORD = 'a long enough district password';
const DAY1 = '2026-11-20';
const DAY2 = '2026-11-21';
const DAY3 = '2026-11-22';
const CJK = /[\u4e00-\u9fff]/;

/** SQL that would do harm if any of it reached a query as text instead of as a parameter. */
const SQL = {
  quote: "x' OR '1'='1",
  drop: "'); DROP TABLE ledger_records; --",
  delete: "'; DELETE FROM daily_counts; --",
  comment: 'lunch/**/UNION/**/SELECT/**/password_hash/**/FROM/**/accounts--',
  semicolon: "e-9'; UPDATE devices SET revoked_at = now(); --",
} as const;

const elders = {
  young: testElder('e-young', '1956-03-15', { region: '440106001' }),
  old: testElder('e-old', '1940-05-20', { region: '440106001' }),
  poor: testElder('e-poor', '1961-01-10', { region: '440106001', statuses: ['dibao'] }),
  sql: testElder(SQL.semicolon, '1950-02-02', { region: '440106001' }),
};

/** Local Asia/Shanghai HH:MM on `date` as the UTC instant the ledger keeps. */
function utc(date: string, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + ((h ?? 0) - 8) * 3_600_000 + (m ?? 0) * 60_000).toISOString();
}

/** A normal day: three lunches, a sale of two, a void of the sale, a dinner, the close. */
function normalDay(k: TestKiosk, date: string): void {
  k.checkin(elders.young, { at: utc(date, '11:30') });
  k.checkin(elders.old, { at: utc(date, '11:31') });
  k.checkin(elders.poor, { at: utc(date, '11:32') });
  const sale = k.sale({ at: utc(date, '12:00'), standard: 2400, quantity: 2 });
  k.sale({ at: utc(date, '12:05'), standard: 1500 });
  k.void(sale.seq, { at: utc(date, '12:10') });
  k.checkin(elders.poor, { at: utc(date, '17:40') });
  k.close(date, { at: utc(date, '20:00') });
}

/** A day whose every free-text field is SQL-ish: operator, elder, card, void reason. */
function sqlDay(k: TestKiosk, date: string): void {
  k.checkin(elders.sql, { at: utc(date, '11:30'), operatorId: SQL.quote, bodyOverride: { cardUid: SQL.drop } });
  k.checkin(elders.young, { at: utc(date, '11:31'), operatorId: SQL.delete });
  const sale = k.sale({ at: utc(date, '12:00'), standard: 1200, operatorId: SQL.drop });
  k.void(sale.seq, { at: utc(date, '12:05'), reason: SQL.delete, operatorId: SQL.quote });
  k.sale({ at: utc(date, '12:06'), standard: 1200, operatorId: SQL.comment });
  k.close(date, { at: utc(date, '20:00'), operatorId: SQL.semicolon });
}

interface Refusal {
  readonly status: number;
  readonly kind: string;
}

const apiErrorBody = z.object({ error: z.object({ kind: z.string(), message: z.string() }) });

/** The refusal's kind and message, whichever body the route answers with. */
function refusalOf(answer: HttpAnswer): { kind: string; message: string } {
  const upload = uploadRefusedSchema.safeParse(answer.json);
  if (upload.success) return { kind: upload.data.kind, message: upload.data.message };
  const api = apiErrorBody.safeParse(answer.json);
  if (api.success) return api.data.error;
  throw new Error(`not a refusal (${answer.status}): ${answer.text.slice(0, 300)}`);
}

describe.each(engines)('hostile input over HTTP — $name', (engine) => {
  let hub: TestHub;
  let clock: HubClock;
  let districtA: SystemDistrict;
  let canteenA: Canteen;
  let canteenB: Canteen;
  let kiosk: TestKiosk;
  /** The days the hub has accepted, whole, with their close. */
  const acceptedDays: string[] = [];

  beforeAll(async () => {
    clock = new HubClock(Date.parse(`${DAY3}T13:00:00.000Z`));
    hub = await startTestHub(await engine.location(), clock);
    const policies = [loadPolicy('guangzhou-2020')];
    districtA = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies, now: clock.iso() });
    const districtB = await systemDistrict(hub.db, { name: '海珠区', regionCode: '440105', policies, now: clock.iso() });
    canteenA = await districtA.district.canteen('西关长者饭堂', '440106001');
    canteenB = await districtB.district.canteen('海珠长者饭堂', '440105001');
    const viewer = await createAccount(hub.db, { actor: 'console', districtId: districtA.district.districtId, login: 'viewer.a', password: PASSWORD, role: 'viewer', now: clock.iso() });
    const admin = await createAccount(hub.db, { actor: 'console', districtId: districtA.district.districtId, login: 'admin.a', password: PASSWORD, role: 'admin', now: clock.iso() });
    if (!viewer.ok || !admin.ok) throw new Error('accounts');
    kiosk = await districtA.kiosk(canteenA, 'kiosk-a-1', clock.iso());
    normalDay(kiosk, DAY1);
    normalDay(kiosk, DAY2);
    const first = await upload(kiosk.batch());
    expect(first.status).toBe(200);
    expect(uploadAcceptedSchema.parse(first.json)).toMatchObject({ accepted: kiosk.head.seq, duplicates: 0 });
    acceptedDays.push(DAY1, DAY2);
    // Day 3 is written but not sent: the hostile batches below are cut from it.
    sqlDay(kiosk, DAY3);
  }, 90_000);

  afterAll(async () => {
    await stopQuietly(hub);
  });

  function upload(body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<HttpAnswer> {
    return call(hub.port, 'POST', HUB_PATHS.upload, { body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  }

  /** Sends the same request in Chinese (no Accept-Language) and in English; both refused alike, each in its language. */
  async function refusedInBoth(send: (headers: Readonly<Record<string, string>>) => Promise<HttpAnswer>, expected: Refusal): Promise<void> {
    const zh = await send({});
    const zhRefusal = refusalOf(zh);
    expect({ status: zh.status, kind: zhRefusal.kind }).toEqual(expected);
    expect(zhRefusal.message).toMatch(CJK);
    const en = await send({ 'Accept-Language': 'en' });
    const enRefusal = refusalOf(en);
    expect({ status: en.status, kind: enRefusal.kind }).toEqual(expected);
    expect(enRefusal.message).not.toMatch(CJK);
    expect(enRefusal.message).toMatch(/[A-Za-z]{3,} [A-Za-z]{2,}/);
  }

  /** What the hub accepted before is all there, stored once, and counted as the kiosk closed it. */
  async function intact(): Promise<void> {
    const last = acceptedDays[acceptedDays.length - 1];
    const upTo = kiosk.records.filter((r) => r.serviceDate <= (last ?? '')).length;
    const headRecord = kiosk.record(upTo);
    expect(await hubHead(hub.db, kiosk.deviceId)).toEqual({ seq: upTo, hash: headRecord.hash });
    expect(await storedRecords(hub.db, kiosk.deviceId)).toEqual({ rows: upTo, seqs: upTo, maxSeq: upTo });
    for (const day of acceptedDays) {
      expect({ day, ...(await countedAtHub(hub.db, canteenA.id, day)) }).toEqual({ day, ...countedFromClose(dayTotals(day, kiosk.records)) });
    }
  }

  /** How many anomalies of `kind` the hub holds for the kiosk (sent twice, flagged once). */
  async function flags(kind: string): Promise<number> {
    const rows = await hub.db.query(`SELECT count(*)::int AS n FROM anomalies WHERE device_id = $1 AND kind = $2`, [kiosk.deviceId, kind], z.object({ n: z.number() }));
    return rows[0]?.n ?? 0;
  }

  /** Day 3's records, not yet accepted. */
  function pending(): LedgerRecord[] {
    return kiosk.records.filter((r) => r.serviceDate === DAY3);
  }

  it('counts a replayed batch once: accepted as duplicates, nothing new', async () => {
    const again = await upload(kiosk.batch({ fromSeq: 1, toSeq: kiosk.records.length - pending().length }));
    expect(again.status).toBe(200);
    expect(uploadAcceptedSchema.parse(again.json)).toMatchObject({ accepted: 0, duplicates: kiosk.records.length - pending().length });
    await intact();
  });

  it('refuses a reordered batch, a gap, a forged signature and edited records, each with its reason', async () => {
    const day3 = pending();
    const [a, b, c] = day3;
    if (a === undefined || b === undefined || c === undefined) throw new Error('day 3 is too short');
    await refusedInBoth((h) => upload(kiosk.batch({ records: [b, a, c] }), h), { status: 422, kind: 'notConsecutive' });
    await intact();
    await refusedInBoth((h) => upload(kiosk.batch({ records: day3.slice(1) }), h), { status: 409, kind: 'gap' });
    expect(await flags('gap')).toBe(1);
    await intact();

    // The next record sealed onto another chain (a restored or cloned kiosk): it does not link.
    const { hash: _aHash, prevHash: _aPrev, ...aContent } = a;
    const forkedFirst = sealRecord(aContent, 'f'.repeat(64));
    await refusedInBoth((h) => upload(kiosk.batch({ records: [forkedFirst] }), h), { status: 409, kind: 'forked' });
    expect(await flags('chainBreak')).toBe(1);
    await intact();

    const stranger = generateKeyPairSync('ed25519').privateKey;
    const honest = kiosk.batch({ records: day3 });
    const forged: UploadBatch = { ...honest, signature: sign(null, Buffer.from(uploadStatementText(honest), 'utf8'), stranger).toString('base64') };
    await refusedInBoth((h) => upload(forged, h), { status: 401, kind: 'badSignature' });
    expect(await flags('forgedSignature')).toBe(1);
    await intact();

    // A subsidy raised after sealing, the batch signed again (a thief with the key): the hash gives it away.
    const edited = { ...a, body: { ...a.body, subsidy: 1100, personal: 100 } };
    await refusedInBoth((h) => upload(kiosk.batch({ records: [edited, ...day3.slice(1)] }), h), { status: 422, kind: 'badHash' });
    await intact();

    // An accepted record rewritten and resealed: a held seq with other content is tampering.
    const one = kiosk.record(1);
    const { hash: _hash, prevHash, ...content } = one;
    const resealed = sealRecord({ ...content, body: { ...one.body, personal: 0 } }, prevHash);
    await refusedInBoth((h) => upload(kiosk.batch({ records: [resealed] }), h), { status: 409, kind: 'tampered' });
    expect(await flags('reusedSeq')).toBe(1);
    await intact();
  });

  it('refuses an unknown device and a revoked one', async () => {
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const unknown = { ...kiosk.batch({ records: pending() }), deviceId: 'kiosk-nobody' };
    const signedUnknown: UploadBatch = { ...unknown, signature: sign(null, Buffer.from(uploadStatementText(unknown), 'utf8'), stranger).toString('base64') };
    await refusedInBoth((h) => upload(signedUnknown, h), { status: 401, kind: 'unknownDevice' });
    await intact();

    const revoked = await districtA.kiosk(canteenA, 'kiosk-a-revoked', clock.iso());
    normalDay(revoked, DAY1);
    const admin = await signIn('admin.a');
    const answer = await call(hub.port, 'POST', hubPath(HUB_PATHS.deviceRevoke, { deviceId: revoked.deviceId }), { headers: admin, body: {} });
    expect(answer.status).toBe(200);
    await refusedInBoth((h) => upload(revoked.batch({ fromSeq: 1 }), h), { status: 403, kind: 'revoked' });
    expect(await storedRecords(hub.db, revoked.deviceId)).toEqual({ rows: 0, seqs: 0, maxSeq: 0 });
    await intact();
  });

  it('refuses oversized bodies, over-long batches, malformed JSON and the wrong content type', async () => {
    const huge = JSON.stringify({ deviceId: kiosk.deviceId, sentAt: clock.iso(), records: [], signature: 'x'.repeat(MAX_UPLOAD_BYTES + 10) });
    await refusedInBoth((h) => upload(huge, h), { status: 413, kind: 'tooLarge' });
    await intact();

    const base = pending()[0];
    if (base === undefined) throw new Error('no day 3');
    const many = Array.from({ length: MAX_BATCH_RECORDS + 1 }, (_, i) => ({ ...base, seq: base.seq + i }));
    await refusedInBoth((h) => upload(kiosk.batch({ records: many }), h), { status: 413, kind: 'tooLarge' });
    await intact();

    await refusedInBoth((h) => upload('{"deviceId": "kiosk-a-1", "records": [', { 'X-Zhucan-Device': kiosk.deviceId, ...h }), { status: 400, kind: 'badRequest' });
    await refusedInBoth((h) => upload({ deviceId: kiosk.deviceId, records: 'all of them' }, h), { status: 400, kind: 'badRequest' });
    await intact();

    // A JSON route given a form: refused before anything is read as JSON.
    await refusedInBoth(
      (h) => call(hub.port, 'POST', HUB_PATHS.enrol, { body: 'code=ABCD&deviceId=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...h } }),
      { status: 415, kind: 'unsupportedMediaType' },
    );
    await intact();
  });

  it('refuses an enrolment code the second time', async () => {
    const admin = await signIn('admin.a');
    const made = await call(hub.port, 'POST', hubPath(HUB_PATHS.canteenCodes, { id: canteenA.id }), { headers: admin, body: {} });
    expect(made.status).toBe(201);
    const code = enrolmentCodeViewSchema.parse(made.json).code;
    const publicKey = (): string => generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const enrol = (deviceId: string, headers: Readonly<Record<string, string>> = {}): Promise<HttpAnswer> =>
      call(hub.port, 'POST', HUB_PATHS.enrol, { body: { code, deviceId, publicKey: publicKey() }, headers });
    // The first use enrols a kiosk whose device id is SQL: kept verbatim, as a parameter.
    const sqlDevice = `kiosk${SQL.semicolon}`;
    expect((await enrol(sqlDevice)).status).toBe(201);
    const devices = await hub.db.query(`SELECT device_id, revoked_at IS NULL AS live FROM devices WHERE canteen_id = $1 ORDER BY device_id`, [canteenA.id], z.object({ device_id: z.string(), live: z.boolean() }));
    expect(devices.find((d) => d.device_id === sqlDevice)).toEqual({ device_id: sqlDevice, live: true });
    expect(devices.find((d) => d.device_id === kiosk.deviceId)).toEqual({ device_id: kiosk.deviceId, live: true });
    await refusedInBoth((h) => enrol('kiosk-a-thief', h), { status: 409, kind: 'used' });
    await intact();
  });

  it("keeps a viewer of district A out of district B's canteen, and out of admin routes", async () => {
    const viewer = await signIn('viewer.a');
    const own = await call(hub.port, 'GET', hubPath(HUB_PATHS.canteen, { id: canteenA.id }), { headers: viewer });
    expect(own.status).toBe(200);
    expect(canteenDetailSchema.parse(own.json).canteen.id).toBe(canteenA.id);
    // Another district's canteen is answered exactly like one that does not exist: not even its id leaks.
    const none = await call(hub.port, 'GET', hubPath(HUB_PATHS.canteen, { id: 999_999 }), { headers: viewer });
    expect([none.status, refusalOf(none).kind]).toEqual([404, 'unknown']);
    await refusedInBoth((h) => call(hub.port, 'GET', hubPath(HUB_PATHS.canteen, { id: canteenB.id }), { headers: { ...viewer, ...h } }), { status: 404, kind: 'unknown' });
    await refusedInBoth(
      (h) => call(hub.port, 'POST', hubPath(HUB_PATHS.canteenCodes, { id: canteenA.id }), { headers: { ...viewer, ...h }, body: {} }),
      { status: 403, kind: 'forbidden' },
    );
    await intact();
  });

  it('stores SQL-ish text in every field of a record and of a canteen verbatim, and counts it right', async () => {
    const day3 = pending();
    const answer = await upload(kiosk.batch({ records: day3 }));
    expect(answer.status).toBe(200);
    expect(uploadAcceptedSchema.parse(answer.json)).toMatchObject({ accepted: day3.length, duplicates: 0 });
    acceptedDays.push(DAY3);
    await intact();
    const stored = await hub.db.query(
      `SELECT seq, operator_id, elder_id, body->>'reason' AS reason, body->>'cardUid' AS card FROM ledger_records WHERE device_id = $1 AND service_date = $2 ORDER BY seq`,
      [kiosk.deviceId, DAY3],
      z.object({ seq: z.coerce.number(), operator_id: z.string(), elder_id: z.string().nullable(), reason: z.string().nullable(), card: z.string().nullable() }),
    );
    expect(stored.map((r) => [r.operator_id, r.elder_id, r.reason, r.card])).toEqual(day3.map((r) => [r.operatorId, r.elderId, r.body['reason'] ?? null, r.body['cardUid'] ?? null]));

    // A period id that is SQL, after the day was closed: kept verbatim as evidence, owed nothing (no
    // such period in the policy), and visible as an amendment of the closed day — never run as SQL.
    kiosk.checkin(elders.old, { at: utc(DAY3, '11:45'), envelope: { periodId: SQL.comment } });
    const odd = await upload(kiosk.batch({ fromSeq: kiosk.head.seq }));
    expect(odd.status).toBe(200);
    const seq = kiosk.head.seq;
    const amended = await hub.db.query(`SELECT kind FROM count_amendments WHERE device_id = $1 AND seq = $2`, [kiosk.deviceId, seq], z.object({ kind: z.string() }));
    const meal = await hub.db.query(`SELECT period_id, subsidy::int AS subsidy, claimable FROM meals WHERE device_id = $1 AND seq = $2`, [kiosk.deviceId, seq], z.object({ period_id: z.string(), subsidy: z.number(), claimable: z.boolean() }));
    expect({ amended, meal }).toEqual({ amended: [{ kind: 'meal' }], meal: [{ period_id: SQL.comment, subsidy: 0, claimable: false }] });
    await intact();

    const admin = await signIn('admin.a');
    const sqlCanteen = { name: `饭堂${SQL.drop}`, regionCode: '440106002', address: SQL.delete, operatorName: SQL.quote };
    const made = await call(hub.port, 'POST', HUB_PATHS.canteens, { headers: admin, body: sqlCanteen });
    expect(made.status).toBe(201);
    const view = canteenViewSchema.parse(made.json);
    const back = await call(hub.port, 'GET', hubPath(HUB_PATHS.canteen, { id: view.id }), { headers: admin });
    expect(canteenDetailSchema.parse(back.json).canteen).toMatchObject(sqlCanteen);
    const tables = await hub.db.query(`SELECT count(*)::int AS n FROM accounts`, [], z.object({ n: z.number() }));
    expect(tables[0]?.n).toBeGreaterThanOrEqual(4);
    await intact();
  });

  /** Signs in over HTTP: the cookie and CSRF headers of the session. */
  async function signIn(login: string): Promise<Record<string, string>> {
    const answer = await call(hub.port, 'POST', HUB_PATHS.session, { body: { login, password: PASSWORD } });
    expect(answer.status).toBe(200);
    const cookie = setCookie(answer, SESSION_COOKIE);
    if (cookie === null) throw new Error('no session cookie');
    return { Cookie: `${SESSION_COOKIE}=${cookie.value}`, [CSRF_HEADER]: sessionViewSchema.parse(answer.json).csrfToken };
  }
});

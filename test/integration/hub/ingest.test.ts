/**
 * The hub's ingest of signed kiosk uploads, on PGlite and on a real PostgreSQL: real kiosks (enrolled
 * through one-time codes, records priced by the shared price(), sealed and signed) send batches; the
 * hub stores them once, re-prices, counts, and refuses or flags everything hostile with a clear reason
 * — and nothing accepted before a refusal is lost or counted twice.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dbCount, dbInt, dbLocalDate } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { revokeDevice } from '../../../server/enrolment/index.js';
import { listAnomalies } from '../../../server/anomalies/index.js';
import { ingestBatch, LATE_UPLOAD_DAYS, refuseUnreadable, uploadRefusalStatus } from '../../../server/ingest/index.js';
import { sealedHash } from '../../../server/ingest/check-batch.js';
import { MAX_BATCH_RECORDS, uploadStatementText } from '../../../shared/hub-api/upload.js';
import type { UploadBatch, UploadResponse } from '../../../shared/hub-api/upload.js';
import { checkinBodySchema } from '../../../shared/ledger/bodies.js';
import { canonicalJson } from '../../../shared/ledger/canonical.js';
import { chainHash, sealRecord } from '../../../shared/ledger/chain.js';
import { dayTotals } from '../../../shared/ledger/day-totals.js';
import { recordContent } from '../../../shared/ledger/envelope.js';
import type { LedgerRecord } from '../../../shared/ledger/envelope.js';
import { loadPolicy } from '../../helpers/policies.js';
import { makeHubDistrict, testElder } from '../../helpers/hub-upload.js';
import type { HubDistrict, TestElder, TestKiosk } from '../../helpers/hub-upload.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const DAY = '2026-11-24';
/** Lunch in Guangzhou (10:30–14:00 Asia/Shanghai) is 02:30–06:00 UTC. */
const lunch = (minute: number, date = DAY): string => new Date(Date.parse(`${date}T03:00:00.000Z`) + minute * 60_000).toISOString();
const RECEIVED = `${DAY}T08:00:00.000Z`;
const TOWN = '440104001';
const SQLISH = `'); DROP TABLE ledger_records; --`;

/** Elders of one test: ids of their own, so one test's meals are never another's duplicates. */
function crowd(tag: string): { hardship: TestElder; over80: TestElder; sixties: TestElder; young: TestElder } {
  return {
    hardship: testElder(`${tag}-hardship`, '1950-05-01', { statuses: ['dibao'], region: TOWN }),
    over80: testElder(`${tag}-80`, '1940-03-01', { region: TOWN }),
    sixties: testElder(`${tag}-65`, '1961-01-15', { region: TOWN }),
    young: testElder(`${tag}-55`, '1971-01-01', { region: TOWN }),
  };
}

async function send(db: HubDb, batch: UploadBatch, receivedAt = RECEIVED): Promise<UploadResponse> {
  return ingestBatch(db, { body: batch, receivedAt });
}

/** A batch with sentAt = the hub's clock, so no clock anomaly muddies the test. */
function signedNow(kiosk: TestKiosk, options: { fromSeq?: number; toSeq?: number } = {}): UploadBatch {
  return kiosk.batch({ ...options, sentAt: RECEIVED });
}

async function one<T>(db: HubDb, sql: string, params: readonly (string | number)[], row: z.ZodType<T>): Promise<T> {
  const [r] = await db.query(sql, params, row);
  if (r === undefined) throw new Error(`no row: ${sql}`);
  return r;
}

const totalsRow = z.object({ meals: dbCount, standard: dbCount, personal: dbCount, subsidy: dbCount, claimed: dbCount });
async function canteenTotals(db: HubDb, canteenId: number, date = DAY): Promise<z.infer<typeof totalsRow>> {
  return one(
    db,
    `SELECT COALESCE(sum(meals), 0) AS meals, COALESCE(sum(standard), 0) AS standard, COALESCE(sum(personal), 0) AS personal,
            COALESCE(sum(subsidy), 0) AS subsidy, COALESCE(sum(claimed_subsidy), 0) AS claimed
     FROM daily_counts WHERE canteen_id = $1 AND service_date = $2`,
    [canteenId, date],
    totalsRow,
  );
}

async function count(db: HubDb, sql: string, params: readonly (string | number)[] = []): Promise<number> {
  return (await one(db, sql, params, z.object({ n: dbCount }))).n;
}

async function anomalies(db: HubDb, deviceId: string): Promise<{ kind: string; details: unknown; records: number }[]> {
  return db.query(
    `SELECT a.kind, a.details, (SELECT count(*) FROM anomaly_records r WHERE r.anomaly_id = a.id) AS records
     FROM anomalies a WHERE a.device_id = $1 ORDER BY a.id`,
    [deviceId],
    z.object({ kind: z.string(), details: z.unknown(), records: dbCount }),
  );
}

function expectAccepted(r: UploadResponse, accepted: number, duplicates = 0): void {
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, accepted, duplicates });
}

function expectRefused(r: UploadResponse, kind: string): asserts r is Extract<UploadResponse, { ok: false }> {
  expect(r, JSON.stringify(r)).toMatchObject({ ok: false, kind });
}

/** A lunch service: four elders, two sales, one voided check-in, the day's close. */
function serveLunch(kiosk: TestKiosk): void {
  const { hardship, over80, sixties, young } = crowd(kiosk.deviceId);
  kiosk.checkin(hardship, { at: lunch(0) });
  kiosk.checkin(over80, { at: lunch(5), method: 'qr' });
  const mistake = kiosk.checkin(sixties, { at: lunch(10) });
  kiosk.checkin(young, { at: lunch(15) }); // under 60: sold at full price, not claimable
  kiosk.sale({ at: lunch(20), standard: 1500 });
  kiosk.sale({ at: lunch(25), standard: 3000, quantity: 2 });
  kiosk.void(mistake.seq, { at: lunch(26) });
  kiosk.checkin(sixties, { at: lunch(30) });
  kiosk.close(DAY, { at: `${DAY}T07:00:00.000Z` });
}

describe.each(engines)('ingest on $name', (engine) => {
  let db: HubDb;
  let hub: HubDistrict;

  beforeAll(async () => {
    db = await engine.open();
    hub = await makeHubDistrict(db, { policies: [loadPolicy('guangzhou-2026-v2')] });
  }, 90_000);

  async function newKiosk(name: string): Promise<TestKiosk> {
    return hub.kiosk(await hub.canteen(name, TOWN));
  }

  it('stores a day and counts it exactly as the kiosk closed it', async () => {
    const kiosk = await newKiosk('东山长者饭堂');
    serveLunch(kiosk);
    const r = await send(db, signedNow(kiosk));
    expectAccepted(r, kiosk.records.length);
    expect(r).toMatchObject({ head: kiosk.head, serverTime: RECEIVED });

    const kioskTotals = dayTotals(DAY, kiosk.records);
    expect(kioskTotals.totals.meals).toBe(7);
    const hubTotals = await canteenTotals(db, kiosk.canteen.id);
    expect(hubTotals).toEqual({ ...kioskTotals.totals, claimed: kioskTotals.totals.subsidy });
    const funding = await db.query(
      `SELECT source, amount FROM daily_funding WHERE canteen_id = $1 AND service_date = $2 ORDER BY source`,
      [kiosk.canteen.id, DAY],
      z.object({ source: z.string(), amount: dbInt }),
    );
    expect(Object.fromEntries(funding.map((f) => [f.source, f.amount]))).toEqual(Object.fromEntries(kioskTotals.subsidyBySource.map((f) => [f.source, f.amount])));
    // Claimable: the three subsidised elders; not claimable: the under-60 elder and the sales.
    const cells = await db.query(
      `SELECT age_band, claimable, meals FROM daily_counts WHERE canteen_id = $1 AND meals > 0 ORDER BY age_band, claimable`,
      [kiosk.canteen.id],
      z.object({ age_band: z.string(), claimable: z.boolean(), meals: dbCount }),
    );
    expect(cells).toEqual([
      { age_band: '60-69', claimable: true, meals: 1 },
      { age_band: '70-79', claimable: true, meals: 1 },
      { age_band: '80-89', claimable: true, meals: 1 },
      { age_band: 'none', claimable: false, meals: 3 },
      { age_band: 'under60', claimable: false, meals: 1 },
    ]);
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [kiosk.deviceId])).toBe(kiosk.records.length);
    expect(await count(db, `SELECT count(*) AS n FROM meals WHERE device_id = $1 AND voided_seq IS NOT NULL`, [kiosk.deviceId])).toBe(1);
    const close = await one(db, `SELECT matches, service_date FROM day_closes WHERE device_id = $1`, [kiosk.deviceId], z.object({ matches: z.boolean(), service_date: dbLocalDate }));
    expect(close).toEqual({ matches: true, service_date: DAY });
    expect(await anomalies(db, kiosk.deviceId)).toEqual([]);
    const device = await one(db, `SELECT head_seq, head_hash, last_clock_skew_ms FROM devices WHERE device_id = $1`, [kiosk.deviceId], z.object({ head_seq: dbInt, head_hash: z.string(), last_clock_skew_ms: dbInt }));
    expect(device).toEqual({ head_seq: kiosk.head.seq, head_hash: kiosk.head.hash, last_clock_skew_ms: 0 });
    const log = await db.query(`SELECT outcome, accepted, from_seq, to_seq FROM uploads WHERE device_id = $1`, [kiosk.deviceId], z.object({ outcome: z.string(), accepted: dbInt, from_seq: dbInt, to_seq: dbInt }));
    expect(log).toEqual([{ outcome: 'accepted', accepted: kiosk.records.length, from_seq: 1, to_seq: kiosk.records.length }]);
    // The evidence is stored exactly as hashed.
    const stored = await one(db, `SELECT body, hash FROM ledger_records WHERE device_id = $1 AND seq = 1`, [kiosk.deviceId], z.object({ body: z.unknown(), hash: z.string() }));
    expect(stored).toEqual({ body: kiosk.record(1).body, hash: kiosk.record(1).hash });
  });

  it('counts a batch sent twice once, and overlapping batches once', async () => {
    const kiosk = await newKiosk('重发饭堂');
    serveLunch(kiosk);
    const all = signedNow(kiosk);
    expectAccepted(await send(db, all), all.records.length);
    const before = await canteenTotals(db, kiosk.canteen.id);
    const again = await send(db, all);
    expectAccepted(again, 0, all.records.length);
    expect(again).toMatchObject({ head: kiosk.head });
    expect(await canteenTotals(db, kiosk.canteen.id)).toEqual(before);

    const other = await newKiosk('重叠饭堂');
    serveLunch(other);
    expectAccepted(await send(db, signedNow(other, { fromSeq: 1, toSeq: 5 })), 5);
    expectAccepted(await send(db, signedNow(other, { fromSeq: 3, toSeq: other.records.length })), other.records.length - 5, 3);
    expect(await canteenTotals(db, other.canteen.id)).toEqual(before);
  });

  it('refuses a reordered batch and stores nothing of it', async () => {
    const kiosk = await newKiosk('乱序饭堂');
    serveLunch(kiosk);
    const reordered = kiosk.sign({ ...signedNow(kiosk), records: [...kiosk.records].reverse() });
    const r = await send(db, reordered);
    expectRefused(r, 'notConsecutive');
    expect(uploadRefusalStatus(r.kind)).toBe(422);
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [kiosk.deviceId])).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1 AND outcome = 'notConsecutive'`, [kiosk.deviceId])).toBe(1);
    expectAccepted(await send(db, signedNow(kiosk, { fromSeq: 1, toSeq: kiosk.records.length })), kiosk.records.length);
  });

  it('refuses a gap with the head to resume from, flags it, then takes the missing records', async () => {
    const kiosk = await newKiosk('缺号饭堂');
    serveLunch(kiosk);
    expectAccepted(await send(db, signedNow(kiosk, { fromSeq: 1, toSeq: 3 })), 3);
    const r = await send(db, signedNow(kiosk, { fromSeq: 6, toSeq: kiosk.records.length }));
    expectRefused(r, 'gap');
    expect(r.head).toEqual({ seq: 3, hash: kiosk.record(3).hash });
    expect(r.seq).toBe(4);
    expect(uploadRefusalStatus(r.kind)).toBe(409);
    expect(await anomalies(db, kiosk.deviceId)).toEqual([{ kind: 'gap', details: { expectedSeq: 4, receivedSeq: 6, missing: 2 }, records: 1 }]);
    expectAccepted(await send(db, signedNow(kiosk, { fromSeq: 4, toSeq: kiosk.records.length })), kiosk.records.length - 3);
    expect((await canteenTotals(db, kiosk.canteen.id)).meals).toBe(7);
  });

  it('refuses a forged signature and flags it once', async () => {
    const kiosk = await newKiosk('伪签饭堂');
    serveLunch(kiosk);
    const batch = signedNow(kiosk);
    const thief = generateKeyPairSync('ed25519').privateKey;
    const forged = { ...batch, signature: sign(null, Buffer.from(uploadStatementText(batch), 'utf8'), thief).toString('base64') };
    const r = await send(db, forged);
    expectRefused(r, 'badSignature');
    expect(uploadRefusalStatus(r.kind)).toBe(401);
    await send(db, forged);
    expect(await anomalies(db, kiosk.deviceId)).toEqual([
      { kind: 'forgedSignature', details: { fromSeq: 1, toSeq: kiosk.records.length, sentAt: RECEIVED, receivedAt: RECEIVED }, records: 0 },
    ]);
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1 AND outcome = 'badSignature'`, [kiosk.deviceId])).toBe(2);
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [kiosk.deviceId])).toBe(0);
  });

  it('refuses a record edited after sealing (its hash no longer matches)', async () => {
    const kiosk = await newKiosk('改账饭堂');
    serveLunch(kiosk);
    const records = kiosk.records.map((r): LedgerRecord => (r.seq === 2 ? { ...r, body: { ...r.body, subsidy: 1200 } } : r));
    const r = await send(db, kiosk.sign({ ...signedNow(kiosk), records }));
    expectRefused(r, 'badHash');
    expect(r.seq).toBe(2);
    expect(r.message).toContain('2');
    expect(await count(db, `SELECT count(*) AS n FROM meals WHERE device_id = $1`, [kiosk.deviceId])).toBe(0);
  });

  it('refuses the same seq with other content as tampering, flags both hashes, keeps what it holds', async () => {
    const kiosk = await newKiosk('篡改饭堂');
    serveLunch(kiosk);
    expectAccepted(await send(db, signedNow(kiosk, { fromSeq: 1, toSeq: 3 })), 3);
    const before = await canteenTotals(db, kiosk.canteen.id);
    // The kiosk's ledger rewritten from seq 3 on: a valid chain, validly signed, but not the one the hub holds.
    const r3 = kiosk.record(3);
    const rewritten = sealRecord({ ...recordContent(r3), body: { ...r3.body, payment: 'qrExternal' } }, r3.prevHash);
    const r = await send(db, kiosk.sign({ ...signedNow(kiosk, { fromSeq: 1, toSeq: 3 }), records: [kiosk.record(1), kiosk.record(2), rewritten] }));
    expectRefused(r, 'tampered');
    expect(r).toMatchObject({ seq: 3, head: { seq: 3, hash: r3.hash } });
    const found = await anomalies(db, kiosk.deviceId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'reusedSeq', details: { seq: 3, storedHash: r3.hash, receivedHash: rewritten.hash }, records: 1 });
    expect(await canteenTotals(db, kiosk.canteen.id)).toEqual(before);
    expect((await one(db, `SELECT hash FROM ledger_records WHERE device_id = $1 AND seq = 3`, [kiosk.deviceId], z.object({ hash: z.string() }))).hash).toBe(r3.hash);

    // A continuation that does not link to the held head: the chain was forked.
    const fork = sealRecord({ ...recordContent(kiosk.record(4)) }, rewritten.hash);
    const f = await send(db, kiosk.sign({ ...signedNow(kiosk, { fromSeq: 4, toSeq: 4 }), records: [fork] }));
    expectRefused(f, 'forked');
    expect(f.head).toEqual({ seq: 3, hash: r3.hash });
    expect((await anomalies(db, kiosk.deviceId)).map((a) => a.kind)).toEqual(['reusedSeq', 'chainBreak']);
    // The honest continuation is still taken.
    expectAccepted(await send(db, signedNow(kiosk, { fromSeq: 4, toSeq: kiosk.records.length })), kiosk.records.length - 3);
  });

  it('refuses an unknown device and a revoked one', async () => {
    const kiosk = await newKiosk('停用饭堂');
    serveLunch(kiosk);
    const batch = signedNow(kiosk);
    const unknown = await send(db, { ...batch, deviceId: 'no-such-kiosk', records: batch.records });
    expectRefused(unknown, 'unknownDevice');
    expect(unknown.message).toContain('no-such-kiosk');
    const english = await ingestBatch(db, { body: { ...batch, deviceId: 'no-such-kiosk' }, receivedAt: RECEIVED, locale: 'en' });
    expectRefused(english, 'unknownDevice');
    expect(english.message).toMatch(/not enrolled/);
    const revoked = await revokeDevice(db, { actor: hub.admin, deviceId: kiosk.deviceId, now: RECEIVED });
    expect(revoked.ok).toBe(true);
    const r = await send(db, batch);
    expectRefused(r, 'revoked');
    expect(uploadRefusalStatus(r.kind)).toBe(403);
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1 AND outcome = 'revoked'`, [kiosk.deviceId])).toBe(1);
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [kiosk.deviceId])).toBe(0);
  });

  it('refuses an oversized batch, malformed shapes and invalid bodies, naming the field', async () => {
    const kiosk = await newKiosk('畸形饭堂');
    for (let i = 0; i <= MAX_BATCH_RECORDS; i++) kiosk.sale({ at: lunch(i % 200), standard: 1500 });
    const big = await send(db, signedNow(kiosk));
    expectRefused(big, 'tooLarge');
    expect(big.message).toContain(String(MAX_BATCH_RECORDS + 1));
    expect(uploadRefusalStatus(big.kind)).toBe(413);

    for (const body of [null, 42, 'x', [], {}, { deviceId: kiosk.deviceId }, { deviceId: kiosk.deviceId, sentAt: RECEIVED, records: 'no', signature: 'x' }]) {
      expectRefused(await ingestBatch(db, { body, receivedAt: RECEIVED }), 'badRequest');
    }
    const ok = signedNow(kiosk, { fromSeq: 1, toSeq: 2 });
    const missingHash = { ...ok, records: [{ ...ok.records[0], hash: undefined }, ok.records[1]] };
    const shape = await ingestBatch(db, { body: missingHash, receivedAt: RECEIVED });
    expectRefused(shape, 'badRequest');
    expect(shape.message).toContain('records[0].hash');
    // Logged against the device it names.
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1 AND outcome = 'badRequest'`, [kiosk.deviceId])).toBeGreaterThan(0);

    const other = await newKiosk('坏记录饭堂');
    const bad = other.append({ kind: 'checkin', at: lunch(0), serviceDate: DAY, periodId: 'lunch', elderId: 'e-1', operatorId: 'c', targetSeq: null, body: { standard: 1300 } });
    const br = await send(db, signedNow(other));
    expectRefused(br, 'badRecord');
    expect(br.seq).toBe(bad.seq);
    expect(br.message).toContain('subsidy');

    const unreadable = await refuseUnreadable(db, { kind: 'badRequest', receivedAt: RECEIVED, deviceId: other.deviceId, locale: 'en' });
    expect(unreadable).toMatchObject({ ok: false, kind: 'badRequest', message: expect.stringMatching(/JSON/) as unknown });
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1`, [other.deviceId])).toBe(2);
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [other.deviceId])).toBe(0);
  });

  // The ingest learns whether a body is hashable from canonicalising it for the hash (one pass), not
  // from the record schema: a body with no canonical form must still be a shape refusal naming the field.
  it('refuses a body with no canonical form as a shape problem, naming the field, storing nothing', async () => {
    const kiosk = await newKiosk('小数饭堂');
    kiosk.sale({ at: lunch(0), standard: 1500 });
    kiosk.sale({ at: lunch(1), standard: 1500 });
    const good = signedNow(kiosk);
    const [first, second] = good.records;
    if (first === undefined || second === undefined) throw new Error('two records');
    for (const body of [{ ...first.body, standard: 1500.5 }, { ...first.body, extra: Number.NaN }]) {
      const r = await send(db, kiosk.sign({ ...good, records: [{ ...first, body }, second] }));
      expectRefused(r, 'badRequest');
      expect(r.message).toContain('records[0].body');
    }
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records WHERE device_id = $1`, [kiosk.deviceId])).toBe(0);
    expect(await count(db, `SELECT count(*) AS n FROM uploads WHERE device_id = $1 AND outcome = 'badRequest'`, [kiosk.deviceId])).toBe(2);
    // …and the same records, untouched, are then taken.
    expect(await send(db, good)).toMatchObject({ ok: true, accepted: 2 });
  });

  it('keeps SQL-ish text in every text field verbatim', async () => {
    const kiosk = await hub.kiosk(await hub.canteen(`${SQLISH} 饭堂`, TOWN), `kiosk ${SQLISH}`);
    const elder = { ...testElder(SQLISH, '1950-05-01', { statuses: ['dibao', SQLISH], region: TOWN }) };
    kiosk.checkin(elder, { at: lunch(0), operatorId: SQLISH, bodyOverride: { cardUid: SQLISH } });
    kiosk.sale({ at: lunch(1), standard: 1500, operatorId: SQLISH });
    kiosk.append({ kind: 'sale', at: lunch(2), serviceDate: DAY, periodId: SQLISH, elderId: null, operatorId: SQLISH, targetSeq: null, body: { standard: 100, personal: 100, payment: 'cash', quantity: 1, backfilled: false } });
    kiosk.void(2, { at: lunch(3), reason: SQLISH });
    kiosk.checkin(testElder(`${SQLISH}2`, '1950-01-01', { hukouRegion: SQLISH, residenceRegion: SQLISH }), { at: lunch(4) });
    expectAccepted(await send(db, signedNow(kiosk)), 5);
    expect(await one(db, `SELECT hukou_region, residence_region FROM meals WHERE device_id = $1 AND seq = 5`, [kiosk.deviceId], z.object({ hukou_region: z.string(), residence_region: z.string() }))).toEqual({
      hukou_region: SQLISH,
      residence_region: SQLISH,
    });
    const rows = await db.query(`SELECT seq, elder_id, operator_id, period_id, body FROM ledger_records WHERE device_id = $1 ORDER BY seq`, [kiosk.deviceId], z.object({ seq: dbInt, elder_id: z.string().nullable(), operator_id: z.string(), period_id: z.string().nullable(), body: z.unknown() }));
    expect(rows.map((r) => r.body)).toEqual(kiosk.records.map((r) => r.body));
    expect(rows[0]).toMatchObject({ elder_id: SQLISH, operator_id: SQLISH });
    expect(rows[2]?.period_id).toBe(SQLISH);
    const meal = await one(db, `SELECT elder_id, statuses FROM meals WHERE device_id = $1 AND seq = 1`, [kiosk.deviceId], z.object({ elder_id: z.string(), statuses: z.array(z.string()) }));
    expect(meal).toEqual({ elder_id: SQLISH, statuses: [SQLISH, 'dibao'].sort() });
    expect(await count(db, `SELECT count(*) AS n FROM ledger_records`)).toBeGreaterThan(0);
  });

  it('counts a meal that arrives after its day was closed as a visible amendment', async () => {
    const { hardship, over80 } = crowd('t10');
    const canteen = await hub.canteen('补录饭堂', TOWN);
    const first = await hub.kiosk(canteen);
    const second = await hub.kiosk(canteen);
    first.checkin(hardship, { at: lunch(0) });
    first.close(DAY, { at: `${DAY}T07:00:00.000Z` });
    expectAccepted(await send(db, signedNow(first)), 2);
    second.checkin(over80, { at: lunch(10) });
    second.void(1, { at: lunch(11) });
    second.checkin(over80, { at: lunch(12) });
    expectAccepted(await send(db, signedNow(second)), 3);
    const amended = await db.query(`SELECT seq, kind, service_date FROM count_amendments WHERE device_id = $1 ORDER BY seq`, [second.deviceId], z.object({ seq: dbInt, kind: z.string(), service_date: dbLocalDate }));
    expect(amended).toEqual([
      { seq: 1, kind: 'meal', service_date: DAY },
      { seq: 2, kind: 'void', service_date: DAY },
      { seq: 3, kind: 'meal', service_date: DAY },
    ]);
    expect((await canteenTotals(db, canteen.id)).meals).toBe(2);
  });

  it('takes a voided meal out of the counts when the void arrives later', async () => {
    const { hardship, over80 } = crowd('t11');
    const kiosk = await newKiosk('作废饭堂');
    const meal = kiosk.checkin(over80, { at: lunch(0) });
    kiosk.checkin(hardship, { at: lunch(1) });
    expectAccepted(await send(db, signedNow(kiosk)), 2);
    const before = await canteenTotals(db, kiosk.canteen.id);
    expect(before.meals).toBe(2);
    kiosk.void(meal.seq, { at: lunch(2) });
    expectAccepted(await send(db, signedNow(kiosk)), 1);
    const after = await canteenTotals(db, kiosk.canteen.id);
    const body = checkinBodySchema.parse(meal.body);
    expect(after).toEqual({ meals: 1, standard: before.standard - body.standard, personal: before.personal - body.personal, subsidy: before.subsidy - body.subsidy, claimed: before.claimed - body.subsidy });
    const row = await one(db, `SELECT voided_seq, claimable FROM meals WHERE device_id = $1 AND seq = $2`, [kiosk.deviceId, meal.seq], z.object({ voided_seq: dbInt, claimable: z.boolean() }));
    expect(row).toEqual({ voided_seq: 3, claimable: false });
    // The elder may then eat again in that period, and the hub agrees with the kiosk's price.
    kiosk.checkin(over80, { at: lunch(3) });
    expectAccepted(await send(db, signedNow(kiosk)), 1);
    expect(await anomalies(db, kiosk.deviceId)).toEqual([]);
  });

  it('flags a price the policy does not give and owes only the hub’s figure', async () => {
    const { hardship, over80, sixties } = crowd('t12');
    const kiosk = await newKiosk('多报饭堂');
    const honest = kiosk.checkin(over80, { at: lunch(0) });
    const h = checkinBodySchema.parse(honest.body);
    // The 65-year-old pays 4 yuan under this policy; the kiosk claims they paid 1.
    const greedy = kiosk.checkin(sixties, { at: lunch(1), bodyOverride: { subsidy: 1200, personal: 100, funding: [{ source: 'city', amount: 300 }, { source: 'district', amount: 300 }, { source: 'town', amount: 600 }] } });
    // And one that claims less than it may: paid what it claimed, flagged all the same.
    const modest = kiosk.checkin(hardship, { at: lunch(2), bodyOverride: { subsidy: 600, personal: 700, funding: [{ source: 'city', amount: 300 }, { source: 'district', amount: 300 }] } });
    expectAccepted(await send(db, signedNow(kiosk)), 3);
    const meals = await db.query(`SELECT seq, claimed_subsidy, subsidy FROM meals WHERE device_id = $1 ORDER BY seq`, [kiosk.deviceId], z.object({ seq: dbInt, claimed_subsidy: dbInt, subsidy: dbInt }));
    expect(meals).toEqual([
      { seq: honest.seq, claimed_subsidy: h.subsidy, subsidy: h.subsidy },
      { seq: greedy.seq, claimed_subsidy: 1200, subsidy: 900 },
      { seq: modest.seq, claimed_subsidy: 600, subsidy: 600 },
    ]);
    const flagged = await anomalies(db, kiosk.deviceId);
    expect(flagged.map((a) => a.kind)).toEqual(['priceMismatch', 'priceMismatch']);
    expect(flagged[0]?.details).toMatchObject({ seq: greedy.seq, claimed: { subsidy: 1200 }, recomputed: { subsidy: 900, policyId: 'guangzhou-zhucan', policyVersion: 2 } });
    const funding = await db.query(`SELECT source, amount FROM meal_funding WHERE device_id = $1 AND seq = $2 ORDER BY source`, [kiosk.deviceId, modest.seq], z.object({ source: z.string(), amount: dbInt }));
    expect(funding).toEqual([
      { source: 'city', amount: 300 },
      { source: 'district', amount: 300 },
    ]);
    expect((await canteenTotals(db, kiosk.canteen.id)).subsidy).toBe(h.subsidy + 900 + 600);
  });

  it('owes nothing for a policy version the hub never published, and flags it', async () => {
    const { over80 } = crowd('t13');
    const kiosk = await newKiosk('旧政策饭堂');
    kiosk.checkin(over80, { at: lunch(0), bodyOverride: { policyVersion: 9 } });
    expectAccepted(await send(db, signedNow(kiosk)), 1);
    expect(await one(db, `SELECT subsidy, claimable FROM meals WHERE device_id = $1`, [kiosk.deviceId], z.object({ subsidy: dbInt, claimable: z.boolean() }))).toEqual({ subsidy: 0, claimable: false });
    expect((await anomalies(db, kiosk.deviceId)).map((a) => a.kind)).toEqual(['unknownPolicy']);
  });

  it('flags a kiosk clock off by more than five minutes, once a day, and a late upload', async () => {
    const { hardship, over80 } = crowd('t14');
    const kiosk = await newKiosk('时钟饭堂');
    kiosk.checkin(over80, { at: lunch(0, '2026-11-18') });
    kiosk.checkin(over80, { at: lunch(0) });
    const ahead = new Date(Date.parse(RECEIVED) + 10 * 60_000).toISOString();
    expectAccepted(await send(db, kiosk.batch({ fromSeq: 1, toSeq: 2, sentAt: ahead })), 2);
    const skew = await one(db, `SELECT last_clock_skew_ms, last_sent_at FROM devices WHERE device_id = $1`, [kiosk.deviceId], z.object({ last_clock_skew_ms: dbInt, last_sent_at: z.string() }));
    expect(skew.last_clock_skew_ms).toBe(600_000);
    kiosk.checkin(hardship, { at: lunch(1) });
    expectAccepted(await send(db, kiosk.batch({ fromSeq: 3, toSeq: 3, sentAt: ahead })), 1);
    const found = await anomalies(db, kiosk.deviceId);
    expect(found.map((a) => a.kind).sort()).toEqual(['clockSkew', 'lateUpload']);
    expect(found.find((a) => a.kind === 'clockSkew')?.details).toMatchObject({ skewMs: 600_000 });
    expect(found.find((a) => a.kind === 'lateUpload')).toMatchObject({ records: 1, details: { oldestServiceDate: '2026-11-18', days: LATE_UPLOAD_DAYS } });
  });

  it('flags the same elder subsidised in two canteens in one period', async () => {
    const { hardship, over80 } = crowd('t15');
    const a = await newKiosk('重复甲饭堂');
    const b = await newKiosk('重复乙饭堂');
    a.checkin(hardship, { at: lunch(0) });
    b.checkin(hardship, { at: lunch(40) });
    b.checkin(over80, { at: lunch(41) });
    expectAccepted(await send(db, signedNow(a)), 1);
    expectAccepted(await send(db, signedNow(b)), 2);
    const found = await anomalies(db, b.deviceId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'duplicateElder', records: 2, details: { elderId: hardship.id, periodId: 'lunch' } });
  });

  it('keeps a close whose totals disagree with the records beside the hub’s recount, and flags it', async () => {
    const { over80 } = crowd('close');
    const kiosk = await newKiosk('日结不符饭堂');
    kiosk.checkin(over80, { at: lunch(0) });
    const honest = dayTotals(DAY, kiosk.records);
    kiosk.close(DAY, { totalsOverride: { totals: { ...honest.totals, meals: honest.totals.meals + 5 } } });
    expectAccepted(await send(db, signedNow(kiosk)), 2);
    const close = await one(db, `SELECT matches, claimed, recounted FROM day_closes WHERE device_id = $1`, [kiosk.deviceId], z.object({ matches: z.boolean(), claimed: z.unknown(), recounted: z.unknown() }));
    expect(close.matches).toBe(false);
    expect(close.recounted).toEqual(honest);
    expect(close.claimed).toMatchObject({ totals: { meals: honest.totals.meals + 5 } });
    expect(await anomalies(db, kiosk.deviceId)).toEqual([
      { kind: 'closeMismatch', details: { claimed: { ...honest.totals, meals: honest.totals.meals + 5 }, recounted: honest.totals }, records: 1 },
    ]);
  });

  it('hashes with native SHA-256 exactly as the shared chainHash, and refuses text PostgreSQL cannot hold', async () => {
    const kiosk = await newKiosk('哈希饭堂');
    serveLunch(kiosk);
    for (const r of kiosk.records) expect(sealedHash(canonicalJson(recordContent(r)), r.prevHash)).toBe(chainHash(r, r.prevHash));
    const nul = await newKiosk('空字符饭堂');
    nul.sale({ at: lunch(0), standard: 1500, operatorId: 'a\u0000b' });
    const r = await send(db, signedNow(nul));
    expectRefused(r, 'badRecord');
    expect(r.seq).toBe(1);
  });

  it('reads the week’s stored meals when the policy limits meals per week, and agrees with the kiosk', async () => {
    // Tianjin: lunch at most 5 times a week. Weekends allowed here, so a sixth lunch in one week exists.
    const tianjin = loadPolicy('tianjin');
    const weekly = await makeHubDistrict(db, { policies: [{ ...tianjin, conditions: { ...tianjin.conditions, workdaysOnly: false } }] });
    const kiosk = await weekly.kiosk(await weekly.canteen('和平长者食堂', '120101001'));
    const elder = testElder('tj-80', '1940-02-01', { region: '120101001' });
    const tjLunch = (date: string): string => `${date}T04:00:00.000Z`; // 12:00 in Tianjin
    // Each day's lunch uploaded that afternoon: the hub must read the earlier days back from its store.
    const daily = async (date: string): Promise<void> => {
      kiosk.checkin(elder, { at: tjLunch(date) });
      const at = `${date}T08:00:00.000Z`;
      expectAccepted(await send(db, kiosk.batch({ sentAt: at }), at), 1);
    };
    for (const d of ['23', '24', '25', '26', '27', '28', '30']) await daily(`2026-11-${d}`);
    expect(checkinBodySchema.parse(kiosk.record(6).body)).toMatchObject({ subsidy: 0, refusal: 'limitWeek' });
    expect(checkinBodySchema.parse(kiosk.record(7).body).subsidy).toBeGreaterThan(0);
    expect(await anomalies(db, kiosk.deviceId)).toEqual([]);
    const claimable = await db.query(`SELECT seq, claimable FROM meals WHERE device_id = $1 ORDER BY seq`, [kiosk.deviceId], z.object({ seq: dbInt, claimable: z.boolean() }));
    expect(claimable.map((m) => m.claimable)).toEqual([true, true, true, true, true, false, true]);
  });

  it('counts two concurrent uploads of one batch once', async () => {
    const kiosk = await newKiosk('并发饭堂');
    serveLunch(kiosk);
    const batch = signedNow(kiosk);
    const results = await Promise.all([send(db, batch), send(db, batch), send(db, batch)]);
    for (const r of results) expect(r.ok).toBe(true);
    const accepted = results.reduce((n, r) => n + (r.ok ? r.accepted : 0), 0);
    expect(accepted).toBe(batch.records.length);
    const kioskTotals = dayTotals(DAY, kiosk.records).totals;
    expect(await canteenTotals(db, kiosk.canteen.id)).toEqual({ ...kioskTotals, claimed: kioskTotals.subsidy });
    expect(await count(db, `SELECT count(*) AS n FROM meals WHERE device_id = $1`, [kiosk.deviceId])).toBe(7);
  });

  it('recounts a close whose day began in an earlier batch from both, and agrees with the kiosk', async () => {
    const kiosk = await newKiosk('分批日结饭堂');
    serveLunch(kiosk);
    const closeSeq = kiosk.head.seq;
    // The morning's first records arrive first; the rest of the day and its close after them.
    expectAccepted(await send(db, signedNow(kiosk, { toSeq: 3 })), 3);
    expectAccepted(await send(db, signedNow(kiosk)), closeSeq - 3);
    const close = await one(db, `SELECT matches, recounted FROM day_closes WHERE device_id = $1 AND seq = $2`, [kiosk.deviceId, closeSeq], z.object({ matches: z.boolean(), recounted: z.unknown() }));
    expect(close).toEqual({ matches: true, recounted: dayTotals(DAY, kiosk.records.slice(0, closeSeq - 1)) });
    expect(await anomalies(db, kiosk.deviceId)).toEqual([]);
  });

  it('flags records a kiosk wrote for a day after its own close — counted as amendments — but not another kiosk’s', async () => {
    const { hardship, over80, sixties } = crowd('t-own-close');
    const canteen = await hub.canteen('日结后饭堂', TOWN);
    const broken = await hub.kiosk(canteen);
    const neighbour = await hub.kiosk(canteen);
    broken.checkin(hardship, { at: lunch(0) });
    const close = broken.close(DAY, { at: `${DAY}T07:00:00.000Z` });
    // A real kiosk refuses both (the day is closed): this one is broken or was tampered with.
    const late = broken.checkin(over80, { at: lunch(40) });
    const sale = broken.sale({ at: lunch(41), standard: 1500 });
    expectAccepted(await send(db, signedNow(broken)), 4);
    const later = broken.checkin(sixties, { at: lunch(42) });
    expectAccepted(await send(db, signedNow(broken)), 1);
    const flagged = await db.query(
      `SELECT a.kind, a.service_date, a.details, ARRAY(SELECT r.seq::int FROM anomaly_records r WHERE r.anomaly_id = a.id ORDER BY r.seq) AS seqs
       FROM anomalies a WHERE a.device_id = $1 ORDER BY a.id`,
      [broken.deviceId],
      z.object({ kind: z.string(), service_date: dbLocalDate, details: z.unknown(), seqs: z.array(z.number()) }),
    );
    // One anomaly for the device's day, listing each record written after the close, batch after batch.
    expect(flagged).toEqual([{ kind: 'afterOwnClose', service_date: DAY, details: { closeSeq: close.seq }, seqs: [late.seq, sale.seq, later.seq] }]);
    const amended = await db.query(`SELECT seq FROM count_amendments WHERE device_id = $1 ORDER BY seq`, [broken.deviceId], z.object({ seq: dbInt }));
    expect(amended.map((a) => a.seq)).toEqual([late.seq, sale.seq, later.seq]);
    expect((await canteenTotals(db, canteen.id)).meals).toBe(4);
    // Another kiosk of the canteen may still serve that day after this one closed: an amendment, no flag.
    neighbour.checkin(crowd('t-own-close-2').over80, { at: lunch(50) });
    expectAccepted(await send(db, signedNow(neighbour)), 1);
    expect(await count(db, `SELECT count(*) AS n FROM count_amendments WHERE device_id = $1`, [neighbour.deviceId])).toBe(1);
    expect(await anomalies(db, neighbour.deviceId)).toEqual([]);
  });

  it('flags a check-in in a meal period the policy does not have, owes nothing for it, and keeps its period as recorded', async () => {
    const { over80, hardship, sixties } = crowd('t-period');
    const kiosk = await newKiosk('餐段不明饭堂');
    const brunch = kiosk.checkin(over80, { at: lunch(0), envelope: { periodId: 'brunch' } });
    const again = kiosk.checkin(hardship, { at: lunch(1), envelope: { periodId: 'brunch' } });
    // Outside every period is a state the kiosk records on purpose (period null), not an unknown period.
    kiosk.checkin(sixties, { at: lunch(2), envelope: { periodId: null } });
    expectAccepted(await send(db, signedNow(kiosk)), 3);
    const flagged = await db.query(
      `SELECT a.kind, a.details, ARRAY(SELECT r.seq::int FROM anomaly_records r WHERE r.anomaly_id = a.id ORDER BY r.seq) AS seqs FROM anomalies a WHERE a.device_id = $1`,
      [kiosk.deviceId],
      z.object({ kind: z.string(), details: z.unknown(), seqs: z.array(z.number()) }),
    );
    expect(flagged).toEqual([{ kind: 'unknownPeriod', details: { periodId: 'brunch', policyId: 'guangzhou-zhucan', policyVersion: 2 }, seqs: [brunch.seq, again.seq] }]);
    const meals = await db.query(`SELECT seq, period_id, subsidy, claimable FROM meals WHERE device_id = $1 ORDER BY seq`, [kiosk.deviceId], z.object({ seq: dbInt, period_id: z.string(), subsidy: dbInt, claimable: z.boolean() }));
    expect(meals).toEqual([
      { seq: brunch.seq, period_id: 'brunch', subsidy: 0, claimable: false },
      { seq: again.seq, period_id: 'brunch', subsidy: 0, claimable: false },
      { seq: 3, period_id: '', subsidy: 0, claimable: false },
    ]);
    // District staff read it in their words, the period named.
    const listed = must(await listAnomalies(db, hub.admin, { districtId: hub.districtId, kind: 'unknownPeriod', limit: 10 })).anomalies.filter((a) => a.deviceId === kiosk.deviceId);
    expect(listed.map((a) => a.message['zh-CN'])).toEqual([`设备 ${kiosk.deviceId} 在 ${DAY} 的就餐记录使用了政策中不存在的餐段“brunch”`]);
  });
});

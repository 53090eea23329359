/**
 * A canteen's kiosk and the district hub together, in one process tree, over real HTTP on 127.0.0.1:
 * the hub is set up through its own functions (district with its signing key, admin, canteen,
 * published policy, one-time code), the kiosk is a real SQLite kiosk enrolled with the real enrol
 * client. Then the hub goes down for a week. The kiosk keeps serving lunch and dinner on its own
 * clock — check-ins, a full-price second lunch, full-price sales, a void, a day close each day —
 * and its uploader keeps failing politely. The hub comes back; the kiosk crashes in the middle of
 * catching up (the hub stored a batch whose answer never arrived) and a new kiosk process resumes;
 * then the hub itself goes down mid-catch-up and comes back, and the kiosk resumes again.
 *
 * Then, on PGlite and on a real PostgreSQL: the hub's daily counts equal each of the kiosk's seven
 * day closes exactly (cells by period × age band × claimable, meals, standard, personal, subsidy,
 * and the sales); every record is acknowledged (hub head = kiosk head) and stored once; a second
 * sync, a full resend from the first record, and `zhucan sync --once` from another process count
 * nothing twice; and the days older than three days at arrival are flagged as a late upload —
 * exactly those records, no others.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEnrolmentCode } from '../../../server/enrolment/index.js';
import { LATE_UPLOAD_DAYS } from '../../../server/ingest/index.js';
import { addDays } from '../../../shared/dates.js';
import { closeBodySchema } from '../../../shared/ledger/bodies.js';
import { GENESIS } from '../../../shared/ledger/chain.js';
import type { CheckinOutcome, Identity } from '../../../electron/kiosk/checkin/outcome.js';
import { head } from '../../../electron/kiosk/ledger/ledger-store.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import type { HubFetch } from '../../../electron/kiosk/sync/hub-client.js';
import { systemFetch } from '../../../electron/kiosk/sync/hub-client.js';
import { readHubLink, recordHubHead } from '../../../electron/kiosk/sync/hub-link.js';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader } from '../../../electron/kiosk/sync/uploader.js';
import { HubClock, startTestHub, stopQuietly, useSystemHubEngines } from '../../helpers/hub-process.js';
import type { TestHub } from '../../helpers/hub-process.js';
import { at, CASHIER, cleanupKioskFixtures, createKioskFixture, ledgerRecords, MANAGER } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { onlyJson, runCli } from '../../helpers/zhucan-cli.js';
import { FakeTimers } from '../../unit/sync/fake-timers.js';
import { systemDistrict } from './system-district.js';
import { anomaliesOf, countedAtHub, countedFromClose, dailyCountsSnapshot, hubHead, storedRecords, uploadTally } from './hub-reads.js';

const engines = useSystemHubEngines();
const hubCloseTally = z.object({ n: z.number(), all_match: z.boolean() });

/** The day the kiosk enrols; the offline week is the seven days after it; the hub returns the day after. */
const ENROL_DAY = '2026-11-15';
const WEEK = Array.from({ length: 7 }, (_, i) => addDays(ENROL_DAY, i + 1));
const BACK_DAY = addDays(ENROL_DAY, 8);
/** Small batches, so the catching up takes several rounds and a crash can fall between two of them. */
const BATCH = 15;

let hub: TestHub | null = null;
const stores: KioskStore[] = [];
const uploaders: Uploader[] = [];

afterEach(async () => {
  for (const u of uploaders.splice(0)) u.stop();
  for (const s of stores.splice(0)) s.close();
  cleanupKioskFixtures();
  await stopQuietly(hub);
  hub = null;
});

function card(fx: KioskFixture, key: string): Identity {
  const uid = fx.elder(key).card;
  if (uid === null) throw new Error(`elder ${key} has no card`);
  return { kind: 'card', uid };
}

function served(o: CheckinOutcome): number {
  if (o.kind !== 'served' || o.duplicate) throw new Error(`expected a new check-in, got ${JSON.stringify(o)}`);
  return o.seq;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/**
 * One day at the canteen on the kiosk's own clock: five lunches (each tier, an elder of another
 * town, one found by hand), a second lunch sold at full price, full-price sales to passers-by, a
 * void (a check-in on even days, a sale on odd ones), a dinner, and the day close at 20:00.
 */
function serveDay(fx: KioskFixture, date: string, index: number): void {
  const k = fx.kiosk;
  const cashier = CASHIER.id;
  fx.clock.set(date, '11:30');
  served(k.checkIn({ identity: card(fx, 'young'), operatorId: cashier }));
  fx.clock.set(date, '11:31');
  const oldLunch = served(k.checkIn({ identity: card(fx, 'old'), operatorId: cashier }));
  fx.clock.set(date, '11:32');
  served(k.checkIn({ identity: card(fx, 'poor'), operatorId: cashier, payment: 'qrExternal' }));
  fx.clock.set(date, '11:33');
  served(k.checkIn({ identity: card(fx, 'otherTown'), operatorId: cashier }));
  fx.clock.set(date, '11:34');
  served(k.checkIn({ identity: { kind: 'manual', elderId: fx.elder('noCard').id }, operatorId: cashier }));
  fx.clock.set(date, '12:30');
  served(k.checkIn({ identity: card(fx, 'young'), operatorId: cashier, fullPrice: true }));
  fx.clock.set(date, '12:31');
  const sale = must(k.sell({ operatorId: cashier, quantity: 1 + (index % 3) })).seq;
  fx.clock.set(date, '12:32');
  must(k.sell({ operatorId: cashier, amount: 1500, payment: 'qrExternal' }));
  fx.clock.set(date, '12:40');
  must(k.voidRecord({ seq: index % 2 === 0 ? oldLunch : sale, reason: '收银员按错', operatorId: MANAGER.id }));
  fx.clock.set(date, '17:45');
  served(k.checkIn({ identity: card(fx, 'poor'), operatorId: cashier }));
  fx.clock.set(date, '20:00');
  must(k.closeDay({ serviceDate: date, operatorId: MANAGER.id }));
}

describe.each(engines)('a week offline, then sync — $name', (engine) => {
  it('counts at the hub equal the kiosk’s day closes exactly, once, with the late days flagged', async () => {
    // ---- the hub, set up through its own functions, and the kiosk enrolled over HTTP ----
    const hubClock = new HubClock(at(ENROL_DAY, '09:00'));
    hub = await startTestHub(await engine.location(), hubClock);
    const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [loadPolicy('guangzhou-2020')], now: hubClock.iso() });
    const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
    const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: hubClock.iso() }));

    const fx = createKioskFixture({ now: at(ENROL_DAY, '09:05') });
    const keys = fileKeyStore(deviceKeyFile(fx.file));
    const link = must(await enrolKiosk({ store: fx.store, keys }, { hubUrl: hub.url, code: code.code }));
    expect(link.canteen).toMatchObject({ id: canteen.id, regionCode: '440106001', districtName: '荔湾区' });
    const deviceId = link.deviceId;

    // ---- the hub goes down for a week; the kiosk serves and its uploader keeps trying ----
    await hub.stop();
    const timers = new FakeTimers(fx.clock.now);
    let answered = 0;
    let loseAnswer = 0;
    // The first kiosk process: Node's fetch, except that one answer is lost on the way back (the
    // hub stored the batch; the kiosk never learns it) — then the process dies.
    const wire: HubFetch = async (url, init) => {
      const res = await systemFetch(url, init);
      answered += 1;
      if (answered === loseAnswer) {
        await res.text();
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      }
      return res;
    };
    const first = createUploader({ store: fx.store, keys, clock: fx.clock.read, timers, random: () => 0.5, batchSize: BATCH, fetch: wire });
    uploaders.push(first);
    first.start();
    await first.settled();
    // Nothing to send yet: the hub being down does not show until there is.
    expect(first.status()).toMatchObject({ state: 'idle', pending: 0 });

    for (const [i, date] of WEEK.entries()) {
      serveDay(fx, date, i);
      first.nudge();
      // The nudge's wake-up, then each backoff retry, comes due (the fake timers move only when
      // told): the hub is still down.
      expect(timers.fireNext()).toBe(true);
      await first.settled();
      expect(first.status()).toMatchObject({ state: 'offline', pending: head(fx.store.read).seq, lastSuccessAt: null });
    }
    const kioskHead = head(fx.store.read);
    expect(kioskHead.seq).toBeGreaterThan(3 * BATCH);
    expect(fx.kiosk.verify()).toMatchObject({ ok: true });

    // ---- the hub is back the morning after; the kiosk crashes after the hub stored batch 2 ----
    hubClock.now = at(BACK_DAY, '10:00');
    fx.clock.set(BACK_DAY, '10:00');
    await hub.start();
    loseAnswer = 2;
    expect(timers.fireNext()).toBe(true);
    await first.settled();
    expect(first.status().state).toBe('offline');
    expect(readHubLink(fx.store.read)?.acked.seq).toBe(BATCH);
    expect((await hubHead(hub.db, deviceId)).seq).toBe(2 * BATCH);
    first.stop();
    fx.closeStore();

    // A new kiosk process on the same file: it resumes from what it had acknowledged. This time the
    // hub goes down itself right after answering the resumed batch 2, and comes back.
    const store = openKioskStore(fx.file, { check: true });
    stores.push(store);
    const running = hub;
    let secondAnswers = 0;
    const flaky: HubFetch = async (url, init) => {
      const res = await systemFetch(url, init);
      secondAnswers += 1;
      if (secondAnswers === 1) await running.stop();
      return res;
    };
    const timers2 = new FakeTimers(fx.clock.now);
    const second = createUploader({ store, keys, clock: fx.clock.read, timers: timers2, random: () => 0.5, batchSize: BATCH, fetch: flaky });
    uploaders.push(second);
    second.start();
    await second.settled();
    expect(second.status()).toMatchObject({ state: 'offline', acked: { seq: 2 * BATCH } });
    await hub.start();
    expect(timers2.fireNext()).toBe(true);
    await second.settled();
    expect(second.status()).toMatchObject({ state: 'idle', pending: 0, acked: kioskHead });
    expect(await hubHead(hub.db, deviceId)).toEqual(kioskHead);

    // ---- every record stored once; each day counted exactly as the kiosk closed it ----
    expect(await storedRecords(hub.db, deviceId)).toEqual({ rows: kioskHead.seq, seqs: kioskHead.seq, maxSeq: kioskHead.seq });
    const records = ledgerRecords(store.read);
    const closes = records.filter((r) => r.kind === 'close');
    expect(closes.map((r) => r.serviceDate)).toEqual(WEEK);
    for (const close of closes) {
      const totals = closeBodySchema.parse(close.body).totals;
      expect(totals.totals.subsidy).toBeGreaterThan(0);
      expect({ date: close.serviceDate, ...(await countedAtHub(hub.db, canteen.id, close.serviceDate)) }).toEqual({ date: close.serviceDate, ...countedFromClose(totals) });
    }
    const closedAtHub = await hub.db.query(`SELECT count(*)::int AS n, bool_and(matches) AS all_match FROM day_closes WHERE device_id = $1`, [deviceId], hubCloseTally);
    expect(closedAtHub).toEqual([{ n: 7, all_match: true }]);

    // ---- late: exactly the records of days more than three days old when they arrived ----
    const lateBefore = addDays(BACK_DAY, -LATE_UPLOAD_DAYS);
    const late = await anomaliesOf(hub.db, deviceId, 'lateUpload');
    const lateSeqs = late.flatMap((a) => a.seqs).sort((a, b) => a - b);
    expect(lateSeqs).toEqual(records.filter((r) => r.serviceDate < lateBefore).map((r) => r.seq));
    expect(late[0]?.serviceDate).toBe(WEEK[0]);
    expect(new Set(lateSeqs).size).toBe(lateSeqs.length);

    // ---- a second sync, then a resend of everything from the first record: nothing counted twice ----
    const counted = await dailyCountsSnapshot(hub.db, canteen.id);
    const tally = await uploadTally(hub.db, deviceId);
    expect(tally.accepted).toBe(kioskHead.seq);
    expect(tally.duplicates).toBe(BATCH);
    expect((await second.pushNow()).state).toBe('idle');
    store.write((tx) => recordHubHead(tx, GENESIS));
    expect(await second.pushNow()).toMatchObject({ state: 'idle', pending: 0, acked: kioskHead });
    expect(await dailyCountsSnapshot(hub.db, canteen.id)).toBe(counted);
    expect(await storedRecords(hub.db, deviceId)).toEqual({ rows: kioskHead.seq, seqs: kioskHead.seq, maxSeq: kioskHead.seq });
    const after = await uploadTally(hub.db, deviceId);
    expect(after.accepted).toBe(kioskHead.seq);
    expect(after.duplicates).toBe(BATCH + kioskHead.seq);
    expect(await anomaliesOf(hub.db, deviceId, 'lateUpload')).toEqual(late);

    // And `zhucan sync --once` from the command line (another process on the same file): caught up.
    const cli = await runCli(['sync', '--once', '--db', fx.file, '--json']);
    expect(onlyJson(cli)).toMatchObject({ ok: true, state: 'idle', pending: 0, acked: kioskHead });
    expect(await dailyCountsSnapshot(hub.db, canteen.id)).toBe(counted);
  }, 120_000);
});

/**
 * The kiosk learns new policy versions as a by-product of uploading: once the hub has acknowledged
 * everything, the uploader pulls the district's signed policy package (electron/kiosk/downlink) with
 * what enrolment stored — the hub's address, the district key — and its own device key. Uploads
 * and pulls (GET /api/v1/downlink/policies) go over real HTTP to the real hub, on PGlite and on
 * PostgreSQL; the pull's fetch is Node's own, wrapped only to count the pulls.
 *
 * Tested: a version published at the hub is installed at the kiosk after the next sync; the pull is
 * made at most every `everyMs` while idle, and at every pushNow (`zhucan sync --once`); a pull that
 * fails never stops an upload and shows why in the status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../../server/enrolment/index.js';
import { publishPolicy } from '../../../server/policies/index.js';
import type { Policy } from '../../../shared/policy/schema.js';
import type { DownlinkFetch } from '../../../electron/kiosk/downlink/index.js';
import { appliedPackageVersion } from '../../../electron/kiosk/downlink/index.js';
import { head } from '../../../electron/kiosk/ledger/ledger-store.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader } from '../../../electron/kiosk/sync/uploader.js';
import { HubClock, startTestHub, stopQuietly, useSystemHubEngines } from '../../helpers/hub-process.js';
import type { TestHub } from '../../helpers/hub-process.js';
import { at, CASHIER, cleanupKioskFixtures, createKioskFixture, TODAY } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { FakeTimers } from '../../unit/sync/fake-timers.js';
import { systemDistrict } from './system-district.js';

const engines = useSystemHubEngines();
const HOUR = 60 * 60_000;

let hub: TestHub | null = null;
const uploaders: Uploader[] = [];

afterEach(async () => {
  for (const u of uploaders.splice(0)) u.stop();
  cleanupKioskFixtures();
  await stopQuietly(hub);
  hub = null;
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Node's fetch to the hub's GET /api/v1/downlink/policies, counting the pulls. */
function countingPull(counter: { pulls: number }): DownlinkFetch {
  return (url, init) => {
    counter.pulls += 1;
    return fetch(url, init);
  };
}

function meal(fx: KioskFixture, key: string, time: string): void {
  fx.clock.set(TODAY, time);
  const uid = fx.elder(key).card;
  if (uid === null) throw new Error(`${key} has no card`);
  const o = fx.kiosk.checkIn({ identity: { kind: 'card', uid }, operatorId: CASHIER.id });
  if (o.kind !== 'served') throw new Error(JSON.stringify(o));
}

function installedVersions(fx: KioskFixture): number[] {
  return fx.store.read.stmt<{ version: number }>('SELECT version FROM policies ORDER BY version').all().map((r) => r.version);
}

describe.each(engines)('policy updates ride on uploads — $name', (engine) => {
  it('installs a version published at the hub after the next sync; pulls on schedule; a failed pull never stops uploads', async () => {
    const clock = new HubClock(at(TODAY, '09:00'));
    hub = await startTestHub(await engine.location(), clock);
    const v1 = loadPolicy('guangzhou-2020');
    const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [v1], now: clock.iso() });
    const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
    const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: clock.iso() }));
    const fx = createKioskFixture({ now: at(TODAY, '09:00') });
    const keys = fileKeyStore(deviceKeyFile(fx.file));
    must(await enrolKiosk({ store: fx.store, keys }, { hubUrl: hub.url, code: code.code }));

    const counter = { pulls: 0 };
    const timers = new FakeTimers(fx.clock.now);
    let pullFetch: DownlinkFetch = countingPull(counter);
    const uploader = createUploader({
      store: fx.store,
      keys,
      clock: fx.clock.read,
      timers,
      random: () => 0.5,
      policyPull: { fetch: (url, init) => pullFetch(url, init), everyMs: 6 * HOUR },
    });
    uploaders.push(uploader);

    // First round: the hub holds only the version the kiosk was set up with — nothing new.
    meal(fx, 'young', '11:30');
    clock.now = fx.clock.now;
    expect(await uploader.pushNow()).toMatchObject({ state: 'idle', pending: 0, policies: { ok: true, installed: [] } });
    expect(installedVersions(fx)).toEqual([1]);
    const firstPackage = appliedPackageVersion(fx.store.read);

    // The district publishes version 2 for next month; the next sync brings it, whole.
    const v2: Policy = { ...loadPolicy('guangzhou-2026-v2'), version: 2, effectiveFrom: '2026-12-01' };
    must(await publishPolicy(hub.db, { actor: district.admin, districtId: district.districtId, policy: v2, now: clock.iso() }));
    meal(fx, 'old', '11:40');
    clock.now = fx.clock.now;
    const afterPublish = await uploader.pushNow();
    expect(afterPublish).toMatchObject({ state: 'idle', pending: 0, policies: { ok: true, installed: [{ id: v2.id, version: 2 }], upToDate: false } });
    expect(installedVersions(fx)).toEqual([1, 2]);
    expect(appliedPackageVersion(fx.store.read)).toBeGreaterThan(firstPackage);

    // While idle, the background loop pulls once per everyMs, not at every 30 s poll.
    timers.now = fx.clock.now;
    uploader.start();
    await uploader.settled();
    const pullsAtStart = counter.pulls;
    for (let i = 0; i < 10; i++) {
      expect(timers.fireNext()).toBe(true);
      fx.clock.now = timers.now;
      clock.now = timers.now;
      await uploader.settled();
    }
    expect(counter.pulls).toBe(pullsAtStart);
    fx.clock.advance(6 * HOUR);
    timers.now = fx.clock.now;
    clock.now = fx.clock.now;
    expect(timers.fireNext()).toBe(true);
    await uploader.settled();
    expect(counter.pulls).toBe(pullsAtStart + 1);
    expect(uploader.status()).toMatchObject({ state: 'idle', policies: { ok: true, upToDate: true } });

    // The pull breaks (an older hub without the route, a proxy's error page): uploads go on.
    pullFetch = () => Promise.resolve({ status: 404, text: () => Promise.resolve('<html>not found</html>') });
    meal(fx, 'poor', '18:00');
    clock.now = fx.clock.now;
    const broken = await uploader.pushNow();
    expect(broken).toMatchObject({ state: 'idle', pending: 0, acked: head(fx.store.read), policies: { ok: false, kind: 'unreachable' } });
    expect(installedVersions(fx)).toEqual([1, 2]);

    // The running kiosk prices with the new version from its effective date, without a restart.
    const uid = fx.elder('old').card ?? '';
    fx.clock.set('2026-12-01', '11:30');
    const december = fx.kiosk.checkIn({ identity: { kind: 'card', uid }, operatorId: CASHIER.id });
    expect(december).toMatchObject({ kind: 'served', meal: { policyId: v2.id, policyVersion: 2 } });
  }, 120_000);
});

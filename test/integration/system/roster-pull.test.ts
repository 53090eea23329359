/**
 * The district roster comes down as a by-product of uploading, and the kiosk's re-keyed elders go
 * up: a kiosk and a real hub in one process, over real HTTP (GET /api/v1/downlink/roster, POST
 * /api/v1/downlink/roster-aliases), on PGlite and on PostgreSQL.
 *
 * Tested: the district imports a roster and the kiosk's next sync has its elders (an elder the
 * canteen had registered itself is re-keyed to the district id, and that alias reaches the hub,
 * once); a suspension at the hub makes the elder suspended at the kiosk after the next sync; a
 * forged package changes nothing and says why; a roster in parts is taken at most maxPages a round
 * and carried on the next; `zhucan sync --once` prints what the policy and roster pulls did, and
 * `zhucan sync` the last roster pull.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syncCommand } from '../../../bin/cli/sync.js';
import { createEnrolmentCode } from '../../../server/enrolment/index.js';
import { importRoster, rosterPackage, searchRoster, setElderStatus } from '../../../server/roster/index.js';
import { ROSTER_ALIASES_PATH, ROSTER_PACKAGE_PATH } from '../../../shared/hub-api/downlink.js';
import { appliedRosterVersion } from '../../../electron/kiosk/roster-downlink/index.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import { readHubLink } from '../../../electron/kiosk/sync/hub-link.js';
import { pullRoster } from '../../../electron/kiosk/sync/roster-pull.js';
import type { RosterPullOutcome } from '../../../electron/kiosk/sync/roster-pull.js';
import type { SignedFetch } from '../../../electron/kiosk/sync/signed-request.js';
import { syncReport } from '../../../electron/kiosk/sync/sync-report.js';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader } from '../../../electron/kiosk/sync/uploader.js';
import { HubClock, startTestHub, stopQuietly, useSystemHubEngines } from '../../helpers/hub-process.js';
import type { TestHub } from '../../helpers/hub-process.js';
import { at, CASHIER, cleanupKioskFixtures, createKioskFixture, DEVICE_ID, TODAY } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { must } from '../hub/hub-engines.js';
import { LOCAL, ROSTER } from './area-roster.js';
import { systemDistrict } from './system-district.js';

const engines = useSystemHubEngines();

let hub: TestHub | null = null;
const uploaders: Uploader[] = [];

afterEach(async () => {
  for (const u of uploaders.splice(0)) u.stop();
  cleanupKioskFixtures();
  await stopQuietly(hub);
  hub = null;
});


interface Wire {
  gets: number;
  aliasPosts: number;
  /** Rewrites the next roster package's JSON on its way in (a forger on the wire). */
  tamper: ((json: { payload: { elders: { name: string }[] } }) => void) | null;
}

/** Node's fetch to the real hub, counting the roster requests and optionally tampering with a package. */
function wire(w: Wire): SignedFetch {
  return async (url, init) => {
    if (url.includes(ROSTER_ALIASES_PATH)) w.aliasPosts += 1;
    const res = await fetch(url, init);
    if (!url.includes(ROSTER_PACKAGE_PATH)) return res;
    w.gets += 1;
    const text = await res.text();
    const tamper = w.tamper;
    if (tamper === null || res.status !== 200) return { status: res.status, text: () => Promise.resolve(text) };
    const json = JSON.parse(text) as { payload: { elders: { name: string }[] } };
    tamper(json);
    return { status: res.status, text: () => Promise.resolve(JSON.stringify(json)) };
  };
}

function kioskElders(fx: KioskFixture): { id: string; name: string; active: number }[] {
  return fx.store.read.stmt<{ id: string; name: string; active: number }>('SELECT id, name, active FROM elders ORDER BY name').all();
}

describe.each(engines)('roster down and aliases up ride on uploads — $name', (engine) => {
  it('brings the district roster down, re-keys the canteen’s own elder and reports it once; a suspension follows; a forged package changes nothing', async () => {
    const clock = new HubClock(at(TODAY, '09:00'));
    hub = await startTestHub(await engine.location(), clock);
    const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [loadPolicy('guangzhou-2020')], now: clock.iso() });
    const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
    const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: clock.iso() }));
    const fx = createKioskFixture({ now: at(TODAY, '09:00'), elders: { local: LOCAL } });
    const keys = fileKeyStore(deviceKeyFile(fx.file));
    must(await enrolKiosk({ store: fx.store, keys }, { hubUrl: hub.url, code: code.code }));
    const localId = fx.elder('local').id;

    // A meal under the canteen's own id, before the district's roster reaches the kiosk.
    fx.clock.set(TODAY, '11:30');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'A1B2C3D4' }, operatorId: CASHIER.id })).toMatchObject({ kind: 'served' });

    const w: Wire = { gets: 0, aliasPosts: 0, tamper: null };
    const uploader = createUploader({ store: fx.store, keys, clock: fx.clock.read, random: () => 0.5, policyPull: false, rosterPull: { fetch: wire(w) } });
    uploaders.push(uploader);
    const sync = async (): Promise<ReturnType<Uploader['status']>> => {
      clock.now = fx.clock.now;
      return uploader.pushNow();
    };

    // Nothing on the district roster yet: up to date at version 0, nothing to report.
    expect(await sync()).toMatchObject({ state: 'idle', pending: 0, roster: { ok: true, version: 0, upToDate: true, aliasesReported: 0 } });

    const imported = must(await importRoster(hub.db, district.admin, { districtId: district.districtId, bytes: new TextEncoder().encode(ROSTER), accept: true, now: clock.iso() }));
    expect(imported).toMatchObject({ new: 3, written: 3 });
    const hubElders = must(await searchRoster(hub.db, district.admin, { districtId: district.districtId }));
    const idOf = (name: string): string => hubElders.elders.find((e) => e.name === name)?.elderId ?? '';

    const afterImport = await sync();
    expect(afterImport.roster).toMatchObject({ ok: true, version: imported.version, upToDate: false, inserted: 2, updated: 1, rekeyed: 1, aliasesReported: 1, aliasProblem: null });
    expect(kioskElders(fx)).toEqual(
      [
        { id: idOf('李国强'), name: '李国强', active: 1 },
        { id: idOf('王秀英'), name: '王秀英', active: 1 },
        { id: idOf('陈桂兰'), name: '陈桂兰', active: 1 },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    // The district elder is checked in by the card the district issued.
    fx.clock.set(TODAY, '11:45');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'B2C3D4E5' }, operatorId: CASHIER.id })).toMatchObject({ kind: 'served' });
    // The hub knows the meal under the old id was 王秀英's.
    const aliases = await hub.db.query(`SELECT device_id, local_elder_id, elder_id FROM roster_elder_aliases`, [], z.object({ device_id: z.string(), local_elder_id: z.string(), elder_id: z.string() }));
    expect(aliases).toEqual([{ device_id: DEVICE_ID, local_elder_id: localId, elder_id: idOf('王秀英') }]);

    // The next sync: nothing new, and the aliases the hub took are not sent again.
    expect((await sync()).roster).toMatchObject({ ok: true, upToDate: true, aliasesReported: 0 });
    expect(w.aliasPosts).toBe(1);

    // The district suspends 陈桂兰: the next sync makes her suspended at the kiosk.
    must(await setElderStatus(hub.db, district.admin, { districtId: district.districtId, elderId: idOf('陈桂兰'), active: false, reason: '住院', now: clock.iso() }));
    expect((await sync()).roster).toMatchObject({ ok: true, version: imported.version + 1, updated: 1 });
    expect(kioskElders(fx).find((e) => e.name === '陈桂兰')?.active).toBe(0);

    // A package changed on the way (a forger renames an elder): refused whole, nothing changes.
    must(await setElderStatus(hub.db, district.admin, { districtId: district.districtId, elderId: idOf('陈桂兰'), active: true, reason: '出院', now: clock.iso() }));
    const before = { elders: kioskElders(fx), version: appliedRosterVersion(fx.store) };
    w.tamper = (json) => {
      const first = json.payload.elders[0];
      if (first !== undefined) first.name = '冒名者';
    };
    const forged = await sync();
    expect(forged).toMatchObject({ state: 'idle', pending: 0, roster: { ok: false, kind: 'badSignature' } });
    expect({ elders: kioskElders(fx), version: appliedRosterVersion(fx.store) }).toEqual(before);
    // Uploads went on regardless; the honest package then applies.
    w.tamper = null;
    expect((await sync()).roster).toMatchObject({ ok: true, version: imported.version + 2, updated: 1 });
    expect(kioskElders(fx).find((e) => e.name === '陈桂兰')?.active).toBe(1);
  }, 120_000);

  it('takes a large roster in parts: at most maxPages a round, and the next round carries on from the version stored', async () => {
    const clock = new HubClock(at(TODAY, '09:00'));
    hub = await startTestHub(await engine.location(), clock);
    const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [loadPolicy('guangzhou-2020')], now: clock.iso() });
    const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
    const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: clock.iso() }));
    const fx = createKioskFixture({ now: at(TODAY, '09:00'), elders: {} });
    const keys = fileKeyStore(deviceKeyFile(fx.file));
    must(await enrolKiosk({ store: fx.store, keys }, { hubUrl: hub.url, code: code.code }));
    const imported = must(await importRoster(hub.db, district.admin, { districtId: district.districtId, bytes: new TextEncoder().encode(ROSTER), accept: true, now: clock.iso() }));
    const db = hub.db;
    // The hub's own package, one elder a part (the route makes parts of 5,000): three parts in all.
    const pages: SignedFetch = async (url, init) => {
      if (!url.includes(ROSTER_PACKAGE_PATH)) return fetch(url, init);
      const since = Number(new URL(url).searchParams.get('since'));
      const pkg = must(await rosterPackage(db, { deviceId: DEVICE_ID, sinceVersion: since, now: clock.iso(), limit: 1 }));
      return { status: 200, text: () => Promise.resolve(JSON.stringify(pkg)) };
    };
    const link = readHubLink(fx.store.read);
    const key = keys.load();
    if (link === null || !key.ok) throw new Error('not enrolled');
    const round = (): Promise<RosterPullOutcome> => pullRoster({ store: fx.store, link, key: key.key, fetch: pages, now: clock.iso(), timeoutMs: 10_000, maxPages: 2 });

    expect(await round()).toMatchObject({ ok: true, version: imported.version - 1, more: true, inserted: 2 });
    expect(kioskElders(fx)).toHaveLength(2);
    expect(await round()).toMatchObject({ ok: true, version: imported.version, more: false, inserted: 1 });
    expect(kioskElders(fx)).toHaveLength(3);
    expect(await round()).toMatchObject({ ok: true, version: imported.version, more: false, upToDate: true });
    // The outcome is kept for `zhucan sync` in another process.
    expect(syncReport(fx.store.read).roster).toMatchObject({ ok: true, upToDate: true, version: imported.version });
  }, 120_000);

  it('`zhucan sync --once` prints the policy and roster pulls; `zhucan sync` the last roster pull', async () => {
    const clock = new HubClock(Date.now());
    hub = await startTestHub(await engine.location(), clock);
    const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [loadPolicy('guangzhou-2020')], now: clock.iso() });
    const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
    const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: clock.iso() }));
    const fx = createKioskFixture({ elders: { local: LOCAL } });
    must(await enrolKiosk({ store: fx.store, keys: fileKeyStore(deviceKeyFile(fx.file)) }, { hubUrl: hub.url, code: code.code }));
    const imported = must(await importRoster(hub.db, district.admin, { districtId: district.districtId, bytes: new TextEncoder().encode(ROSTER), accept: true, now: clock.iso() }));
    fx.closeStore();

    // The CLI signs with the real clock: the hub's clock is the real one too.
    clock.now = Date.now();
    const once = await syncCommand(['--once', '--db', fx.file]);
    expect(once.exit).toBe(0);
    const text = once.lines.join('\n');
    expect(text).toContain('补贴政策：已是最新');
    expect(text).toContain(`区花名册：已更新到第 ${imported.version} 版（新增 2 人，更新 1 人，其中 1 人改用区编号；移出本片区 0 人）`);
    expect(text).toContain('已向区平台报告 1 位本机登记老人改用的区编号');

    const status = await syncCommand(['--db', fx.file]);
    expect(status.lines.join('\n')).toContain('上次同步区花名册');
    expect(status.json).toMatchObject({ roster: { ok: true, version: imported.version } });
  }, 120_000);
});

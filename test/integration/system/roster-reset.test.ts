/**
 * `zhucan sync --reset-roster`: the way out the hub names when it was restored from an older backup
 * (409 aheadOfHub, "reset the kiosk's roster version to 0 and sync again"). A kiosk and a real hub in
 * one process, over real HTTP, on PGlite and on PostgreSQL.
 *
 * Tested: a reset followed by the full re-send of the area leaves the kiosk's roster exactly as it
 * was (elders, statuses, cards, aliases, QR keys), reports the re-keyed elders again, and keeps
 * working (a check-in by card, a suspension that follows); a kiosk ahead of the hub is told so with
 * the way out, and `--reset-roster --once` brings it to the hub's roster and version; a kiosk not
 * enrolled is refused and left as it was; `zhucan sync` prints its instants in the canteen's local
 * time while --json keeps UTC ISO.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { syncCommand } from '../../../bin/cli/sync.js';
import { createEnrolmentCode } from '../../../server/enrolment/index.js';
import { addDistrictQrKey, retireDistrictQrKey } from '../../../server/qr-keys/index.js';
import { importRoster, searchRoster, setElderStatus } from '../../../server/roster/index.js';
import { ROSTER_ALIASES_PATH } from '../../../shared/hub-api/downlink.js';
import { appliedRosterVersion, ROSTER_VERSION_SETTING } from '../../../electron/kiosk/roster-downlink/index.js';
import { getSetting, setSetting } from '../../../electron/kiosk/settings.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { ReadHandle } from '../../../electron/kiosk/store/open.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import { recordProblem } from '../../../electron/kiosk/sync/hub-link.js';
import { ALIASES_REPORTED_SETTING } from '../../../electron/kiosk/sync/roster-pull.js';
import { resetRosterVersion } from '../../../electron/kiosk/sync/roster-reset.js';
import type { SignedFetch } from '../../../electron/kiosk/sync/signed-request.js';
import { createUploader } from '../../../electron/kiosk/sync/uploader.js';
import type { Uploader } from '../../../electron/kiosk/sync/uploader.js';
import { HubClock, startTestHub, stopQuietly, useSystemHubEngines } from '../../helpers/hub-process.js';
import type { TestHub } from '../../helpers/hub-process.js';
import { at, CASHIER, cleanupKioskFixtures, createKioskFixture, TODAY } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { must } from '../hub/hub-engines.js';
import { LOCAL, ROSTER } from './area-roster.js';
import { systemDistrict } from './system-district.js';

const engines = useSystemHubEngines();

/** What a test started, stopped after it whatever happened. */
const running: { hub: TestHub | null; uploader: Uploader | null } = { hub: null, uploader: null };

afterEach(async () => {
  running.uploader?.stop();
  cleanupKioskFixtures();
  await stopQuietly(running.hub);
  Object.assign(running, { hub: null, uploader: null });
});


/** Everything of the roster the kiosk holds, but the rows' own "updated at" stamps (a re-send rewrites each elder). */
function kioskRoster(read: ReadHandle): Record<string, unknown[]> {
  const all = (sql: string): unknown[] => read.stmt(sql).all();
  return {
    elders: all(`SELECT id, name, name_initials, birth_date, sex, id_masked, id_hash, hukou_region, residence_region, care_home, lives_alone, active, created_at
                 FROM elders ORDER BY id`),
    statuses: all('SELECT elder_id, code, valid_from, valid_to FROM elder_statuses ORDER BY elder_id, code, valid_from'),
    cards: all('SELECT * FROM cards ORDER BY uid'),
    aliases: all('SELECT * FROM elder_aliases ORDER BY old_id'),
    qrKeys: all('SELECT * FROM qr_keys ORDER BY key_id'),
  };
}

/** Node's fetch to the real hub, counting the alias reports. */
function countingAliases(counter: { posts: number }): SignedFetch {
  return async (url, init) => {
    if (url.includes(ROSTER_ALIASES_PATH)) counter.posts += 1;
    return fetch(url, init);
  };
}

function spki(): string {
  return generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** The wall clock of Asia/Shanghai (UTC+8, no DST) for an ISO instant, worked out without the code under test. */
function beijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

interface Enrolled {
  readonly hub: TestHub;
  readonly fx: KioskFixture;
  readonly districtId: number;
  readonly admin: Parameters<typeof importRoster>[1];
}

/** A hub with a district and a canteen, and a kiosk (with its own 王秀英) enrolled to it through a real code. */
async function enrolled(engine: (typeof engines)[number], clock: HubClock, fxNow?: number): Promise<Enrolled> {
  const hub = await startTestHub(await engine.location(), clock);
  running.hub = hub;
  const { district } = await systemDistrict(hub.db, { name: '荔湾区', regionCode: '440106', policies: [loadPolicy('guangzhou-2020')], now: clock.iso() });
  const canteen = await district.canteen('天河区测试长者饭堂', '440106001');
  const code = must(await createEnrolmentCode(hub.db, { actor: district.admin, canteenId: canteen.id, now: clock.iso() }));
  const fx = createKioskFixture({ ...(fxNow === undefined ? {} : { now: fxNow }), elders: { local: LOCAL } });
  must(await enrolKiosk({ store: fx.store, keys: fileKeyStore(deviceKeyFile(fx.file)) }, { hubUrl: hub.url, code: code.code }));
  return { hub, fx, districtId: district.districtId, admin: district.admin };
}

describe.each(engines)('zhucan sync --reset-roster — $name', (engine) => {
  it('a full re-send after a reset leaves the roster as it was, reports the aliases again, and keeps working', async () => {
    const clock = new HubClock(at(TODAY, '09:00'));
    const { hub, fx, districtId, admin } = await enrolled(engine, clock, at(TODAY, '09:00'));
    const db = hub.db;
    // A district QR key in use and one retired: the package carries both (format 2).
    must(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: spki(), by: 'console:test', now: clock.iso() }));
    const old = must(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: spki(), by: 'console:test', now: clock.iso() }));
    must(await retireDistrictQrKey(db, { actor: 'console', districtId, keyId: old.keyId, by: 'console:test', now: clock.iso() }));
    const imported = must(await importRoster(db, admin, { districtId, bytes: new TextEncoder().encode(ROSTER), accept: true, now: clock.iso() }));

    const counter = { posts: 0 };
    const uploader = createUploader({ store: fx.store, keys: fileKeyStore(deviceKeyFile(fx.file)), clock: fx.clock.read, random: () => 0.5, policyPull: false, rosterPull: { fetch: countingAliases(counter) } });
    running.uploader = uploader;
    const sync = async (): Promise<ReturnType<Uploader['status']>> => {
      clock.now = fx.clock.now;
      return uploader.pushNow();
    };

    fx.clock.set(TODAY, '11:30');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'A1B2C3D4' }, operatorId: CASHIER.id })).toMatchObject({ kind: 'served' });
    expect((await sync()).roster).toMatchObject({ ok: true, version: imported.version, inserted: 2, updated: 1, rekeyed: 1, aliasesReported: 1 });
    expect(counter.posts).toBe(1);
    const before = kioskRoster(fx.store.read);
    expect(before.aliases).toHaveLength(1);
    expect(before.qrKeys).toHaveLength(2);

    // The reset: back to 0, the alias report forgotten, the last pull dropped — in one transaction.
    expect(resetRosterVersion(fx.store)).toEqual({ ok: true, value: { from: imported.version, aliasesForgotten: true } });
    expect(appliedRosterVersion(fx.store)).toBe(0);
    expect(getSetting(fx.store.read, ALIASES_REPORTED_SETTING)).toBeNull();

    // The whole area again: every elder an update, nothing re-keyed or inserted, and the roster unchanged.
    fx.clock.set(TODAY, '11:40');
    expect((await sync()).roster).toMatchObject({ ok: true, version: imported.version, upToDate: false, inserted: 0, updated: 3, rekeyed: 0, withdrawn: 0, aliasesReported: 1 });
    expect(counter.posts).toBe(2);
    expect(kioskRoster(fx.store.read)).toEqual(before);

    // And it keeps working: the district's card checks in, and a suspension comes down.
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'B2C3D4E5' }, operatorId: CASHIER.id })).toMatchObject({ kind: 'served' });
    const hubElders = must(await searchRoster(db, admin, { districtId }));
    const chen = hubElders.elders.find((e) => e.name === '陈桂兰')?.elderId ?? '';
    must(await setElderStatus(db, admin, { districtId, elderId: chen, active: false, reason: '住院', now: clock.iso() }));
    expect((await sync()).roster).toMatchObject({ ok: true, version: imported.version + 1, updated: 1, aliasesReported: 0 });
    expect(fx.store.read.stmt<{ active: number }>('SELECT active FROM elders WHERE id = ?').get(chen)?.active).toBe(0);

    // `zhucan sync` shows the kiosk's own instants in the canteen's time; --json keeps them UTC.
    fx.store.write((tx) => recordProblem(tx, new Date(at(TODAY, '11:45')).toISOString(), { key: 'sync.refused.revoked', params: { hub: '已停用' } }, 'revoked'));
    const shown = await syncCommand(['--db', fx.file]);
    const text = shown.lines.join('\n');
    expect(text).toContain(`上次成功上传：${TODAY} 11:40:00`);
    expect(text).toContain(`上次同步区花名册：${TODAY} 11:40:00`);
    expect(text).toContain(`区平台自 ${TODAY} 11:45:00 起拒绝上传`);
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    expect(shown.json).toMatchObject({ lastSuccessAt: `${TODAY}T03:40:00.000Z`, refused: { kind: 'revoked', at: `${TODAY}T03:45:00.000Z` }, roster: { at: `${TODAY}T03:40:00.000Z` } });
  }, 120_000);

  it('a kiosk ahead of a restored hub is told the way out; `--reset-roster --once` brings it to the hub’s roster and version', async () => {
    // The CLI signs with the real clock: the hub's clock is the real one too.
    const clock = new HubClock(Date.now());
    const { hub, fx, districtId, admin } = await enrolled(engine, clock);
    const imported = must(await importRoster(hub.db, admin, { districtId, bytes: new TextEncoder().encode(ROSTER), accept: true, now: clock.iso() }));
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'A1B2C3D4' }, operatorId: CASHIER.id })).toMatchObject({ kind: 'served' });
    fx.closeStore();

    clock.now = Date.now();
    const first = await syncCommand(['--once', '--db', fx.file]);
    expect(first.json).toMatchObject({ ok: true, state: 'idle', roster: { ok: true, version: imported.version } });
    const synced = openKioskStore(fx.file);
    const before = kioskRoster(synced.read);
    // The hub went back to a backup taken before its last 40 roster changes: the kiosk is past it.
    synced.write((tx) => setSetting(tx, ROSTER_VERSION_SETTING, String(imported.version + 40)));
    synced.close();

    clock.now = Date.now();
    const ahead = await syncCommand(['--once', '--db', fx.file]);
    expect(ahead.json).toMatchObject({ ok: true, state: 'idle', roster: { ok: false, kind: 'hubRefused', hubKind: 'aheadOfHub' } });
    const aheadText = ahead.lines.join('\n');
    expect(aheadText).toContain(`本机花名册为第 ${imported.version + 40} 版，区里只到第 ${imported.version} 版`);
    expect(aheadText).toContain('zhucan sync --reset-roster --once');

    clock.now = Date.now();
    const reset = await syncCommand(['--reset-roster', '--once', '--db', fx.file]);
    expect(reset.exit).toBe(0);
    expect(reset.json).toMatchObject({ ok: true, reset: { from: imported.version + 40 }, roster: { ok: true, version: imported.version, inserted: 0, updated: 3 } });
    const resetText = reset.lines.join('\n');
    expect(resetText).toContain(`已将本机区花名册版本从第 ${imported.version + 40} 版重置为 0`);
    expect(resetText).toContain(`区花名册：已更新到第 ${imported.version} 版（新增 0 人，更新 3 人，其中 0 人改用区编号；移出本片区 0 人）`);
    const after = openKioskStore(fx.file);
    expect(appliedRosterVersion(after)).toBe(imported.version);
    expect(kioskRoster(after.read)).toEqual(before);
    after.close();

    // The plain status: the last pull and the last upload in the canteen's time, UTC in --json.
    const status = await syncCommand(['--db', fx.file]);
    const json = status.json as { lastSuccessAt: string; roster: { at: string } };
    expect(status.lines.join('\n')).toContain(`上次成功上传：${beijing(json.lastSuccessAt)}`);
    expect(status.lines.join('\n')).toContain(`上次同步区花名册：${beijing(json.roster.at)}`);
    expect(json.lastSuccessAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }, 120_000);
});

describe('zhucan sync --reset-roster on a kiosk not enrolled', () => {
  afterEach(() => cleanupKioskFixtures());

  it('refuses and changes nothing', async () => {
    const fx = createKioskFixture();
    fx.store.write((tx) => setSetting(tx, ROSTER_VERSION_SETTING, '7'));
    fx.closeStore();
    for (const args of [['--reset-roster'], ['--reset-roster', '--once']]) {
      const out = await syncCommand([...args, '--db', fx.file]);
      expect(out.exit).toBe(1);
      expect(out.json).toMatchObject({ ok: false, error: 'notEnrolled', enrolled: false });
      expect(out.lines.join('\n')).toContain('zhucan enroll');
    }
    const store = openKioskStore(fx.file);
    expect(appliedRosterVersion(store)).toBe(7);
    store.close();
  });
});

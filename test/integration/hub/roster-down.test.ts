/**
 * Roster down from the hub to kiosks, on both engines: a package holds the changed elders of the
 * canteen's area (others only as withdrawn ids), signed with the district key; versions are
 * incremental and paged without loss; unknown and revoked devices get nothing. Then the point of it
 * all: the same elder checked in at two kiosks of the district is named by the same elderId.
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { dbInt } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode } from '../../../server/enrolment/index.js';
import { importRoster, recordElderAliases, rosterPackage, rosterVersion, searchRoster, setElderStatus } from '../../../server/roster/index.js';
import { rosterPackageBytes, rosterPackagePayloadSchema } from '../../../shared/roster/package.js';
import type { RosterPackagePayload, SignedRosterPackage } from '../../../shared/roster/package.js';
import { applyRosterPackage, rosterAliases } from '../../../electron/kiosk/roster-downlink/index.js';
import { kioskOn } from '../../../electron/kiosk/kiosk.js';
import type { Kiosk } from '../../../electron/kiosk/kiosk.js';
import { setSetting } from '../../../electron/kiosk/settings.js';
import { CASHIER, cleanupKioskFixtures, createKioskFixture, lastRecord, makeIdNumber, TODAY } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
// Each kiosk here gets its own device id after set-up, so the chain is verified by a facade that knows it.
afterEach(() => cleanupKioskFixtures());

const T0 = '2026-11-24T02:00:00.000Z';
const PASSWORD = 'correct horse battery';
const STATUSES = [{ code: 'dibao', name: '低保' }];

const WANG = makeIdNumber('440106', '1950-03-15', 'F', 41);
const LI = makeIdNumber('440106', '1940-05-20', 'M', 42);
const HE = makeIdNumber('440106', '1955-12-01', 'M', 43);

const FILE = new TextEncoder().encode(
  [
    '姓名,身份证号,卡号,类别,户籍地,常住地',
    `王秀英,${WANG},A1B2C3D4,,440106001,440106001`,
    // 户籍 in town 002 but lives in 001: of the 001 canteens' area.
    `李国强,${LI},B2C3D4E5,低保,440106002,440106001`,
    `何建华,${HE},0A1B2C3D,,440106002,440106002`,
  ].join('\n'),
);

function payloadOf(pkg: SignedRosterPackage): RosterPackagePayload {
  return rosterPackagePayloadSchema.parse(pkg.payload);
}

describe.each(engines)('roster down on $name', (engine) => {
  let db: HubDb;
  let districtId: number;
  let districtKey: string;
  let admin: Account;
  const devices: Record<'a' | 'b' | 'far', string> = { a: 'kiosk-shipai-1', b: 'kiosk-tangxia-1', far: 'kiosk-town2-1' };

  async function enrol(canteenId: number, deviceId: string): Promise<void> {
    const code = must(await createEnrolmentCode(db, { actor: admin, canteenId, now: T0 })).code;
    const key = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    must(await redeemEnrolmentCode(db, { code, devicePublicKey: key, deviceId, now: T0 }));
  }

  beforeAll(async () => {
    db = await engine.open();
    const district = must(await createDistrict(db, { actor: 'console', name: '天河区', regionCode: '440106', now: T0 }));
    districtId = district.id;
    districtKey = district.publicKey;
    admin = must(await createAccount(db, { actor: 'console', districtId, login: 'down.admin', password: PASSWORD, role: 'admin', now: T0 }));
    const canteen = { actor: admin, districtId, address: '', operatorName: '', now: T0 };
    await enrol(must(await createCanteen(db, { ...canteen, name: '石牌长者饭堂', regionCode: '440106001' })).id, devices.a);
    await enrol(must(await createCanteen(db, { ...canteen, name: '棠下长者饭堂', regionCode: '440106001' })).id, devices.b);
    await enrol(must(await createCanteen(db, { ...canteen, name: '二镇长者饭堂', regionCode: '440106002' })).id, devices.far);
    must(await importRoster(db, admin, { districtId, bytes: FILE, accept: true, now: T0, statuses: STATUSES }));
  }, 90_000);

  it('sends the area\'s elders, signed by the district key; others only as withdrawn ids', async () => {
    const pkg = must(await rosterPackage(db, { deviceId: devices.a, sinceVersion: 0, now: T0 }));
    const key = createPublicKey({ key: Buffer.from(districtKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(rosterPackageBytes(pkg.payload), 'utf8'), key, Buffer.from(pkg.signature, 'base64'))).toBe(true);
    const payload = payloadOf(pkg);
    expect(payload).toMatchObject({ districtId, deviceId: devices.a, fromVersion: 0, version: 3, more: false, issuedAt: T0 });
    expect(payload.elders.map((e) => e.name)).toEqual(['王秀英', '李国强']);
    expect(payload.elders[1]).toMatchObject({ idNumber: LI, statuses: [{ code: 'dibao', validFrom: null, validTo: null }], cards: [{ uid: 'B2C3D4E5', state: 'active' }], active: true });
    const he = must(await searchRoster(db, admin, { districtId, q: '何建华' })).elders[0];
    expect(payload.withdrawn).toEqual([he?.elderId]);
    // Nothing personal about 何 goes to a canteen of another town.
    expect(JSON.stringify(pkg)).not.toContain(HE);

    const far = payloadOf(must(await rosterPackage(db, { deviceId: devices.far, sinceVersion: 0, now: T0 })));
    expect(far.elders.map((e) => e.name)).toEqual(['李国强', '何建华']);
  });

  it('pages by version without losing a change, and sends only what changed since', async () => {
    const seen: string[] = [];
    let since = 0;
    for (let i = 0; i < 5; i++) {
      const page = payloadOf(must(await rosterPackage(db, { deviceId: devices.a, sinceVersion: since, now: T0, limit: 1 })));
      expect(page.fromVersion).toBe(since);
      seen.push(...page.elders.map((e) => e.name), ...page.withdrawn.map(() => 'withdrawn'));
      since = page.version;
      if (!page.more) break;
    }
    expect(seen).toEqual(['王秀英', '李国强', 'withdrawn']);
    expect(since).toBe(await rosterVersion(db, districtId));

    const wang = must(await searchRoster(db, admin, { districtId, q: '王秀英' })).elders[0];
    if (wang === undefined) throw new Error('no 王秀英');
    must(await setElderStatus(db, admin, { districtId, elderId: wang.elderId, active: false, reason: '住院', now: T0 }));
    const next = payloadOf(must(await rosterPackage(db, { deviceId: devices.a, sinceVersion: since, now: T0 })));
    expect(next).toMatchObject({ fromVersion: since, version: since + 1, withdrawn: [] });
    expect(next.elders.map((e) => [e.name, e.active])).toEqual([['王秀英', false]]);
    must(await setElderStatus(db, admin, { districtId, elderId: wang.elderId, active: true, reason: '', now: T0 }));
    // Nothing new: an empty package at the same version.
    const latest = await rosterVersion(db, districtId);
    expect(payloadOf(must(await rosterPackage(db, { deviceId: devices.a, sinceVersion: latest, now: T0 })))).toMatchObject({ version: latest, elders: [], withdrawn: [], more: false });
  });

  it('refuses an unknown or revoked device and a bad version', async () => {
    expect(await rosterPackage(db, { deviceId: `'; DROP TABLE devices; --`, sinceVersion: 0, now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknownDevice' } });
    expect(await rosterPackage(db, { deviceId: devices.a, sinceVersion: -1, now: T0 })).toMatchObject({ ok: false, error: { kind: 'badVersion' } });
    const hub = await rosterVersion(db, districtId);
    expect(await rosterPackage(db, { deviceId: devices.a, sinceVersion: hub + 1, now: T0 })).toMatchObject({ ok: false, error: { kind: 'aheadOfHub', message: { params: { kiosk: hub + 1, hub } } } });
    const [canteen] = await db.query(`SELECT canteen_id FROM devices WHERE device_id = $1`, [devices.a], z.object({ canteen_id: dbInt }));
    await enrol(canteen?.canteen_id ?? 0, 'kiosk-retired');
    await db.execute(`UPDATE devices SET revoked_at = $2 WHERE device_id = $1`, ['kiosk-retired', T0]);
    expect(await rosterPackage(db, { deviceId: 'kiosk-retired', sinceVersion: 0, now: T0 })).toMatchObject({ ok: false, error: { kind: 'revoked' } });
  });

  it('the same elder checked in at two kiosks of the district is named by the same elderId', async () => {
    const kiosks: { fx: KioskFixture; kiosk: Kiosk }[] = [];
    for (const deviceId of [devices.a, devices.b]) {
      const fx = createKioskFixture({ elders: {} });
      // The fixture sets every kiosk up as one device id; each of these is its own enrolled kiosk.
      fx.store.write((tx) => setSetting(tx, 'device_id', deviceId));
      let since = 0;
      for (;;) {
        const pkg = must(await rosterPackage(db, { deviceId, sinceVersion: since, now: T0 }));
        const applied = must(applyRosterPackage(fx.store, pkg, { districtPublicKey: districtKey, now: T0 }));
        since = applied.version;
        if (!applied.more) break;
      }
      fx.clock.set(TODAY, '12:00');
      // A facade opened after the change, so its records carry this kiosk's own device id.
      const kiosk = kioskOn(fx.store, fx.clock.read);
      expect(kiosk.checkIn({ identity: { kind: 'card', uid: 'B2C3D4E5' }, operatorId: CASHIER.id }).kind).toBe('served');
      expect(kiosk.verify()).toMatchObject({ ok: true });
      kiosks.push({ fx, kiosk });
    }
    const li = must(await searchRoster(db, admin, { districtId, q: '李国强' })).elders[0];
    const [first, second] = kiosks.map(({ fx }) => lastRecord(fx.store.read));
    expect(first?.deviceId).toBe(devices.a);
    expect(second?.deviceId).toBe(devices.b);
    expect(first?.elderId).toBe(li?.elderId);
    expect(second?.elderId).toBe(li?.elderId);
  });

  it('a kiosk that had the elder under its own id re-keys them and reports the link; the hub keeps the first report', async () => {
    // The fixture's own roster: 王秀英-like local elders with their own numbers; give one of them 王's number.
    const fx = createKioskFixture();
    fx.store.write((tx) => setSetting(tx, 'device_id', devices.b));
    const local = fx.elder('young');
    fx.clock.set(TODAY, '12:00');
    const kiosk = kioskOn(fx.store, fx.clock.read);
    expect(kiosk.checkIn({ identity: { kind: 'card', uid: local.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    const row = `${local.name},${local.idNumber},,,440106001,440106001`;
    must(await importRoster(db, admin, { districtId, bytes: new TextEncoder().encode(`姓名,身份证号,卡号,类别,户籍地,常住地\n${row}`), accept: true, now: T0, statuses: STATUSES }));
    const inHub = must(await searchRoster(db, admin, { districtId, q: local.idNumber.slice(14) })).elders.find((e) => e.name === local.name);
    if (inHub === undefined) throw new Error('not imported');

    let since = 0;
    for (;;) {
      const applied = must(applyRosterPackage(fx.store, must(await rosterPackage(db, { deviceId: devices.b, sinceVersion: since, now: T0 })), { districtPublicKey: districtKey, now: T0 }));
      since = applied.version;
      if (!applied.more) break;
    }
    const report = rosterAliases(fx.store.read);
    expect(report).toEqual({ aliases: [{ localElderId: local.id, elderId: inHub.elderId }] });
    expect(must(await recordElderAliases(db, { deviceId: devices.b, aliases: report.aliases, now: T0 }))).toBe(1);
    // Reported again with every sync: nothing new.
    expect(must(await recordElderAliases(db, { deviceId: devices.b, aliases: report.aliases, now: T0 }))).toBe(0);
    const other = must(await searchRoster(db, admin, { districtId, q: '何建华' })).elders[0]?.elderId ?? '';
    expect(await recordElderAliases(db, { deviceId: devices.b, aliases: [{ localElderId: local.id, elderId: other }], now: T0 })).toMatchObject({ ok: false, error: { kind: 'aliasConflict' } });
    expect(await recordElderAliases(db, { deviceId: devices.b, aliases: [{ localElderId: 'E-other', elderId: 'D0000000000ZZ' }], now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknownElder' } });
    expect(await recordElderAliases(db, { deviceId: 'kiosk-nobody', aliases: [], now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknownDevice' } });
    const stored = await db.query(`SELECT local_elder_id, elder_id FROM roster_elder_aliases ORDER BY local_elder_id`, [], z.object({ local_elder_id: z.string(), elder_id: z.string() }));
    expect(stored).toEqual([{ local_elder_id: local.id, elder_id: inHub.elderId }]);
    expect(kiosk.verify()).toMatchObject({ ok: true });
  });
});

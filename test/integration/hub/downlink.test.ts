/**
 * Policy down to the kiosk, on both engines: the hub checks a kiosk's signed pull (its registered
 * key, a fresh timestamp, not revoked), builds the district's package and signs it with the district
 * key; a real kiosk store pulls it through fetchAndApply (with a fetch that calls the hub functions
 * the way the route will) and installs it; a revoked kiosk gets nothing.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { jsonParam } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import type { District } from '../../../server/districts/index.js';
import { policyPackage, verifiesWith, verifyDeviceRequest } from '../../../server/downlink/index.js';
import type { RequestHeaders } from '../../../server/downlink/index.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode } from '../../../server/enrolment/index.js';
import { POLICY_PACKAGE_PATH, PULL_HEADERS, policyPackageText, pullStatementText, ROSTER_ALIASES_PATH, ROSTER_PACKAGE_PATH, sinceSchema } from '../../../shared/hub-api/downlink.js';
import type { PullTarget } from '../../../shared/hub-api/downlink.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { appliedPackageVersion, fetchAndApply } from '../../../electron/kiosk/downlink/index.js';
import type { DownlinkFetch } from '../../../electron/kiosk/downlink/index.js';
import { setUpKiosk } from '../../../electron/kiosk/settings.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import { cleanupKioskFixtures, tempDir } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';
import { insertDistrictWithoutKey, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const NOW = '2026-11-24T04:00:00.000Z';
const MINUTE = 60_000;
const v1 = loadPolicy('guangzhou-2020');
const v2 = loadPolicy('guangzhou-2026-v2');

function at(ms: number): string {
  return new Date(Date.parse(NOW) + ms).toISOString();
}

/** A published version, as publishing stores it (migration 0003's policies row). */
async function publish(db: HubDb, districtId: number, policy: Policy, publishedAt = NOW): Promise<void> {
  await db.execute(
    `INSERT INTO policies (district_id, policy_id, version, effective_from, effective_to, document, published_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [districtId, policy.id, policy.version, policy.effectiveFrom, policy.effectiveTo ?? null, jsonParam(policy), publishedAt],
  );
}

/** The policy pull from the start, as the route names it to verifyDeviceRequest. */
const POLICY_PULL: PullTarget = { method: 'GET', path: POLICY_PACKAGE_PATH, since: 0 };

/** The headers of a request signed with `key` for `deviceId` at `timestamp`, for `target`. */
function pullHeaders(deviceId: string, timestamp: string, key: KeyObject, target: PullTarget = POLICY_PULL): Record<string, string> {
  return {
    [PULL_HEADERS.deviceId]: deviceId,
    [PULL_HEADERS.timestamp]: timestamp,
    [PULL_HEADERS.signature]: sign(null, Buffer.from(pullStatementText(deviceId, timestamp, target), 'utf8'), key).toString('base64'),
  };
}

describe.each(engines)('policy down to the kiosk on $name', (engine) => {
  let db: HubDb;
  let district: District;
  let admin: Account;
  const kioskKey = generateKeyPairSync('ed25519');
  const otherKey = generateKeyPairSync('ed25519');
  const spki = (k: { publicKey: KeyObject }): string => k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

  async function enrol(deviceId: string, key: { publicKey: KeyObject }, canteenId: number): Promise<void> {
    const code = must(await createEnrolmentCode(db, { actor: admin, canteenId, now: NOW }));
    must(await redeemEnrolmentCode(db, { code: code.code, devicePublicKey: spki(key), deviceId, now: NOW }));
  }

  beforeAll(async () => {
    db = await engine.open();
    district = must(await createDistrict(db, { actor: 'console', name: '越秀区', regionCode: '440104', now: NOW }));
    admin = must(await createAccount(db, { actor: 'console', districtId: district.id, login: 'admin', password: 'correct horse battery', role: 'admin', now: NOW }));
    const canteen = must(await createCanteen(db, { actor: admin, districtId: district.id, name: '东山长者饭堂', regionCode: '440104001', address: '', operatorName: '', now: NOW }));
    await enrol('kiosk-a', kioskKey, canteen.id);
    await enrol('kiosk-b', otherKey, canteen.id);
    await publish(db, district.id, v1);
    await publish(db, district.id, v2);
    // Another district's policy never reaches this district's kiosks.
    const other = must(await createDistrict(db, { actor: 'console', name: '海珠区', regionCode: '440105', now: NOW }));
    await publish(db, other.id, { ...v1, id: 'haizhu' });
  }, 90_000);
  afterAll(() => cleanupKioskFixtures());

  it('accepts a pull signed by the device key within five minutes; refuses the rest with a reason', async () => {
    const device = { deviceId: 'kiosk-a', districtId: district.id };
    expect(await verifyDeviceRequest(db, pullHeaders('kiosk-a', NOW, kioskKey.privateKey), NOW, POLICY_PULL)).toMatchObject({ ok: true, value: device });
    expect(await verifyDeviceRequest(db, pullHeaders('kiosk-a', at(-4 * MINUTE), kioskKey.privateKey), NOW, POLICY_PULL)).toMatchObject({ ok: true });
    const refused = async (headers: RequestHeaders): Promise<unknown> => {
      const r = await verifyDeviceRequest(db, headers, NOW, POLICY_PULL);
      return r.ok ? 'accepted' : r.error.kind;
    };
    // Another kiosk's key, or the signature of another instant.
    expect(await refused(pullHeaders('kiosk-a', NOW, otherKey.privateKey))).toBe('badSignature');
    // Headers signed for another request cannot be replayed for this one: another since, route or method.
    expect(await refused(pullHeaders('kiosk-a', NOW, kioskKey.privateKey, { ...POLICY_PULL, since: 3 }))).toBe('badSignature');
    expect(await refused(pullHeaders('kiosk-a', NOW, kioskKey.privateKey, { method: 'GET', path: ROSTER_PACKAGE_PATH, since: 0 }))).toBe('badSignature');
    expect(await refused(pullHeaders('kiosk-a', NOW, kioskKey.privateKey, { method: 'POST', path: ROSTER_ALIASES_PATH, since: null }))).toBe('badSignature');
    expect(await refused({ ...pullHeaders('kiosk-a', at(-1000), kioskKey.privateKey), [PULL_HEADERS.timestamp]: NOW })).toBe('badSignature');
    expect(await refused(pullHeaders('kiosk-a', at(6 * MINUTE), kioskKey.privateKey))).toBe('clockSkew');
    expect(await refused(pullHeaders('kiosk-a', at(-6 * MINUTE), kioskKey.privateKey))).toBe('clockSkew');
    expect(await refused(pullHeaders('kiosk-zz', NOW, kioskKey.privateKey))).toBe('unknownDevice');
    expect(await refused({ [PULL_HEADERS.deviceId]: 'kiosk-a' })).toBe('badRequest');
    const good = pullHeaders('kiosk-a', NOW, kioskKey.privateKey);
    expect(await refused({ ...good, [PULL_HEADERS.deviceId]: ['kiosk-a', 'kiosk-a'] })).toBe('badRequest');
    expect(await refused({ ...good, [PULL_HEADERS.timestamp]: '2026-11-24 04:00' })).toBe('badRequest');
    expect(await refused({ ...good, [PULL_HEADERS.deviceId]: `'; DROP TABLE devices; --` })).toBe('unknownDevice');
  });

  it('signs the district\'s versions with the district key; nothing new means an empty package', async () => {
    const pkg = must(await policyPackage(db, { deviceId: 'kiosk-a', since: 0, now: NOW }));
    expect(pkg).toMatchObject({ v: 1, districtId: district.id, deviceId: 'kiosk-a', issuedAt: NOW, packageVersion: 2 });
    expect(pkg.policies.map((p) => [p['id'], p['version']])).toEqual([
      [v1.id, 1],
      [v1.id, 2],
    ]);
    expect(pkg.policies[1]).toEqual(JSON.parse(JSON.stringify(v2)));
    expect(verifiesWith(district.publicKey, policyPackageText(pkg), pkg.signature)).toBe(true);
    expect(verifiesWith(district.publicKey, policyPackageText({ ...pkg, packageVersion: 3 }), pkg.signature)).toBe(false);
    const upToDate = must(await policyPackage(db, { deviceId: 'kiosk-a', since: 2, now: NOW }));
    expect(upToDate).toMatchObject({ packageVersion: 2, policies: [] });
    expect(verifiesWith(district.publicKey, policyPackageText(upToDate), upToDate.signature)).toBe(true);
    expect(sinceSchema.parse(undefined)).toBe(0);
    expect(sinceSchema.safeParse('-1').success).toBe(false);
  });

  it('has nothing to sign with for a district without a key, and nothing for an unknown device', async () => {
    const bare = await insertDistrictWithoutKey(db, '无密钥区', '440111');
    const staff = must(await createAccount(db, { actor: 'console', districtId: bare, login: 'bare.admin', password: 'correct horse battery', role: 'admin', now: NOW }));
    const canteen = must(await createCanteen(db, { actor: staff, districtId: bare, name: '白云饭堂', regionCode: '440111', address: '', operatorName: '', now: NOW }));
    const code = must(await createEnrolmentCode(db, { actor: staff, canteenId: canteen.id, now: NOW }));
    const key = generateKeyPairSync('ed25519');
    must(await redeemEnrolmentCode(db, { code: code.code, devicePublicKey: spki(key), deviceId: 'kiosk-bare', now: NOW }));
    expect(await policyPackage(db, { deviceId: 'kiosk-bare', since: 0, now: NOW })).toMatchObject({ ok: false, error: { kind: 'noKey', message: { key: 'hub.down.noKey' } } });
    expect(await policyPackage(db, { deviceId: 'kiosk-nobody', since: 0, now: NOW })).toMatchObject({ ok: false, error: { kind: 'unknownDevice' } });
  });

  it('a kiosk pulls and installs the package; a new version arrives on the next pull; a revoked kiosk gets nothing', async () => {
    const store = openKioskStore(join(tempDir('zhucan-hub-downlink-'), 'kiosk.db'));
    try {
      setUpKiosk(store, { canteenName: '东山长者饭堂', canteenRegion: '440104001', policyId: v1.id, deviceId: 'kiosk-b' });
      let clock = NOW;
      // What the route will do: check the pull, read ?since=, answer the package or the refusal.
      const hub: DownlinkFetch = async (url, init) => {
        const since = sinceSchema.parse(new URL(url).searchParams.get('since') ?? undefined);
        const device = await verifyDeviceRequest(db, init.headers, clock, { method: 'GET', path: POLICY_PACKAGE_PATH, since });
        const pkg = device.ok ? await policyPackage(db, { deviceId: device.value.deviceId, since, now: clock }) : device;
        const body = pkg.ok ? pkg.value : { error: { kind: pkg.error.kind, message: pkg.error.message.key } };
        return { status: pkg.ok ? 200 : 403, text: () => Promise.resolve(JSON.stringify(body)) };
      };
      const pull = (): ReturnType<typeof fetchAndApply> =>
        fetchAndApply({ store, hubUrl: 'http://127.0.0.1:8080', deviceKey: otherKey.privateKey, districtKey: district.publicKey, fetch: hub, now: clock });

      expect(await pull()).toMatchObject({ ok: true, value: { packageVersion: 2, installed: [{ version: 1 }, { version: 2 }], unchanged: [] } });
      expect(await pull()).toMatchObject({ ok: true, value: { packageVersion: 2, upToDate: true } });

      const v3: Policy = { ...v2, version: 3, effectiveFrom: '2027-01-01' };
      await publish(db, district.id, v3, at(MINUTE));
      clock = at(2 * MINUTE);
      expect(await pull()).toMatchObject({ ok: true, value: { packageVersion: 3, installed: [{ version: 3 }], unchanged: [{ version: 1 }, { version: 2 }] } });
      const versions = store.read.stmt<{ version: number }>('SELECT version FROM policies ORDER BY version').all();
      expect(versions.map((r) => r.version)).toEqual([1, 2, 3]);

      await db.execute(`UPDATE devices SET revoked_at = $2 WHERE device_id = $1`, ['kiosk-b', at(3 * MINUTE)]);
      clock = at(4 * MINUTE);
      expect(await pull()).toMatchObject({ ok: false, error: { kind: 'hubRefused', hubKind: 'revoked' } });
      expect(await policyPackage(db, { deviceId: 'kiosk-b', since: 0, now: clock })).toMatchObject({ ok: false, error: { kind: 'revoked' } });
      expect(appliedPackageVersion(store.read)).toBe(3);
    } finally {
      store.close();
    }
  });
});

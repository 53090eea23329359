/**
 * The kiosk applying a policy package from the hub, on a real SQLite file: a package signed by the
 * district installs every version and records its package version in one transaction; a changed
 * byte, another key, another kiosk's package, an old package, an invalid policy or a version held
 * with other content changes nothing at all. fetchAndApply signs its pull and applies the answer.
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY_PACKAGE_PATH, PULL_HEADERS, policyPackageText, pullStatementText } from '../../../shared/hub-api/downlink.js';
import type { PolicyPackage, UnsignedPolicyPackage } from '../../../shared/hub-api/downlink.js';
import type { Policy } from '../../../shared/policy/schema.js';
import { appliedPackageVersion, applyPolicyPackage, DOWNLINK_POLICY_VERSION_KEY, fetchAndApply } from '../../../electron/kiosk/downlink/index.js';
import type { DownlinkFetch } from '../../../electron/kiosk/downlink/index.js';
import { installPolicy } from '../../../electron/kiosk/policy-store.js';
import { getSetting, setUpKiosk } from '../../../electron/kiosk/settings.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import type { KioskStore } from '../../../electron/kiosk/store/open.js';
import { cleanupKioskFixtures, tempDir } from '../../helpers/kiosk-fixture.js';
import { loadPolicy } from '../../helpers/policies.js';

const DEVICE = 'kiosk-downlink-01';
const NOW = '2026-11-24T04:00:00.000Z';
const v1 = loadPolicy('guangzhou-2020');
const v2 = loadPolicy('guangzhou-2026-v2');

function keyPair(): { privateKey: KeyObject; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}
const district = keyPair();

/** A package as the hub makes it, signed with `key` (the district's unless a test says otherwise). */
function signedPackage(over: Partial<UnsignedPolicyPackage> & { policies?: unknown[] } = {}, key: KeyObject = district.privateKey): PolicyPackage {
  const unsigned = {
    v: 1 as const,
    districtId: 7,
    deviceId: DEVICE,
    issuedAt: NOW,
    packageVersion: 2,
    ...over,
    policies: (over.policies ?? [v1, v2]) as Record<string, unknown>[],
  };
  // Through JSON, as it crosses the wire: the kiosk never sees the hub's objects.
  const wire = JSON.parse(JSON.stringify(unsigned)) as UnsignedPolicyPackage;
  return { ...wire, signature: sign(null, Buffer.from(policyPackageText(wire), 'utf8'), key).toString('base64') };
}

function installed(store: KioskStore): { id: string; version: number; name: string }[] {
  return store.read
    .stmt<{ id: string; version: number; document: string }>('SELECT id, version, document FROM policies ORDER BY id, version')
    .all()
    .map((r) => ({ id: r.id, version: r.version, name: (JSON.parse(r.document) as { name: string }).name }));
}

describe('applying a policy package at the kiosk', () => {
  let store: KioskStore;

  beforeEach(() => {
    store = openKioskStore(join(tempDir('zhucan-downlink-'), 'kiosk.db'));
    setUpKiosk(store, { canteenName: '东山长者饭堂', canteenRegion: '440106001', policyId: v1.id, deviceId: DEVICE });
  });
  afterEach(() => {
    store.close();
    cleanupKioskFixtures();
  });

  it('installs every version and records the package version; the same package again is stale, an empty one of that version is up to date', () => {
    expect(appliedPackageVersion(store.read)).toBe(0);
    const pkg = signedPackage();
    expect(applyPolicyPackage(store, pkg, district.publicKey, NOW)).toEqual({
      ok: true,
      value: { packageVersion: 2, installed: [{ id: v1.id, version: 1 }, { id: v2.id, version: 2 }], unchanged: [], upToDate: false },
    });
    expect(installed(store)).toEqual([
      { id: v1.id, version: 1, name: v1.name },
      { id: v2.id, version: 2, name: v2.name },
    ]);
    expect(getSetting(store.read, DOWNLINK_POLICY_VERSION_KEY)).toBe('2');
    expect(applyPolicyPackage(store, pkg, district.publicKey, NOW)).toMatchObject({ ok: false, error: { kind: 'stale', message: { key: 'downlink.stale', params: { got: 2, applied: 2 } } } });
    expect(applyPolicyPackage(store, signedPackage({ policies: [] }), district.publicKey, NOW)).toEqual({
      ok: true,
      value: { packageVersion: 2, installed: [], unchanged: [], upToDate: true },
    });
    // A later package with one more version: the two held are unchanged, the new one installed.
    const v3: Policy = { ...v2, version: 3, effectiveFrom: '2027-01-01', name: '第三版' };
    expect(applyPolicyPackage(store, signedPackage({ packageVersion: 3, policies: [v1, v2, v3] }), district.publicKey, NOW)).toMatchObject({
      ok: true,
      value: { packageVersion: 3, installed: [{ id: v1.id, version: 3 }], unchanged: [{ id: v1.id, version: 1 }, { id: v1.id, version: 2 }] },
    });
    expect(appliedPackageVersion(store.read)).toBe(3);
  });

  it('refuses a package with any byte changed, and changes nothing', () => {
    const bytes = Buffer.from(JSON.stringify(signedPackage()), 'utf8');
    let parsed = 0;
    for (let i = 0; i < bytes.length; i++) {
      const copy = Buffer.from(bytes);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(copy));
      } catch {
        continue; // Not JSON any more: fetchAndApply refuses it before this point (notJson).
      }
      parsed += 1;
      const result = applyPolicyPackage(store, json, district.publicKey, NOW);
      if (result.ok) throw new Error(`byte ${i} changed (${String.fromCharCode(bytes[i] ?? 0)}) and the package was still applied`);
      expect(['malformed', 'badSignature', 'wrongDevice']).toContain(result.error.kind);
    }
    // Most changes still parse as JSON (a digit, a letter in a name): the signature is what stops them.
    expect(parsed).toBeGreaterThan(bytes.length / 2);
    expect(installed(store)).toEqual([]);
    expect(appliedPackageVersion(store.read)).toBe(0);
  });

  it('refuses a package signed by another key, for another kiosk, older than the one applied, or with a bad signature text', () => {
    const intruder = keyPair();
    expect(applyPolicyPackage(store, signedPackage({}, intruder.privateKey), district.publicKey, NOW)).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    expect(applyPolicyPackage(store, signedPackage({ deviceId: 'kiosk-other' }), district.publicKey, NOW)).toMatchObject({
      ok: false,
      error: { kind: 'wrongDevice', message: { key: 'downlink.wrongDevice', params: { to: 'kiosk-other', us: DEVICE } } },
    });
    const good = signedPackage();
    expect(applyPolicyPackage(store, { ...good, signature: 'A'.repeat(86) + '==' }, district.publicKey, NOW)).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    expect(applyPolicyPackage(store, { ...good, signature: 'short' }, district.publicKey, NOW)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(applyPolicyPackage(store, 'not a package', district.publicKey, NOW)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(installed(store)).toEqual([]);

    expect(applyPolicyPackage(store, signedPackage({ packageVersion: 5 }), district.publicKey, NOW).ok).toBe(true);
    expect(applyPolicyPackage(store, signedPackage({ packageVersion: 4, policies: [v1] }), district.publicKey, NOW)).toMatchObject({
      ok: false,
      error: { kind: 'stale', message: { params: { got: 4, applied: 5 } } },
    });
    expect(appliedPackageVersion(store.read)).toBe(5);
  });

  it('refuses a signed package holding an invalid policy, naming the field, and installs nothing', () => {
    const broken = { ...v2, version: 3, tiers: [] };
    const result = applyPolicyPackage(store, signedPackage({ policies: [v1, broken] }), district.publicKey, NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidPolicy', message: { key: 'parse.invalid' } } });
    if (!result.ok) expect(result.error.issues?.map((i) => i.path)).toEqual(['tiers']);
    expect(installed(store)).toEqual([]);
    expect(appliedPackageVersion(store.read)).toBe(0);
  });

  it('installs nothing when one version is held with other content, even versions listed before it', () => {
    installPolicy(store, { ...v1, name: '本地改过的第一版' }, NOW);
    // v2 comes first: it is installed inside the transaction, then the clash on v1 rolls it back.
    const result = applyPolicyPackage(store, signedPackage({ policies: [v2, v1] }), district.publicKey, NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict', message: { key: 'downlink.conflict', params: { id: v1.id, version: 1 } } } });
    expect(installed(store)).toEqual([{ id: v1.id, version: 1, name: '本地改过的第一版' }]);
    expect(appliedPackageVersion(store.read)).toBe(0);
  });

  it('fetchAndApply signs its pull with the device key, asks since the last package, and applies the answer', async () => {
    const device = keyPair();
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const answers = [
      { status: 200, body: JSON.stringify(signedPackage()) },
      { status: 403, body: JSON.stringify({ error: { kind: 'revoked', message: '此设备已被区里停用' } }) },
      { status: 502, body: '<html>Bad gateway</html>' },
    ];
    const fakeFetch: DownlinkFetch = (url, init) => {
      calls.push({ url, headers: init.headers });
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9'));
      return Promise.resolve({ status: answer.status, text: () => Promise.resolve(answer.body) });
    };
    const options = { store, hubUrl: 'https://hub.example.cn/', deviceKey: device.privateKey, districtKey: district.publicKey, fetch: fakeFetch, now: NOW };

    expect(await fetchAndApply(options)).toMatchObject({ ok: true, value: { packageVersion: 2, upToDate: false } });
    const first = calls[0];
    expect(first?.url).toBe(`https://hub.example.cn${POLICY_PACKAGE_PATH}?since=0`);
    expect(first?.headers[PULL_HEADERS.deviceId]).toBe(DEVICE);
    expect(first?.headers[PULL_HEADERS.timestamp]).toBe(NOW);
    const signature = Buffer.from(first?.headers[PULL_HEADERS.signature] ?? '', 'base64');
    const publicKey = { key: Buffer.from(device.publicKey, 'base64'), format: 'der' as const, type: 'spki' as const };
    expect(verify(null, Buffer.from(pullStatementText(DEVICE, NOW, { method: 'GET', path: POLICY_PACKAGE_PATH, since: 0 }), 'utf8'), publicKey, signature)).toBe(true);

    expect(await fetchAndApply(options)).toMatchObject({ ok: false, error: { kind: 'hubRefused', hubKind: 'revoked', message: { params: { status: 403, text: '此设备已被区里停用' } } } });
    expect(calls[1]?.url).toMatch(/\?since=2$/);
    expect(await fetchAndApply(options)).toMatchObject({ ok: false, error: { kind: 'unreachable', message: { key: 'downlink.notJson', params: { status: 502 } } } });
    expect(await fetchAndApply(options)).toMatchObject({ ok: false, error: { kind: 'unreachable', message: { key: 'downlink.unreachable' } } });
    expect(appliedPackageVersion(store.read)).toBe(2);
    expect(installed(store)).toHaveLength(2);
  });
});

/**
 * District QR keys from the hub to the kiosk, on both engines (docs/hub-roster.md "QR keys"): a key
 * added at the hub takes the next roster version and goes down in the roster package (format 2); a
 * kiosk that applies it verifies a code signed by the key's private half; retiring the key at the hub
 * makes the kiosk refuse such codes after its next package; a forged package changes nothing; the
 * kiosk's own keys are never touched; a package with no key change stays format 1, the shape a kiosk
 * of the first build reads. Plus `zhucan hub qr-key …` on a PGlite folder.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createDistrict } from '../../../server/districts/index.js';
import { createCanteen, createEnrolmentCode, redeemEnrolmentCode } from '../../../server/enrolment/index.js';
import { addDistrictQrKey, listDistrictQrKeys, retireDistrictQrKey } from '../../../server/qr-keys/index.js';
import { importRoster, rosterPackage, rosterVersion, searchRoster } from '../../../server/roster/index.js';
import { encodePayload, encodeToken, signedBytesOf } from '../../../shared/qr/token.js';
import { ROSTER_PACKAGE_FORMAT, ROSTER_PACKAGE_FORMAT_QR_KEYS, rosterPackageBytes, rosterPackagePayloadSchema } from '../../../shared/roster/package.js';
import type { RosterPackagePayload, SignedRosterPackage } from '../../../shared/roster/package.js';
import { keyIdOf, kioskQrPublicKey, listQrKeys } from '../../../electron/kiosk/qr/qr-keys.js';
import { issueCardCode } from '../../../electron/kiosk/qr/issue-qr.js';
import { verifyQr } from '../../../electron/kiosk/qr/verify-qr.js';
import { applyRosterPackage, appliedRosterVersion } from '../../../electron/kiosk/roster-downlink/index.js';
import { setSetting } from '../../../electron/kiosk/settings.js';
import { cleanupKioskFixtures, createKioskFixture, makeIdNumber, tempDir } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { onlyJson, runCli } from '../../helpers/zhucan-cli.js';
import { must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();
afterEach(() => cleanupKioskFixtures());

const T0 = '2026-11-24T02:00:00.000Z';
const T1 = '2026-11-24T03:00:00.000Z';
const DEVICE = 'kiosk-qr-keys-1';
const WANG = makeIdNumber('440106', '1950-03-15', 'F', 51);

/** The fields a format-1 package has: exactly what a kiosk of the first build reads (its schema is strict). */
const FORMAT_1_FIELDS = ['deviceId', 'districtId', 'elders', 'format', 'fromVersion', 'issuedAt', 'more', 'version', 'withdrawn'];

interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly spki: string;
}

function keyPair(): KeyPair {
  const pair = generateKeyPairSync('ed25519');
  return { ...pair, spki: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/** A phone code for the elder signed by `key` (the district's issuing system would make it), naming `keyId`. */
function phoneCode(key: KeyPair, elderId: string, nowMs: number, keyId = keyIdOf(key.publicKey)): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const payload = { v: 1, k: 'phone', keyId, elderId, issuedAt, expiresAt: issuedAt + 60, nonce: 'AAECAwQFBgcICQoL' } as const;
  return encodeToken(payload, sign(null, signedBytesOf(encodePayload(payload)), key.privateKey));
}

function payloadOf(pkg: SignedRosterPackage): RosterPackagePayload {
  return rosterPackagePayloadSchema.parse(pkg.payload);
}

/** What a roster row of qr_keys says, for "nothing changed" and for "installed as". */
function kioskKeys(fx: KioskFixture): unknown[] {
  return fx.store.read.stmt('SELECT key_id, kind, public_key, retired_at FROM qr_keys ORDER BY key_id').all();
}

describe.each(engines)('district QR keys on $name', (engine) => {
  let db: HubDb;
  let districtId: number;
  let districtKey: string;
  let admin: Account;
  let wangId: string;

  beforeAll(async () => {
    db = await engine.open();
    const district = must(await createDistrict(db, { actor: 'console', name: '天河区', regionCode: '440106', now: T0 }));
    districtId = district.id;
    districtKey = district.publicKey;
    admin = must(await createAccount(db, { actor: 'console', districtId, login: 'qr.admin', password: 'correct horse battery', role: 'admin', now: T0 }));
    const canteen = must(await createCanteen(db, { actor: admin, districtId, name: '石牌长者饭堂', regionCode: '440106001', address: '', operatorName: '', now: T0 }));
    const code = must(await createEnrolmentCode(db, { actor: admin, canteenId: canteen.id, now: T0 })).code;
    must(await redeemEnrolmentCode(db, { code, devicePublicKey: keyPair().spki, deviceId: DEVICE, now: T0 }));
    const file = new TextEncoder().encode(`姓名,身份证号,卡号,类别,户籍地,常住地\n王秀英,${WANG},A1B2C3D4,,440106001,440106001`);
    must(await importRoster(db, admin, { districtId, bytes: file, accept: true, now: T0, statuses: [] }));
    wangId = must(await searchRoster(db, admin, { districtId, q: '王秀英' })).elders[0]?.elderId ?? '';
  }, 90_000);

  /** A kiosk of the canteen, enrolled as DEVICE. */
  function kiosk(): KioskFixture {
    const fx = createKioskFixture({ elders: {} });
    fx.store.write((tx) => setSetting(tx, 'device_id', DEVICE));
    return fx;
  }

  /** Pulls and applies until the hub has nothing more: what the kiosk's sync does. */
  async function sync(fx: KioskFixture): Promise<RosterPackagePayload[]> {
    const seen: RosterPackagePayload[] = [];
    for (;;) {
      const pkg = must(await rosterPackage(db, { deviceId: DEVICE, sinceVersion: appliedRosterVersion(fx.store), now: T1 }));
      seen.push(payloadOf(pkg));
      const applied = must(applyRosterPackage(fx.store, pkg, { districtPublicKey: districtKey, now: T1 }));
      if (!applied.more) return seen;
    }
  }

  it('a package without key changes is format 1, with exactly the fields of the first format', async () => {
    const pkg = must(await rosterPackage(db, { deviceId: DEVICE, sinceVersion: 0, now: T1 }));
    const payload = payloadOf(pkg);
    expect(payload.format).toBe(ROSTER_PACKAGE_FORMAT);
    expect(Object.keys(pkg.payload as object).sort()).toEqual(FORMAT_1_FIELDS);
  });

  it('a key added at the hub reaches the kiosk, which then accepts codes it signed; retired, they are refused after the next package', async () => {
    const fx = kiosk();
    await sync(fx);
    const before = await rosterVersion(db, districtId);
    const district = keyPair();
    const nowMs = Date.parse(T1);
    // Not yet known here: the code is refused as signed by an unknown key.
    expect(verifyQr(fx.store.read, phoneCode(district, wangId, nowMs), nowMs)).toMatchObject({ ok: false, error: { code: 'unknownKey', message: { key: 'qr.unknownKey' } } });

    const added = must(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: district.spki, by: 'console:test', now: T1 }));
    expect(added).toMatchObject({ keyId: keyIdOf(district.publicKey), version: before + 1, retiredAt: null, addedBy: 'console:test' });
    expect(await rosterVersion(db, districtId)).toBe(before + 1);

    const [down] = await sync(fx);
    expect(down).toMatchObject({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, fromVersion: before, version: before + 1, elders: [], qrKeys: [{ keyId: added.keyId, publicKey: district.spki, retiredAt: null, version: before + 1 }] });
    expect(listQrKeys(fx.store.read).map((k) => [k.keyId, k.kind, k.privateKey, k.retiredAt])).toEqual([[added.keyId, 'district', false, null]]);
    expect(verifyQr(fx.store.read, phoneCode(district, wangId, nowMs), nowMs)).toMatchObject({ ok: true, value: { elderId: wangId, kind: 'phone' } });
    // A code signed by another key with the same id in it is still a forgery.
    expect(verifyQr(fx.store.read, phoneCode(keyPair(), wangId, nowMs, added.keyId), nowMs)).toMatchObject({ ok: false, error: { code: 'badSignature' } });

    const retired = must(await retireDistrictQrKey(db, { actor: 'console', districtId, keyId: added.keyId.toUpperCase(), by: 'console:test', now: T1 }));
    expect(retired).toMatchObject({ retiredAt: T1, retiredBy: 'console:test', version: before + 2 });
    // Until the kiosk syncs it still believes the key; the package is what carries the retirement.
    expect(verifyQr(fx.store.read, phoneCode(district, wangId, nowMs), nowMs)).toMatchObject({ ok: true });
    const [next] = await sync(fx);
    expect(next).toMatchObject({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, version: before + 2, qrKeys: [{ keyId: added.keyId, retiredAt: T1 }] });
    expect(verifyQr(fx.store.read, phoneCode(district, wangId, nowMs), nowMs)).toMatchObject({ ok: false, error: { code: 'unknownKey', message: { key: 'qr.retiredKey' } } });

    // A new kiosk of the canteen gets the key already retired: its id is known, its codes refused.
    const fresh = kiosk();
    const all = await sync(fresh);
    expect(all.flatMap((p) => p.qrKeys ?? []).filter((k) => k.keyId === added.keyId)).toEqual([expect.objectContaining({ retiredAt: T1 })]);
    expect(verifyQr(fresh.store.read, phoneCode(district, wangId, nowMs), nowMs)).toMatchObject({ ok: false, error: { message: { key: 'qr.retiredKey' } } });

    // At the hub: retiring is final and a retired key cannot come back.
    expect(await retireDistrictQrKey(db, { actor: 'console', districtId, keyId: added.keyId, by: 'console:test', now: T1 })).toMatchObject({ ok: false, error: { kind: 'alreadyRetired' } });
    expect(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: district.spki, by: 'console:test', now: T1 })).toMatchObject({ ok: false, error: { kind: 'duplicateRetired' } });
    expect(await rosterVersion(db, districtId)).toBe(before + 2);
  });

  it('a forged or tampered package changes nothing: no key installed, none retired', async () => {
    const fx = kiosk();
    await sync(fx);
    const kept = keyPair();
    must(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: kept.spki, by: 'console:test', now: T1 }));
    await sync(fx);
    const beforeKeys = kioskKeys(fx);
    const version = appliedRosterVersion(fx.store);

    const genuine = must(await rosterPackage(db, { deviceId: DEVICE, sinceVersion: version, now: T1 }));
    const attacker = keyPair();
    const theirs = { ...payloadOf(genuine), format: ROSTER_PACKAGE_FORMAT_QR_KEYS, version: version + 1, qrKeys: [{ keyId: keyIdOf(attacker.publicKey), publicKey: attacker.spki, addedAt: T1, retiredAt: null, version: version + 1 }] };
    // Signed by someone else's district key…
    const otherDistrict = generateKeyPairSync('ed25519');
    const forged = { payload: theirs, signature: sign(null, Buffer.from(rosterPackageBytes(theirs), 'utf8'), otherDistrict.privateKey).toString('base64') };
    expect(applyRosterPackage(fx.store, forged, { districtPublicKey: districtKey, now: T1 })).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    // …or the district's genuine signature over another payload (the kept key retired by an attacker).
    const retiring = { ...theirs, qrKeys: [{ keyId: keyIdOf(kept.publicKey), publicKey: kept.spki, addedAt: T1, retiredAt: T1, version: version + 1 }] };
    expect(applyRosterPackage(fx.store, { payload: retiring, signature: genuine.signature }, { districtPublicKey: districtKey, now: T1 })).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    expect(kioskKeys(fx)).toEqual(beforeKeys);
    expect(appliedRosterVersion(fx.store)).toBe(version);
    const nowMs = Date.parse(T1);
    expect(verifyQr(fx.store.read, phoneCode(attacker, wangId, nowMs), nowMs)).toMatchObject({ ok: false, error: { code: 'unknownKey' } });
    expect(verifyQr(fx.store.read, phoneCode(kept, wangId, nowMs), nowMs)).toMatchObject({ ok: true });
  });

  it('never touches the kiosk\'s own key, even when the district names and retires it', async () => {
    const fx = kiosk();
    await sync(fx);
    const own = kioskQrPublicKey(fx.store);
    const card = issueCardCode(fx.store, wangId, fx.clock.now);
    must(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: own.spkiBase64, by: 'console:test', now: T1 }));
    must(await retireDistrictQrKey(db, { actor: 'console', districtId, keyId: own.keyId, by: 'console:test', now: T1 }));
    const packages = await sync(fx);
    expect(packages.flatMap((p) => p.qrKeys ?? []).map((k) => k.keyId)).toContain(own.keyId);
    expect(listQrKeys(fx.store.read).find((k) => k.keyId === own.keyId)).toMatchObject({ kind: 'kiosk', retiredAt: null, signing: true });
    expect(verifyQr(fx.store.read, card.token, fx.clock.now)).toMatchObject({ ok: true, value: { elderId: wangId, kind: 'card' } });
  });

  it('refuses a key that is not Ed25519, a key twice, an unknown district or key, each saying why; nothing changes', async () => {
    const version = await rosterVersion(db, districtId);
    const keysBefore = await listDistrictQrKeys(db, districtId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const add = (publicKey: string, id = districtId): ReturnType<typeof addDistrictQrKey> => addDistrictQrKey(db, { actor: 'console', districtId: id, publicKey, by: 'console:test', now: T1 });
    expect(await add(rsa)).toMatchObject({ ok: false, error: { kind: 'badKey', message: { key: 'rosterKeys.badKey' } } });
    expect(await add(`'; DROP TABLE district_qr_keys; --`)).toMatchObject({ ok: false, error: { kind: 'badKey' } });
    expect(await add(keyPair().spki, 999_999)).toMatchObject({ ok: false, error: { kind: 'unknownDistrict' } });
    const twice = keyPair();
    must(await add(twice.spki));
    expect(await add(twice.spki)).toMatchObject({ ok: false, error: { kind: 'duplicate', message: { params: { keyId: keyIdOf(twice.publicKey) } } } });
    const retire = (keyId: string): ReturnType<typeof retireDistrictQrKey> => retireDistrictQrKey(db, { actor: 'console', districtId, keyId, by: 'console:test', now: T1 });
    expect(await retire('0000000g')).toMatchObject({ ok: false, error: { kind: 'badKeyId' } });
    expect(await retire('00000000')).toMatchObject({ ok: false, error: { kind: 'unknownKey' } });
    expect(await addDistrictQrKey(db, { actor: 'console', districtId, publicKey: keyPair().spki, by: '', now: T1 })).toMatchObject({ ok: false, error: { kind: 'badWho' } });
    // Only the one key added moved the version.
    expect(await rosterVersion(db, districtId)).toBe(version + 1);
    expect((await listDistrictQrKeys(db, districtId)).length).toBe(keysBefore.length + 1);
  });
});

describe('zhucan hub qr-key', () => {
  it('adds a key from a PEM file or as text, lists it, retires it; refuses with the reason', async () => {
    const data = ['--data', join(tempDir(), 'hub')];
    const cli = (args: readonly string[]): ReturnType<typeof runCli> => runCli(['hub', ...args, ...data, '--json'], { DATABASE_URL: '' });
    const district = await cli(['district', 'add', '--name', '越秀区', '--region', '440104']);
    const districtId = String(z.object({ district: z.object({ id: z.number() }) }).parse(onlyJson(district)).district.id);

    const a = keyPair();
    const pem = join(tempDir(), 'district-qr.pem');
    writeFileSync(pem, a.publicKey.export({ type: 'spki', format: 'pem' }));
    const added = await cli(['qr-key', 'add', '--district', districtId, '--public-key', pem]);
    expect(added.code, added.stdout + added.stderr).toBe(0);
    expect(onlyJson(added)).toMatchObject({ ok: true, key: { keyId: keyIdOf(a.publicKey), retired: false, publicKey: a.spki } });
    const b = keyPair();
    const raw = b.publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64');
    expect(onlyJson(await cli(['qr-key', 'add', '--district', districtId, '--public-key', raw]))).toMatchObject({ ok: true, key: { keyId: keyIdOf(b.publicKey) } });

    const junk = await cli(['qr-key', 'add', '--district', districtId, '--public-key', 'not a key!']);
    expect([junk.code, onlyJson(junk)['error']]).toEqual([1, 'badKey']);
    expect((await cli(['qr-key', 'add', '--public-key', raw])).code).toBe(2);

    const retired = await cli(['qr-key', 'retire', '--district', districtId, '--key-id', keyIdOf(a.publicKey)]);
    expect(onlyJson(retired)).toMatchObject({ ok: true, key: { keyId: keyIdOf(a.publicKey), retired: true } });
    // The list, in both languages, says which key is in use and who retired the other.
    const listed = await runCli(['hub', 'qr-key', 'list', '--district', districtId, ...data], { DATABASE_URL: '' });
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.startsWith(keyIdOf(a.publicKey)))).toMatch(/由 console:\S+ 停用.*retired .* by console:/);
    expect(lines.find((l) => l.startsWith(keyIdOf(b.publicKey)))).toMatch(/使用中.*in use/);
  }, 240_000);
});

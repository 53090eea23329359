/**
 * Roster down at the kiosk, on a real SQLite file: a package signed by the district is applied whole —
 * elders under their district ids, statuses, cards, suspensions, withdrawals — and the version kept in
 * settings. A tampered, misaddressed, out-of-order or partly bad package changes nothing; the same
 * package twice changes nothing the second time; a local elder with the same ID number is re-keyed to
 * the district id, and check-ins then name the district id.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROSTER_PACKAGE_FORMAT, ROSTER_PACKAGE_FORMAT_QR_KEYS, rosterPackageBytes } from '../../../shared/roster/package.js';
import type { PackageElder, PackageQrKey, RosterPackagePayload, SignedRosterPackage } from '../../../shared/roster/package.js';
import { applyRosterPackage, appliedRosterVersion } from '../../../electron/kiosk/roster-downlink/index.js';
import { mealsEaten } from '../../../electron/kiosk/checkin/meals-eaten.js';
import { printCard } from '../../../electron/kiosk/qr/card-pdf.js';
import { installDistrictQrKey, keyIdOf, kioskQrPublicKey, listQrKeys } from '../../../electron/kiosk/qr/qr-keys.js';
import { verifyQr } from '../../../electron/kiosk/qr/verify-qr.js';
import { districtIdOfAlias, localIdsOf, rosterAliases } from '../../../electron/kiosk/roster-downlink/aliases.js';
import { getElder } from '../../../electron/kiosk/roster/roster-store.js';
import { getSetting } from '../../../electron/kiosk/settings.js';
import { CASHIER, DEVICE_ID, lastRecord, makeIdNumber, snapshot, TODAY, useKioskFixtures, withWrongCheck } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

// Every fixture's ledger chain is verified after each test, whatever the package did.
const createKioskFixture = useKioskFixtures();

const NOW = '2026-11-24T03:00:00.000Z';
const DISTRICT_ID = 7;

interface DistrictKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
}

function districtKeys(): DistrictKeys {
  const pair = generateKeyPairSync('ed25519');
  return { privateKey: pair.privateKey, publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

const KEYS = districtKeys();

function signed(payload: RosterPackagePayload, keys: DistrictKeys = KEYS): SignedRosterPackage {
  return { payload, signature: sign(null, Buffer.from(rosterPackageBytes(payload), 'utf8'), keys.privateKey).toString('base64') };
}

function payload(over: Partial<RosterPackagePayload>): RosterPackagePayload {
  return {
    format: ROSTER_PACKAGE_FORMAT,
    districtId: DISTRICT_ID,
    deviceId: DEVICE_ID,
    fromVersion: 0,
    version: 2,
    more: false,
    issuedAt: NOW,
    elders: [],
    withdrawn: [],
    ...over,
  };
}

const ZHAO_ID = makeIdNumber('440106', '1946-07-07', 'F', 31);
const SUN_ID = makeIdNumber('440106', '1958-08-08', 'M', 32);

function zhao(over: Partial<PackageElder> = {}): PackageElder {
  return {
    elderId: 'D0000000000ZH',
    name: '赵桂芳',
    idNumber: ZHAO_ID,
    hukouRegion: '440106001',
    residenceRegion: '440106001',
    careHome: false,
    livesAlone: true,
    active: true,
    statuses: [{ code: 'dibao', validFrom: '2025-01-01', validTo: null }],
    cards: [{ uid: 'CAFE0001', state: 'active' }],
    version: 1,
    ...over,
  };
}

function sun(over: Partial<PackageElder> = {}): PackageElder {
  return {
    elderId: 'D00000000000S',
    name: '孙建军',
    idNumber: SUN_ID,
    hukouRegion: '440106001',
    residenceRegion: '440106001',
    careHome: false,
    livesAlone: false,
    active: true,
    statuses: [],
    cards: [{ uid: 'CAFE0002', state: 'active' }],
    version: 2,
    ...over,
  };
}

const apply = (fx: KioskFixture, pkg: unknown, publicKey = KEYS.publicKey): ReturnType<typeof applyRosterPackage> =>
  applyRosterPackage(fx.store, pkg, { districtPublicKey: publicKey, now: NOW });

/** Every row of the roster tables and the settings, for "nothing changed at all". */
function rosterRows(fx: KioskFixture): unknown[] {
  return ['elders', 'elder_statuses', 'cards', 'settings', 'elder_aliases', 'qr_keys'].map((t) => fx.store.read.stmt(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
}

describe('roster down: applying a district package', () => {
  it('stores district elders under their district ids, with statuses and cards; a swipe checks in under that id', () => {
    const fx = createKioskFixture({ elders: {} });
    const result = apply(fx, signed(payload({ elders: [zhao(), sun()] })));
    expect(result).toEqual({ ok: true, value: { applied: true, version: 2, more: false, inserted: 2, updated: 0, rekeyed: 0, withdrawn: 0, qrKeysInstalled: 0, qrKeysRetired: 0 } });
    expect(appliedRosterVersion(fx.store)).toBe(2);
    expect(getSetting(fx.store.read, 'downlink_roster_version')).toBe('2');

    const elder = getElder(fx.store, 'D0000000000ZH');
    expect(elder).toMatchObject({
      name: '赵桂芳',
      birthDate: '1946-07-07',
      sex: 'F',
      idMasked: `**************${ZHAO_ID.slice(14)}`,
      livesAlone: true,
      active: true,
      statuses: [{ code: 'dibao', validFrom: '2025-01-01', validTo: null }],
      cards: [{ uid: 'CAFE0001', state: 'active' }],
    });
    // The number was hashed and dropped: it is nowhere in the file's roster tables.
    expect(JSON.stringify(rosterRows(fx))).not.toContain(ZHAO_ID);

    fx.clock.set(TODAY, '12:00');
    const o = fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'CAFE0001' }, operatorId: CASHIER.id });
    expect(o.kind).toBe('served');
    expect(lastRecord(fx.store.read).elderId).toBe('D0000000000ZH');
    // Found by the ID card too: the kiosk's own hash of the number the package carried.
    const byId = fx.kiosk.checkIn({ identity: { kind: 'id', number: SUN_ID }, operatorId: CASHIER.id });
    expect(byId.kind).toBe('served');
    expect(lastRecord(fx.store.read).elderId).toBe('D00000000000S');
  });

  it('refuses a tampered package, another key, a malformed signature, another device: nothing changes', () => {
    const fx = createKioskFixture({ elders: {} });
    const before = rosterRows(fx);
    const good = signed(payload({ elders: [zhao(), sun()] }));
    const tampered = { ...good, payload: { ...payload({ elders: [zhao({ statuses: [{ code: 'tekun', validFrom: null, validTo: null }] }), sun()] }) } };
    expect(apply(fx, tampered)).toMatchObject({ ok: false, error: { kind: 'badSignature', message: { key: 'rosterDown.badSignature' } } });
    expect(apply(fx, signed(payload({ elders: [zhao()] }), districtKeys()))).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    const flipped = good.signature.slice(0, 85) + (good.signature.charAt(85) === 'A' ? 'B' : 'A') + '==';
    expect(apply(fx, { ...good, signature: flipped })).toMatchObject({ ok: false, error: { kind: 'badSignature' } });
    expect(apply(fx, { payload: good.payload })).toMatchObject({ ok: false, error: { kind: 'badPackage' } });
    expect(apply(fx, signed(payload({ deviceId: 'kiosk-other', elders: [zhao()] })))).toMatchObject({ ok: false, error: { kind: 'wrongDevice' } });
    expect(apply(fx, good, 'not a key')).toMatchObject({ ok: false, error: { kind: 'noDistrictKey' } });
    // Signed, but not a shape this kiosk reads (a field it does not know): refused, not guessed at.
    expect(apply(fx, signed({ ...payload({ elders: [zhao()] }), extra: 1 } as RosterPackagePayload))).toMatchObject({ ok: false, error: { kind: 'badPackage' } });
    expect(rosterRows(fx)).toEqual(before);
  });

  it('a package with one bad elder applies nothing', () => {
    const fx = createKioskFixture({ elders: {} });
    const before = snapshot(fx.store.read);
    const rows = rosterRows(fx);
    for (const bad of [
      sun({ idNumber: withWrongCheck(SUN_ID) }),
      sun({ cards: [{ uid: 'CAFE0001', state: 'active' }] }), // zhao's card too
      sun({ statuses: [{ code: 'dibao', validFrom: '2026-02-01', validTo: '2026-01-01' }] }),
      sun({ elderId: 'D0000000000ZH' }), // the same id twice
    ]) {
      const result = apply(fx, signed(payload({ elders: [zhao(), bad] })));
      expect(result).toMatchObject({ ok: false, error: { kind: 'badElder' } });
      if (!result.ok) expect(result.error.message.params).toMatchObject({ elderId: bad.elderId });
    }
    expect(snapshot(fx.store.read)).toEqual(before);
    expect(rosterRows(fx)).toEqual(rows);
    expect(appliedRosterVersion(fx.store)).toBe(0);
  });

  it('the same package twice changes nothing the second time; an older one is a no-op too', () => {
    const fx = createKioskFixture({ elders: {} });
    const pkg = signed(payload({ elders: [zhao(), sun()] }));
    expect(apply(fx, pkg)).toMatchObject({ ok: true, value: { applied: true } });
    const after = rosterRows(fx);
    expect(apply(fx, pkg)).toEqual({ ok: true, value: { applied: false, version: 2, more: false, inserted: 0, updated: 0, rekeyed: 0, withdrawn: 0, qrKeysInstalled: 0, qrKeysRetired: 0 } });
    expect(apply(fx, signed(payload({ version: 1, elders: [zhao({ name: '赵旧名' })] })))).toMatchObject({ ok: true, value: { applied: false } });
    expect(rosterRows(fx)).toEqual(after);
  });

  it('applies increments in order: a change, a suspension, a withdrawal; a gap is refused', () => {
    const fx = createKioskFixture({ elders: {} });
    expect(apply(fx, signed(payload({ elders: [zhao(), sun()] })))).toMatchObject({ ok: true });
    // Versions 3–5 exist at the hub; a package from 4 would skip 3.
    const gap = apply(fx, signed(payload({ fromVersion: 3, version: 5, elders: [sun({ version: 5 })] })));
    expect(gap).toMatchObject({ ok: false, error: { kind: 'gap', message: { key: 'rosterDown.gap', params: { have: 2, from: 3 } } } });
    expect(apply(fx, signed(payload({ districtId: 8, fromVersion: 2, version: 3 })))).toMatchObject({ ok: false, error: { kind: 'wrongDistrict' } });

    const next = payload({
      fromVersion: 2,
      version: 5,
      elders: [
        zhao({ version: 3, statuses: [], cards: [{ uid: 'CAFE0001', state: 'lost' }, { uid: 'CAFE0003', state: 'active' }] }),
        sun({ version: 4, active: false }),
      ],
      withdrawn: ['D0000000000XX'], // not on this kiosk: nothing to do
    });
    expect(apply(fx, signed(next))).toEqual({ ok: true, value: { applied: true, version: 5, more: false, inserted: 0, updated: 2, rekeyed: 0, withdrawn: 0, qrKeysInstalled: 0, qrKeysRetired: 0 } });
    expect(getElder(fx.store, 'D0000000000ZH')).toMatchObject({
      statuses: [],
      cards: [
        { uid: 'CAFE0001', state: 'lost' },
        { uid: 'CAFE0003', state: 'active' },
      ],
    });
    expect(getElder(fx.store, 'D00000000000S')?.active).toBe(false);
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'CAFE0001' }, operatorId: CASHIER.id }).kind).toBe('unidentified');

    // 赵 moves out of the canteen's town: withdrawn, so no longer served as subsidised here.
    expect(apply(fx, signed(payload({ fromVersion: 5, version: 6, withdrawn: ['D0000000000ZH'] })))).toMatchObject({ ok: true, value: { withdrawn: 1, version: 6 } });
    expect(getElder(fx.store, 'D0000000000ZH')?.active).toBe(false);
  });

  it('re-keys a local elder with the same ID number to the district id, keeping the canteen\'s own fields and the old records', () => {
    const fx = createKioskFixture();
    const old = fx.elder('old');
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    expect(lastRecord(fx.store.read).elderId).toBe(old.id);

    const district = zhao({ elderId: 'D00000000001D', name: old.name, idNumber: old.idNumber, cards: [{ uid: 'CAFE0009', state: 'active' }] });
    const result = apply(fx, signed(payload({ version: 1, elders: [{ ...district, version: 1 }] })));
    expect(result).toMatchObject({ ok: true, value: { applied: true, rekeyed: 1, inserted: 0, updated: 1 } });
    expect(getElder(fx.store, old.id)).toBeUndefined();
    const moved = getElder(fx.store, district.elderId);
    // The local card moved with the elder; the district's card was added.
    expect(moved?.cards.map((c) => c.uid).sort()).toEqual([old.card, 'CAFE0009'].sort());
    expect(districtIdOfAlias(fx.store.read, old.id)).toBe(district.elderId);
    expect(fx.store.read.stmt('SELECT old_id, elder_id, created_at FROM elder_aliases').all()).toEqual([{ old_id: old.id, elder_id: district.elderId, created_at: NOW }]);

    // The next meal is recorded under the district id; the ledger's earlier record keeps the old one.
    fx.clock.set(TODAY, '17:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: 'CAFE0009' }, operatorId: CASHIER.id }).kind).toBe('served');
    expect(lastRecord(fx.store.read).elderId).toBe(district.elderId);
  });

  it('counts the meals eaten under the old local id as the district elder\'s, for weekly and monthly limits', () => {
    const fx = createKioskFixture();
    const old = fx.elder('old');
    const other = fx.elder('young');
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: other.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    const district = zhao({ elderId: 'D00000000001D', name: old.name, idNumber: old.idNumber, cards: [] });
    expect(apply(fx, signed(payload({ version: 1, elders: [{ ...district, version: 1 }] })))).toMatchObject({ ok: true, value: { rekeyed: 1 } });

    expect(localIdsOf(fx.store.read, district.elderId)).toEqual([old.id]);
    expect(rosterAliases(fx.store.read)).toEqual({ aliases: [{ localElderId: old.id, elderId: district.elderId }] });
    // The lunch before the re-key is the district elder's; the other elder's lunch is not.
    expect(mealsEaten(fx.store.read, district.elderId, TODAY)).toHaveLength(1);
    fx.clock.set(TODAY, '17:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    const eaten = mealsEaten(fx.store.read, district.elderId, TODAY);
    // Both lunches, each once: the one under the old id and the one under the district id.
    expect(eaten).toHaveLength(2);
    expect(new Set(eaten.map((m) => m.at)).size).toBe(2);
    // A local elder has no aliases: nothing of anyone else is counted for them.
    expect(localIdsOf(fx.store.read, other.id)).toEqual([]);
    expect(mealsEaten(fx.store.read, other.id, TODAY)).toHaveLength(1);
  });

  it('accepts a QR card printed under the old local id as the district elder\'s, and still revokes a re-printed one', () => {
    const fx = createKioskFixture();
    const old = fx.elder('old');
    const first = printCard(fx.store, old.id, fx.clock.now);
    const printed = printCard(fx.store, old.id, fx.clock.now);
    const district = zhao({ elderId: 'D00000000001D', name: old.name, idNumber: old.idNumber, cards: [] });
    expect(apply(fx, signed(payload({ version: 1, elders: [{ ...district, version: 1 }] })))).toMatchObject({ ok: true, value: { rekeyed: 1 } });

    expect(verifyQr(fx.store.read, printed.code.token, fx.clock.now)).toMatchObject({ ok: true, value: { elderId: district.elderId, kind: 'card' } });
    expect(verifyQr(fx.store.read, first.code.token, fx.clock.now)).toMatchObject({ ok: false, error: { code: 'revoked' } });
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'qr', token: printed.code.token }, operatorId: CASHIER.id }).kind).toBe('served');
    expect(lastRecord(fx.store.read).elderId).toBe(district.elderId);
  });

  it('refuses a second subsidised lunch on the day of a re-key: the lunch under the old id counts', () => {
    const fx = createKioskFixture();
    const old = fx.elder('old');
    fx.clock.set(TODAY, '12:00');
    expect(fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id }).kind).toBe('served');
    const district = zhao({ elderId: 'D00000000001D', name: old.name, idNumber: old.idNumber, cards: [] });
    expect(apply(fx, signed(payload({ version: 1, elders: [{ ...district, version: 1 }] })))).toMatchObject({ ok: true, value: { rekeyed: 1 } });

    fx.clock.set(TODAY, '12:30');
    const again = fx.kiosk.checkIn({ identity: { kind: 'card', uid: old.card ?? '' }, operatorId: CASHIER.id });
    expect(again).toMatchObject({ kind: 'refused', price: { refusal: { code: 'limitPeriod' } } });
  });
});

describe('roster down: the district\'s QR keys (format 2)', () => {
  function qrKey(over: Partial<PackageQrKey> = {}, pair = generateKeyPairSync('ed25519')): PackageQrKey {
    return { keyId: keyIdOf(pair.publicKey), publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), addedAt: NOW, retiredAt: null, version: 1, ...over };
  }

  it('refuses, whole, a key whose id is not its own, a key twice, and a format that does not match the content', () => {
    const fx = createKioskFixture({ elders: {} });
    const before = rosterRows(fx);
    const good = qrKey();
    for (const keys of [[qrKey({ keyId: '0a1b2c3d' })], [good, good], [qrKey({ publicKey: Buffer.alloc(44, 1).toString('base64') })]]) {
      const result = apply(fx, signed(payload({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, version: 1, elders: [zhao()], qrKeys: keys })));
      expect(result).toMatchObject({ ok: false, error: { kind: 'badPackage', message: { key: 'rosterKeys.badPackageKey' } } });
    }
    // Format 2 says "keys inside", format 1 "none": one spelling per content.
    expect(apply(fx, signed(payload({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, version: 1, elders: [zhao()] })))).toMatchObject({ ok: false, error: { kind: 'badPackage' } });
    expect(apply(fx, signed(payload({ version: 1, elders: [zhao()], qrKeys: [good] })))).toMatchObject({ ok: false, error: { kind: 'badPackage' } });
    expect(rosterRows(fx)).toEqual(before);
  });

  it('installs the keys with the elders in one transaction; a retirement retires a key installed by hand; the kiosk\'s own key is left alone', () => {
    const fx = createKioskFixture({ elders: {} });
    const own = kioskQrPublicKey(fx.store);
    const byHand = generateKeyPairSync('ed25519');
    installDistrictQrKey(fx.store, byHand.publicKey, fx.clock.now);
    const fresh = qrKey({ version: 2 });
    const gone = qrKey({ retiredAt: NOW, version: 3 });
    const first = payload({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, version: 3, elders: [zhao()], qrKeys: [fresh, gone] });
    expect(apply(fx, signed(first))).toMatchObject({ ok: true, value: { inserted: 1, qrKeysInstalled: 2, qrKeysRetired: 0 } });
    const kinds = (): unknown[] => listQrKeys(fx.store.read).map((k) => [k.keyId, k.kind, k.retiredAt]);
    expect(kinds()).toEqual(
      expect.arrayContaining([
        [fresh.keyId, 'district', null],
        [gone.keyId, 'district', NOW],
        [own.keyId, 'kiosk', null],
      ]),
    );

    const retire = payload({
      format: ROSTER_PACKAGE_FORMAT_QR_KEYS,
      fromVersion: 3,
      version: 5,
      qrKeys: [qrKey({ retiredAt: NOW, version: 4 }, byHand), { ...fresh, retiredAt: NOW, version: 5 }],
    });
    expect(apply(fx, signed(retire))).toMatchObject({ ok: true, value: { qrKeysInstalled: 0, qrKeysRetired: 2 } });
    // The district naming the kiosk's own key (a well-formed key with its own id) changes nothing here.
    const ownKey: PackageQrKey = { keyId: own.keyId, publicKey: own.spkiBase64, addedAt: NOW, retiredAt: NOW, version: 6 };
    expect(apply(fx, signed(payload({ format: ROSTER_PACKAGE_FORMAT_QR_KEYS, fromVersion: 5, version: 6, qrKeys: [ownKey] })))).toMatchObject({
      ok: true,
      value: { applied: true, qrKeysInstalled: 0, qrKeysRetired: 0 },
    });
    expect(listQrKeys(fx.store.read).filter((k) => k.retiredAt === null).map((k) => [k.keyId, k.kind, k.signing])).toEqual([[own.keyId, 'kiosk', true]]);
  });
});

/**
 * Canteens and kiosk enrolment on both engines: codes look right and are stored hashed, a code
 * works once (also when several kiosks race with it — on PostgreSQL truly at once, over separate
 * connections), expires, and cannot be made across districts; bad keys and taken device ids leave
 * the code usable; SQL-ish text is kept verbatim.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccount } from '../../../server/accounts/index.js';
import type { Account } from '../../../server/accounts/index.js';
import { dbCount } from '../../../server/db/index.js';
import type { HubDb } from '../../../server/db/index.js';
import { createCanteen, createEnrolmentCode, getCanteen, listCanteens, parseEd25519PublicKey, redeemEnrolmentCode } from '../../../server/enrolment/index.js';
import type { Canteen } from '../../../server/enrolment/index.js';
import { allText, insertDistrict, must, useHubEngines } from './hub-engines.js';

const engines = useHubEngines();

const T0 = '2026-11-24T08:00:00.000Z';
const HOUR = 60 * 60 * 1000;
function at(ms: number): string {
  return new Date(Date.parse(T0) + ms).toISOString();
}
const PASSWORD = 'correct horse battery';
const SQLISH = `'; DROP TABLE accounts; --`;
const CODE_SHAPE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/** A new kiosk key: its SPKI DER base64 and its raw 32 bytes base64. */
function kioskKey(): { spki: string; raw: string } {
  const der = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
  return { spki: der.toString('base64'), raw: der.subarray(12).toString('base64') };
}

describe.each(engines)('enrolment on $name', (engine) => {
  let db: HubDb;
  let districtB: number;
  let adminA: Account;
  let viewerA: Account;
  let adminB: Account;
  let canteenA: Canteen;
  let canteenB: Canteen;

  beforeAll(async () => {
    db = await engine.open();
    const districtA = await insertDistrict(db, '越秀区', '440104');
    districtB = await insertDistrict(db, '海珠区', '440105');
    adminA = must(await createAccount(db, { actor: 'console', districtId: districtA, login: 'admin.a', password: PASSWORD, role: 'admin', now: T0 }));
    viewerA = must(await createAccount(db, { actor: adminA, districtId: districtA, login: 'viewer.a', password: PASSWORD, role: 'viewer', now: T0 }));
    adminB = must(await createAccount(db, { actor: 'console', districtId: districtB, login: 'admin.b', password: PASSWORD, role: 'admin', now: T0 }));
    const canteen = { regionCode: '440104001', address: '广州市越秀区署前路 1 号', operatorName: '东山社工站', now: T0 };
    canteenA = must(await createCanteen(db, { ...canteen, actor: adminA, districtId: districtA, name: '东山长者饭堂' }));
    canteenB = must(await createCanteen(db, { ...canteen, actor: adminB, districtId: districtB, name: '海珠长者饭堂', regionCode: '440105' }));
  }, 90_000);

  it('creates canteens: text verbatim, region codes of 6 or 9 digits, one name per district, own district only', async () => {
    const odd = must(await createCanteen(db, { actor: adminA, districtId: adminA.districtId, name: `王'五饭堂`, regionCode: '440104', address: SQLISH, operatorName: `O'Brien "社工" \\ ; --`, now: T0 }));
    expect(must(await getCanteen(db, viewerA, odd.id))).toEqual(odd);
    expect(odd).toMatchObject({ name: `王'五饭堂`, address: SQLISH, operatorName: `O'Brien "社工" \\ ; --`, regionCode: '440104', createdAt: T0 });
    const input = { actor: adminA, districtId: adminA.districtId, address: '', operatorName: '', now: T0 };
    for (const regionCode of ['44010', '4401040', '440104001001', '44010400x', ' 440104']) {
      expect(await createCanteen(db, { ...input, name: 'x', regionCode }), regionCode).toMatchObject({ ok: false, error: { kind: 'badRegionCode' } });
    }
    expect(await createCanteen(db, { ...input, name: '东山长者饭堂', regionCode: '440104' })).toMatchObject({ ok: false, error: { kind: 'nameTaken' } });
    expect(await createCanteen(db, { ...input, actor: viewerA, name: 'v', regionCode: '440104' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await createCanteen(db, { ...input, districtId: districtB, name: 'b', regionCode: '440105' })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.forbidden' } } });
    // The same name in another district is another canteen.
    must(await createCanteen(db, { ...input, actor: adminB, districtId: districtB, name: '东山长者饭堂', regionCode: '440105' }));
    expect((await listCanteens(db, viewerA)).map((c) => c.name).sort()).toEqual(['东山长者饭堂', `王'五饭堂`].sort());
  });

  it('another district\'s canteen is forbidden: reading it, making a code for it', async () => {
    expect(await getCanteen(db, adminA, canteenB.id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenB.id, now: T0 })).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: { key: 'hub.forbidden' } },
    });
    expect(await createEnrolmentCode(db, { actor: viewerA, canteenId: canteenA.id, now: T0 })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: { key: 'hub.needAdmin' } } });
    expect(await createEnrolmentCode(db, { actor: adminA, canteenId: 999_999, now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    expect(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0, ttlHours: 0 })).toMatchObject({ ok: false, error: { kind: 'badTtl' } });
  });

  it('a code is 4-4-4 of unambiguous symbols, stored only as its SHA-256, and enrols one kiosk once', async () => {
    const made = must(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0 }));
    expect(made.code).toMatch(CODE_SHAPE);
    expect(made.expiresAt).toBe(at(72 * HOUR));
    const stored = await allText(db, 'enrolment_codes');
    expect(stored).not.toContain(made.code);
    expect(stored).toContain(createHash('sha256').update(made.code).digest('hex'));

    const key = kioskKey();
    // Typed in lower case with spaces for dashes, and the key sent raw: the same code, the same key.
    const typed = made.code.toLowerCase().replace(/-/g, ' ');
    const device = must(await redeemEnrolmentCode(db, { code: typed, devicePublicKey: key.raw, deviceId: 'kiosk-a-1', now: at(HOUR) }));
    expect(device).toEqual({ deviceId: 'kiosk-a-1', canteenId: canteenA.id, publicKey: key.spki, enrolledAt: at(HOUR) });

    const again = await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: kioskKey().spki, deviceId: 'kiosk-a-2', now: at(2 * HOUR) });
    expect(again).toEqual({ ok: false, error: { kind: 'used', message: { key: 'hub.enrol.used' } } });
  });

  it('refuses unknown and expired codes', async () => {
    const key = kioskKey().spki;
    expect(await redeemEnrolmentCode(db, { code: 'ABCD-EFGH-JKLM', devicePublicKey: key, deviceId: 'k-unknown', now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    expect(await redeemEnrolmentCode(db, { code: SQLISH, devicePublicKey: key, deviceId: 'k-unknown', now: T0 })).toMatchObject({ ok: false, error: { kind: 'unknown' } });
    const made = must(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0, ttlHours: 1 }));
    expect(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: key, deviceId: 'k-late', now: at(HOUR) })).toMatchObject({ ok: false, error: { kind: 'expired' } });
    expect(must(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: key, deviceId: 'k-late', now: at(HOUR - 1) })).deviceId).toBe('k-late');
  });

  it('a malformed key, a taken device id or a taken key is refused and leaves the code usable', async () => {
    const made = must(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0 }));
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    for (const bad of ['', 'not base64!', Buffer.alloc(31).toString('base64'), Buffer.from('hello world, not a key').toString('base64'), x25519, `${kioskKey().raw}\n`]) {
      expect(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: bad, deviceId: 'k-bad', now: T0 }), JSON.stringify(bad)).toMatchObject({ ok: false, error: { kind: 'badKey' } });
    }
    expect(parseEd25519PublicKey(kioskKey().spki)).not.toBeNull();
    const first = must(await redeemEnrolmentCode(db, { code: must(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0 })).code, devicePublicKey: kioskKey().spki, deviceId: SQLISH, now: T0 }));
    expect(first.deviceId).toBe(SQLISH);
    expect(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: kioskKey().spki, deviceId: SQLISH, now: T0 })).toEqual({
      ok: false,
      error: { kind: 'deviceTaken', message: { key: 'hub.enrol.deviceTaken', params: { deviceId: SQLISH } } },
    });
    expect(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: first.publicKey, deviceId: 'k-copy', now: T0 })).toMatchObject({ ok: false, error: { kind: 'keyTaken' } });
    expect(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: kioskKey().spki, deviceId: 'k-\u0007', now: T0 })).toMatchObject({ ok: false, error: { kind: 'badDeviceId' } });
    // None of that spent the code.
    expect(must(await redeemEnrolmentCode(db, { code: made.code, devicePublicKey: kioskKey().raw, deviceId: 'k-good', now: T0 })).canteenId).toBe(canteenA.id);
  });

  it('eight kiosks racing with one code: exactly one is enrolled, the others are told it was used', async () => {
    const made = must(await createEnrolmentCode(db, { actor: adminA, canteenId: canteenA.id, now: T0 }));
    // On PostgreSQL these run over separate pooled connections at once; the spending UPDATE's row
    // lock makes the losers wait, re-check used_at IS NULL, and match nothing.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => redeemEnrolmentCode(db, { code: made.code, devicePublicKey: kioskKey().spki, deviceId: `racer-${i}`, now: T0 })),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.kind))).toEqual(Array(7).fill('used'));
    const [row] = await db.query(`SELECT count(*) AS n FROM devices WHERE device_id LIKE 'racer-%'`, [], z.object({ n: dbCount }));
    expect(row?.n).toBe(1);
  });
});

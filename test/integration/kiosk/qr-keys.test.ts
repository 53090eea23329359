/**
 * QR signing keys (docs/qr.md "Keys"): listing, installing a district public key in each form a
 * manager may be handed, retiring (every code of a retired key is refused at once, printed cards
 * included), a retired kiosk key signing nothing until a new one is made, migration 0005 moving the
 * keys of the settings table from every earlier schema version, and `zhucan qr key …` once.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import { encodePayload, encodeToken, signedBytesOf } from '../../../shared/qr/token.js';
import type { TokenPayload } from '../../../shared/qr/token.js';
import { KioskError } from '../../../electron/kiosk/kiosk-error.js';
import { issueCardCode, issuePhoneCode } from '../../../electron/kiosk/qr/issue-qr.js';
import { publicKeyFromFile } from '../../../electron/kiosk/qr/public-key-input.js';
import { installDistrictQrKey, keyIdOf, listQrKeys, newKioskQrKey, retireQrKey } from '../../../electron/kiosk/qr/qr-keys.js';
import { verifyQr } from '../../../electron/kiosk/qr/verify-qr.js';
import { migrate } from '../../../electron/kiosk/store/migrate.js';
import { MIGRATIONS } from '../../../electron/kiosk/store/migrations/index.js';
import { openKioskStore, rawDatabase } from '../../../electron/kiosk/store/open.js';
import { createKioskFixture, snapshot, tempDir, TODAY, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { onlyJson, runCli } from '../../helpers/zhucan-cli.js';

const fixture = useKioskFixtures();

function scan(fx: KioskFixture, token: string): ReturnType<KioskFixture['kiosk']['checkIn']> {
  return fx.kiosk.checkIn({ identity: { kind: 'qr', token }, operatorId: fx.cashier.id });
}

function signWith(privateKey: KeyObject, payload: TokenPayload): string {
  return encodeToken(payload, sign(null, signedBytesOf(encodePayload(payload)), privateKey));
}

/** The English words of the KioskError fn throws. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KioskError) return render(e.text, 'en');
    throw e;
  }
  throw new Error('expected a refusal');
}

function districtCard(fx: KioskFixture, key: { privateKey: KeyObject; publicKey: KeyObject }, elderId: string): string {
  return signWith(key.privateKey, { v: 1, k: 'phone', keyId: keyIdOf(key.publicKey), elderId, issuedAt: Math.floor(fx.clock.now / 1000), expiresAt: Math.floor(fx.clock.now / 1000) + 60, nonce: 'AAECAwQFBgcICQoL' });
}

describe('installing a district public key', () => {
  it('takes the raw 32 bytes or SPKI, as Base64, PEM or a binary file, and computes the id', () => {
    const fx = fixture();
    const forms = Array.from({ length: 4 }, () => generateKeyPairSync('ed25519'));
    const [a, b, c, d] = forms;
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('four keys');
    const raw = (k: KeyObject): Buffer => k.export({ type: 'spki', format: 'der' }).subarray(12);
    expect(installDistrictQrKey(fx.store, raw(a.publicKey).toString('base64'), fx.clock.now).keyId).toBe(keyIdOf(a.publicKey));
    expect(installDistrictQrKey(fx.store, raw(b.publicKey).toString('base64url'), fx.clock.now).keyId).toBe(keyIdOf(b.publicKey));
    expect(installDistrictQrKey(fx.store, c.publicKey.export({ type: 'spki', format: 'pem' }).toString(), fx.clock.now).keyId).toBe(keyIdOf(c.publicKey));
    const binary = publicKeyFromFile(raw(d.publicKey));
    if (!binary.ok) throw new Error('raw key file refused');
    expect(installDistrictQrKey(fx.store, binary.value, fx.clock.now).keyId).toBe(keyIdOf(d.publicKey));
    const listed = listQrKeys(fx.store.read);
    expect(listed).toHaveLength(4);
    expect(listed.every((k) => k.kind === 'district' && !k.privateKey && !k.signing && k.retiredAt === null && k.createdAt !== null)).toBe(true);
  });

  it('refuses a malformed key, a private key, another algorithm and a duplicate, each saying why', () => {
    const fx = fixture();
    const before = snapshot(fx.store.read);
    expect(refusal(() => installDistrictQrKey(fx.store, 'not a key!'))).toMatch(/neither PEM nor Base64/);
    expect(refusal(() => installDistrictQrKey(fx.store, Buffer.alloc(31, 7).toString('base64')))).toMatch(/31 bytes are neither a raw 32-byte Ed25519 key/);
    const pair = generateKeyPairSync('ed25519');
    expect(refusal(() => installDistrictQrKey(fx.store, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()))).toMatch(/private key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(refusal(() => installDistrictQrKey(fx.store, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()))).toMatch(/not an Ed25519 public key \(it is a rsa key\)/);
    expect(snapshot(fx.store.read)).toEqual(before);
    expect(listQrKeys(fx.store.read)).toEqual([]);

    const spki = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const { keyId } = installDistrictQrKey(fx.store, spki);
    expect(refusal(() => installDistrictQrKey(fx.store, spki))).toBe(`District key ${keyId} is already installed`);
    const own = issueCardCode(fx.store, fx.elder('young').id, fx.clock.now);
    const ownSpki = listQrKeys(fx.store.read).find((k) => k.keyId === own.keyId);
    expect(ownSpki).toMatchObject({ kind: 'kiosk', privateKey: true, signing: true });
  });
});

describe('retiring a key', () => {
  it('a district key: its codes are refused at once, and it cannot be installed again', () => {
    const fx = fixture();
    const district = generateKeyPairSync('ed25519');
    const { keyId } = installDistrictQrKey(fx.store, district.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const token = districtCard(fx, district, fx.elder('old').id);
    expect(verifyQr(fx.store.read, token, fx.clock.now).ok).toBe(true);
    fx.clock.advance(1000);
    const retired = retireQrKey(fx.store, keyId.toUpperCase(), fx.clock.now);
    expect(retired).toMatchObject({ keyId, kind: 'district' });
    const before = snapshot(fx.store.read);
    expect(scan(fx, token)).toMatchObject({ kind: 'unidentified', reason: 'qrUnknownKey', message: { key: 'qr.retiredKey' } });
    expect(snapshot(fx.store.read)).toEqual(before);
    expect(refusal(() => installDistrictQrKey(fx.store, district.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')))).toMatch(/retired key cannot be installed again/);
    expect(refusal(() => retireQrKey(fx.store, keyId, fx.clock.now))).toMatch(new RegExp(`Key ${keyId} was already retired at `));
    expect(refusal(() => retireQrKey(fx.store, 'ffffffff', fx.clock.now))).toMatch(/no key ffffffff/);
    expect(refusal(() => retireQrKey(fx.store, 'xyz', fx.clock.now))).toMatch(/8 hexadecimal digits/);
    expect(listQrKeys(fx.store.read)).toEqual([expect.objectContaining({ keyId, retiredAt: retired.retiredAt })]);
  });

  it("the kiosk's key: its printed cards are refused, nothing is issued until a new kiosk key is made", () => {
    const fx = fixture();
    const id = fx.elder('young').id;
    const card = issueCardCode(fx.store, id, fx.clock.now);
    expect(refusal(() => newKioskQrKey(fx.store, fx.clock.now))).toMatch(new RegExp(`already signs with key ${card.keyId}`));
    retireQrKey(fx.store, card.keyId, fx.clock.now);
    expect(scan(fx, card.token)).toMatchObject({ kind: 'unidentified', reason: 'qrUnknownKey', message: { key: 'qr.retiredKey' } });
    const before = snapshot(fx.store.read);
    expect(refusal(() => issueCardCode(fx.store, id, fx.clock.now))).toMatch(/zhucan qr key new-kiosk/);
    expect(refusal(() => issuePhoneCode(fx.store, id, fx.clock.now))).toMatch(/is retired and signs nothing/);
    expect(snapshot(fx.store.read)).toEqual(before);

    fx.clock.advance(60_000);
    const fresh = newKioskQrKey(fx.store, fx.clock.now);
    expect(fresh.keyId).not.toBe(card.keyId);
    const reprinted = issueCardCode(fx.store, id, fx.clock.now);
    expect(reprinted).toMatchObject({ keyId: fresh.keyId, cardVersion: 2 });
    expect(scan(fx, reprinted.token).kind).toBe('served');
    expect(listQrKeys(fx.store.read).map((k) => [k.keyId, k.signing, k.retiredAt !== null])).toEqual([
      [card.keyId, false, true],
      [fresh.keyId, true, false],
    ]);
  });
});

describe('migration 0005', () => {
  it('moves the kiosk key and district keys out of settings, from every earlier version; old codes still verify', () => {
    const kiosk = generateKeyPairSync('ed25519');
    const district = generateKeyPairSync('ed25519');
    const kioskId = keyIdOf(kiosk.publicKey);
    const districtId = keyIdOf(district.publicKey);
    for (let v = 1; v < 5; v++) {
      const file = join(tempDir(), 'kiosk.db');
      const raw = new Database(file);
      migrate(raw, MIGRATIONS.slice(0, v));
      const put = raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      put.run('qr_signing_key', kiosk.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
      put.run('qr_public_key', kiosk.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
      put.run(`qr_trusted_key:${districtId}`, district.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
      // A row that holds no key does not become one (and is left where it was).
      put.run('qr_trusted_key:00000000', 'bm90IGEga2V5');
      raw.close();

      const store = openKioskStore(file);
      expect(rawDatabase(store).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(listQrKeys(store.read).map((k) => [k.keyId, k.kind, k.privateKey, k.signing, k.createdAt])).toEqual(
        [
          [kioskId, 'kiosk', true, true, null],
          [districtId, 'district', false, false, null],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const left = store.read.stmt<{ key: string }>("SELECT key FROM settings WHERE key LIKE 'qr%' ORDER BY key").all();
      expect(left.map((r) => r.key)).toEqual(['qr_trusted_key:00000000']);
      store.close();
    }
  });

  it('signs with the migrated kiosk key, so codes printed before the upgrade keep working', () => {
    const fx = fixture();
    const card = issueCardCode(fx.store, fx.elder('young').id, fx.clock.now);
    const again = issueCardCode(fx.store, fx.elder('old').id, fx.clock.now);
    expect(again.keyId).toBe(card.keyId);
    expect(scan(fx, card.token).kind).toBe('served');
  });
});

describe('zhucan qr key', () => {
  it('lists without a sign-in; install, retire and new-kiosk need a manager', async () => {
    // Not through fixture(): its after-test chain check needs the store this test closes for the CLI.
    const fx = createKioskFixture();
    const card = issueCardCode(fx.store, fx.elder('young').id, fx.clock.now);
    fx.closeStore();
    const db = ['--db', fx.file];
    const manager = ['--operator', fx.manager.id, '--pin', fx.manager.pin];
    const district = generateKeyPairSync('ed25519');
    const pem = join(tempDir(), 'district.pem');
    writeFileSync(pem, district.publicKey.export({ type: 'spki', format: 'pem' }));

    const cashier = await runCli(['qr', 'key', 'install', '--public', pem, ...db, '--operator', fx.cashier.id, '--pin', fx.cashier.pin, '--json']);
    expect(cashier.code).toBe(1);
    expect(onlyJson(cashier)).toMatchObject({ ok: false, error: 'forbidden' });
    const installed = await runCli(['qr', 'key', 'install', '--public', pem, ...db, ...manager, '--json']);
    expect(onlyJson(installed)).toMatchObject({ ok: true, keyId: keyIdOf(district.publicKey), kind: 'district' });
    const duplicate = await runCli(['qr', 'key', 'install', '--public', pem, ...db, ...manager]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toContain('已安装过');
    const malformed = await runCli(['qr', 'key', 'install', '--public', 'AAAA', ...db, ...manager, '--json']);
    expect(onlyJson(malformed)).toMatchObject({ ok: false, error: 'invalid' });

    const retired = await runCli(['qr', 'key', 'retire', '--id', card.keyId, ...db, ...manager]);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain('is refused from now on');
    expect(retired.stdout).toContain('zhucan qr key new-kiosk');
    const issue = await runCli(['qr', 'issue', '--elder', card.elderId, ...db, ...manager, '--json']);
    expect(issue.code).toBe(1);
    expect(String(onlyJson(issue).message)).toContain('zhucan qr key new-kiosk');
    const made = await runCli(['qr', 'key', 'new-kiosk', ...db, ...manager, '--json']);
    expect(onlyJson(made)).toMatchObject({ ok: true, kind: 'kiosk' });

    const list = await runCli(['qr', 'key', 'list', ...db, '--json']);
    const keys = onlyJson(list).keys as { keyId: string; kind: string; retired: boolean; privateKey: boolean; signing: boolean }[];
    expect(keys.map((k) => [k.kind, k.retired, k.privateKey, k.signing])).toEqual([
      ['kiosk', true, true, false],
      ['district', false, false, false],
      ['kiosk', false, true, true],
    ]);
    const usage = await runCli(['qr', 'key', 'retire', ...db, ...manager]);
    expect(usage.code).toBe(2);
    const served = await runCli(['checkin', '--qr', card.token, ...db, '--operator', fx.cashier.id, '--pin', fx.cashier.pin, '--at', `${TODAY}T12:00`, '--json']);
    expect(onlyJson(served)).toMatchObject({ ok: false, kind: 'unidentified', reason: 'qrUnknownKey' });
  });
});

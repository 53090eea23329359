/**
 * Migration 6 (hub_link) and the device key file: one link row at most, read back through its schema
 * (an edited row is refused in words, not trusted), progress written and read back; the key file made
 * 0600 and atomically, and a damaged one reported as unreadable.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message } from '../../../shared/i18n/text.js';
import { t } from '../../../shared/i18n/catalogs.js';
import { UPLOAD_REFUSALS } from '../../../shared/hub-api/upload.js';
import { GENESIS } from '../../../shared/ledger/chain.js';
import { failureOf } from '../../../electron/kiosk/guard.js';
import { deviceKeyFile, fileKeyStore, generateDeviceKey } from '../../../electron/kiosk/sync/device-key.js';
import { HubLinkUnreadable, readHubLink, recordProblem, recordSuccess, saveHubLink } from '../../../electron/kiosk/sync/hub-link.js';
import { rawDatabase } from '../../../electron/kiosk/store/open.js';
import { cleanupKioskFixtures, createKioskFixture } from '../../helpers/kiosk-fixture.js';
import { enrolKiosk } from '../../../electron/kiosk/sync/enrol.js';
import { FakeHub } from './fake-hub.js';

afterEach(() => cleanupKioskFixtures());

const LINK = {
  hubUrl: 'https://hub.example.cn',
  deviceId: 'kiosk-test-0001',
  publicKey: generateDeviceKey().publicKey,
  canteen: { id: 7, name: '天河区测试长者饭堂', regionCode: '440106001', districtName: '天河区' },
  districtKey: 'MCowBQYDK2VwAyEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  enrolledAt: '2026-11-20T01:00:00.000Z',
};

describe('the hub link row (migration 6)', () => {
  it('is absent before enrolment, one row after, and keeps the progress', () => {
    const fx = createKioskFixture();
    expect(readHubLink(fx.store.read)).toBeNull();
    fx.store.write((tx) => saveHubLink(tx, LINK));
    expect(readHubLink(fx.store.read)).toMatchObject({ ...LINK, acked: GENESIS, lastSuccessAt: null, lastProblem: null, refused: null });

    const acked = { seq: 12, hash: 'c'.repeat(64) };
    fx.store.write((tx) => recordSuccess(tx, acked, '2026-11-24T04:00:00.000Z', -1500));
    expect(readHubLink(fx.store.read)).toMatchObject({ acked, lastSuccessAt: '2026-11-24T04:00:00.000Z', clockSkewMs: -1500 });

    const problem = message('sync.refused.tampered', { hub: '第 3 条不同' });
    fx.store.write((tx) => recordProblem(tx, '2026-11-24T05:00:00.000Z', problem, 'tampered'));
    expect(readHubLink(fx.store.read)).toMatchObject({ acked, lastProblem: problem, refused: { kind: 'tampered', at: '2026-11-24T05:00:00.000Z' } });

    // Enrolling again replaces the row and starts the progress again.
    fx.store.write((tx) => saveHubLink(tx, { ...LINK, hubUrl: 'https://other.example.cn' }));
    expect(readHubLink(fx.store.read)).toMatchObject({ hubUrl: 'https://other.example.cn', acked: GENESIS, refused: null });
    expect(() => rawDatabase(fx.store).prepare("INSERT INTO hub_link (id, hub_url, device_id, public_key, canteen_id, canteen_name, region_code, district_name, district_key, enrolled_at) VALUES (2, 'x', 'x', 'x', 1, 'x', 'x', 'x', 'x', 'x')").run()).toThrow(/CHECK/);
  });

  it('refuses a row edited by hand, as a refusal a person can read', () => {
    const fx = createKioskFixture();
    fx.store.write((tx) => saveHubLink(tx, LINK));
    rawDatabase(fx.store).prepare("UPDATE hub_link SET acked_hash = 'not a hash'").run();
    let thrown: unknown;
    try {
      readHubLink(fx.store.read);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HubLinkUnreadable);
    expect((thrown as HubLinkUnreadable).fields).toBe('acked_hash');
    expect(failureOf(thrown)).toMatchObject({ kind: 'invalid', message: { key: 'sync.problem.linkUnreadable' } });
  });

  it('lets --replace enrol past a damaged row, and only --replace', async () => {
    const fx = createKioskFixture();
    fx.store.write((tx) => saveHubLink(tx, LINK));
    rawDatabase(fx.store).prepare("UPDATE hub_link SET enrolled_at = 'yesterday'").run();
    const hub = new FakeHub();
    hub.addCode('CODE-1111-2222');
    const deps = { store: fx.store, keys: fileKeyStore(deviceKeyFile(fx.file)), http: { fetch: hub.fetch } };
    const plain = await enrolKiosk(deps, { hubUrl: 'https://hub.test', code: 'CODE-1111-2222' });
    expect(plain).toMatchObject({ ok: false, error: { kind: 'alreadyEnrolled', message: { key: 'sync.problem.linkUnreadable' } } });
    const replaced = await enrolKiosk(deps, { hubUrl: 'https://hub.test', code: 'CODE-1111-2222', replace: true });
    expect(replaced).toMatchObject({ ok: true, value: { hubUrl: 'https://hub.test', acked: GENESIS } });
  });
});

describe('the device key file', () => {
  it('is written 0600 with no temp file left, and reads back as the same key', () => {
    const fx = createKioskFixture();
    const store = fileKeyStore(deviceKeyFile(fx.file));
    expect(store.load()).toMatchObject({ ok: false, reason: 'missing' });
    const key = generateDeviceKey();
    store.save(key.privateKey);
    store.save(key.privateKey);
    const loaded = store.load();
    expect(loaded.ok && loaded.key.publicKey).toBe(key.publicKey);
    expect(readdirSync(dirname(fx.file)).filter((n) => n.includes('device-key'))).toEqual(['kiosk.db.device-key']);
  });

  it('reports a damaged key file as unreadable', () => {
    const fx = createKioskFixture();
    const file = deviceKeyFile(fx.file);
    writeFileSync(file, '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    expect(fileKeyStore(file).load()).toEqual({ ok: false, reason: 'unreadable', where: file });
  });
});

describe('the sync catalog', () => {
  it('has words for every refusal the hub can give and every state the uploader can be in', () => {
    const keys = [
      ...UPLOAD_REFUSALS.map((k) => `sync.refused.${k}`),
      ...['notEnrolled', 'idle', 'sending', 'offline', 'refused'].map((s) => `sync.status.state.${s}`),
      ...['missing', 'unreadable', 'mismatch'].map((r) => `sync.problem.key.${r}`),
    ];
    for (const key of keys) {
      expect(t(key, {}, 'zh-CN'), key).not.toBe(key);
      expect(t(key, {}, 'en'), key).not.toBe(key);
    }
  });
});

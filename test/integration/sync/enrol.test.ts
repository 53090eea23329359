/**
 * Enrolment against a fake hub over real HTTP on 127.0.0.1: the key pair made and kept (file 0600,
 * public half registered), the link stored; and each refusal with a clear message and nothing saved.
 * Driven through `zhucan enroll`'s own function, so the command's wording is tested too.
 */
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { enrollCommand } from '../../../bin/cli/enroll.js';
import { syncCommand } from '../../../bin/cli/sync.js';
import { deviceKeyFile, fileKeyStore } from '../../../electron/kiosk/sync/device-key.js';
import { readHubLink } from '../../../electron/kiosk/sync/hub-link.js';
import { openKioskStore } from '../../../electron/kiosk/store/open.js';
import { cleanupKioskFixtures, createKioskFixture, DEVICE_ID } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';
import { FakeHub } from './fake-hub.js';

const hubs: FakeHub[] = [];

afterEach(async () => {
  for (const h of hubs.splice(0)) await h.close();
  cleanupKioskFixtures();
});

async function hubAndKiosk(): Promise<{ hub: FakeHub; url: string; fx: KioskFixture }> {
  const hub = new FakeHub();
  hubs.push(hub);
  const url = await hub.listen();
  const fx = createKioskFixture();
  // The command opens the file itself, as `zhucan enroll` on a kiosk would.
  fx.closeStore();
  return { hub, url, fx };
}

function linkOf(file: string) {
  const store = openKioskStore(file);
  try {
    return readHubLink(store.read);
  } finally {
    store.close();
  }
}

/** A port where nothing listens: one the OS just gave out and took back. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('zhucan enroll', () => {
  it('makes the key pair, registers the public key and keeps the key and the link', async () => {
    const { hub, url, fx } = await hubAndKiosk();
    hub.addCode('ABCD-EFGH-JKLM');
    const out = await enrollCommand(['--db', fx.file, '--hub', `${url}/`, '--code', ' ABCD-EFGH-JKLM ']);
    expect(out.exit).toBe(0);
    expect(out.lines.join('\n')).toContain('已接入区平台');
    const keyFile = deviceKeyFile(fx.file);
    expect(out.json).toMatchObject({ ok: true, hub: url, deviceId: DEVICE_ID, keyFile, canteen: { id: 7, districtName: '天河区' } });
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fileKeyStore(keyFile).load();
    expect(key.ok).toBe(true);
    const link = linkOf(fx.file);
    expect(link).toMatchObject({ hubUrl: url, deviceId: DEVICE_ID, acked: { seq: 0 }, lastSuccessAt: null });
    expect(key.ok && key.key.publicKey).toBe(link?.publicKey);
    expect(hub.devices.get(DEVICE_ID)).toBe(link?.publicKey);

    // `zhucan sync` now shows the link.
    const status = await syncCommand(['--db', fx.file]);
    expect(status.json).toMatchObject({ ok: true, enrolled: true, hub: url, pending: 0, acked: { seq: 0 } });
  });

  it('refuses to enrol an enrolled kiosk again without --replace, and replaces the key with it', async () => {
    const { hub, url, fx } = await hubAndKiosk();
    hub.addCode('CODE-AAAA-0001');
    hub.addCode('CODE-AAAA-0002');
    expect((await enrollCommand(['--db', fx.file, '--hub', url, '--code', 'CODE-AAAA-0001'])).exit).toBe(0);
    const first = linkOf(fx.file)?.publicKey;
    const again = await enrollCommand(['--db', fx.file, '--hub', url, '--code', 'CODE-AAAA-0002']);
    expect(again.exit).toBe(1);
    expect(again.json).toMatchObject({ ok: false, error: 'alreadyEnrolled' });
    expect(again.lines.join('\n')).toContain('--replace');
    expect(linkOf(fx.file)?.publicKey).toBe(first);

    const replaced = await enrollCommand(['--db', fx.file, '--hub', url, '--code', 'CODE-AAAA-0002', '--replace']);
    expect(replaced.exit).toBe(0);
    const second = linkOf(fx.file)?.publicKey;
    expect(second).not.toBe(first);
    const key = fileKeyStore(deviceKeyFile(fx.file)).load();
    expect(key.ok && key.key.publicKey).toBe(second);
  });

  it('shows the hub’s own words for a code that is unknown, used or expired, and keeps nothing', async () => {
    const { hub, url, fx } = await hubAndKiosk();
    hub.addCode('USED-USED-USED', 7, 'used');
    hub.addCode('OLD0-OLD0-OLD0', 7, 'expired');
    for (const [code, kind, words] of [
      ['NONE-NONE-NONE', 'unknown', '接入码不存在'],
      ['USED-USED-USED', 'used', '接入码已使用'],
      ['OLD0-OLD0-OLD0', 'expired', '接入码已过期'],
    ] as const) {
      const out = await enrollCommand(['--db', fx.file, '--hub', url, '--code', code]);
      expect(out.exit).toBe(1);
      expect(out.json).toMatchObject({ ok: false, error: 'refused', hubKind: kind });
      expect(out.lines.join('\n')).toContain(words);
      expect(out.lines.join('\n')).toContain('区平台拒绝接入');
    }
    expect(existsSync(deviceKeyFile(fx.file))).toBe(false);
    expect(linkOf(fx.file)).toBeNull();
  });

  it('`zhucan sync` on a kiosk not enrolled says how to enrol; --once refuses', async () => {
    const fx = createKioskFixture();
    fx.closeStore();
    const status = await syncCommand(['--db', fx.file]);
    expect(status.exit).toBe(0);
    expect(status.json).toMatchObject({ ok: true, enrolled: false, hub: null, acked: null });
    expect(status.lines.join('\n')).toContain('zhucan enroll');
    const once = await syncCommand(['--db', fx.file, '--once']);
    expect(once.exit).toBe(1);
    expect(once.json).toMatchObject({ ok: false, error: 'notEnrolled' });
  });

  it('says the hub cannot be reached, and that the code was not used', async () => {
    const fx = createKioskFixture();
    fx.closeStore();
    const port = await deadPort();
    const out = await enrollCommand(['--db', fx.file, '--hub', `http://127.0.0.1:${port}`, '--code', 'ABCD-EFGH-JKLM']);
    expect(out.exit).toBe(1);
    expect(out.json).toMatchObject({ ok: false, error: 'unreachable' });
    expect(out.lines.join('\n')).toMatch(/无法连接区平台.*接入码未被使用.*Cannot reach the district hub/s);
    expect(linkOf(fx.file)).toBeNull();
  });

  it('refuses a bad address, and plain http to another host unless --insecure, before sending anything', async () => {
    const fx = createKioskFixture();
    fx.closeStore();
    expect((await enrollCommand(['--db', fx.file, '--hub', `http://127.0.0.2:${await deadPort()}`, '--code', 'X'])).json).toMatchObject({ error: 'badUrl' });
    const bad = await enrollCommand(['--db', fx.file, '--hub', 'hub.example.cn', '--code', 'X']);
    expect(bad.json).toMatchObject({ ok: false, error: 'badUrl' });
    expect(bad.lines.join('\n')).toContain('区平台地址无效');
    const plain = await enrollCommand(['--db', fx.file, '--hub', 'http://hub.example.cn', '--code', 'X']);
    expect(plain.json).toMatchObject({ ok: false, error: 'badUrl' });
    expect(plain.lines.join('\n')).toContain('https://');
    const withCredentials = await enrollCommand(['--db', fx.file, '--hub', 'https://a:b@hub.example.cn', '--code', 'X']);
    expect(withCredentials.json).toMatchObject({ ok: false, error: 'badUrl' });
    // --insecure lets plain http through to the network step (127.0.0.2 is loopback but not "this computer" to the check; nothing listens).
    const insecure = await enrollCommand(['--db', fx.file, '--hub', `http://127.0.0.2:${await deadPort()}`, '--code', 'X', '--insecure']);
    expect(insecure.json).toMatchObject({ ok: false, error: 'unreachable' });
  });
});

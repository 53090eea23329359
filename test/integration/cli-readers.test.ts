/**
 * `zhucan readers list` and `zhucan readers test`, run as real processes. This machine may or may
 * not have node-hid working and HID devices plugged in, so `list` is checked for its shape either
 * way: a list of devices (exit 0), or the reason readers are unavailable (exit 1).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { saveReaderConfigs } from '../../electron/kiosk/readers/reader-config.js';
import { cleanupKioskFixtures, createKioskFixture, snapshotFile } from '../helpers/kiosk-fixture.js';
import { onlyJson, runCli } from '../helpers/zhucan-cli.js';

afterAll(() => {
  cleanupKioskFixtures();
});

describe.concurrent('zhucan readers', () => {
  it('list --json: the devices with names and ids, or exit 1 with why node-hid is unavailable', async () => {
    const run = await runCli(['readers', 'list', '--json']);
    const out = onlyJson(run);
    if (run.code === 0) {
      expect(out).toMatchObject({ ok: true, devices: expect.any(Array) as unknown });
      for (const d of out['devices'] as Record<string, unknown>[]) {
        expect(d).toMatchObject({ name: expect.any(String) as unknown, vendorId: expect.stringMatching(/^[0-9A-F]{4}$/) as unknown, path: expect.any(String) as unknown });
      }
    } else {
      expect(run.code).toBe(1);
      expect(out).toMatchObject({ ok: false, error: 'unavailable', message: expect.stringContaining('读卡器不可用') as unknown });
    }
  });

  it('test --seconds 1 on a kiosk: watches the configured readers, checks nobody in, changes nothing', async () => {
    const fx = createKioskFixture();
    const saved = saveReaderConfigs(fx.store, [
      { id: 'front', name: '前台读卡器', vendorId: 0xffff, productId: 0x0035, format: 'keyboard', uidFormat: 'dec10' },
    ]);
    expect(saved.ok).toBe(true);
    fx.closeStore();
    const before = snapshotFile(fx.file);
    const run = await runCli(['readers', 'test', '--seconds', '1', '--db', fx.file, '--json']);
    const out = onlyJson(run);
    if (run.code === 0) expect(out).toMatchObject({ ok: true, readers: ['front'] });
    else expect(out).toMatchObject({ ok: false, error: 'unavailable' });
    expect(snapshotFile(fx.file)).toEqual(before);
  });

  it('test on a missing file → exit 1, nothing made; bad --seconds or subcommand → exit 2', async () => {
    const missing = await runCli(['readers', 'test', '--seconds', '1', '--db', '/nonexistent/zhucan/kiosk.db', '--json']);
    expect(missing.code).toBe(1);
    expect(onlyJson(missing)).toMatchObject({ ok: false, error: 'notFound' });
    expect((await runCli(['readers', 'test', '--seconds', '0', '--json'])).code).toBe(2);
    expect((await runCli(['readers', 'scan', '--json'])).code).toBe(2);
  });
});

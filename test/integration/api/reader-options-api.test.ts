/**
 * Decoder options through the reader set-up API, on a RecordedBackend fed byte-exact recordings: a
 * HID-POS scanner with another byte layout and a length-prefixed CR LF vendor reader are saved with
 * their options, come back in readers.list (so the screen re-sends them when it adds a reader), and
 * their scans find the elder; a bad option is refused with the field named, and nothing is saved.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from '../../../shared/i18n/catalogs.js';
import { ok } from '../../../shared/result.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import { kioskBackendOn } from '../../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { RecordedBackend, RecordedDevice, recordingSchema } from '../../../electron/kiosk/readers/recorded-device.js';
import type { Recording } from '../../../electron/kiosk/readers/recorded-device.js';
import { cleanupKioskFixtures, createKioskFixture, DEFAULT_ELDERS, MANAGER } from '../../helpers/kiosk-fixture.js';

function recording(name: string): Recording {
  return recordingSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/hid/${name}.json`, import.meta.url), 'utf8')));
}

const SCANNER = {
  id: 'scanner',
  name: '扫码枪',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  format: 'hidPos',
  uidFormat: 'hex',
  hidPos: { dataOffset: 2, continuationOffset: 62 },
} as const;
const VENDOR = {
  id: 'vendor',
  name: '厂商读卡器',
  vendorId: 0xffff,
  productId: 0x0036,
  format: 'vendorAscii',
  uidFormat: 'hex',
  vendorAscii: { framing: 'lengthPrefixed', terminator: 'CRLF' },
} as const;

let backend: KioskBackend;
let hid: RecordedBackend;
let events: KioskEvent[];

async function value<N extends MethodName>(name: N, input: MethodInput<N>): Promise<MethodOutput<N>> {
  const r = await backend.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.kind} ${r.error.message.key}`);
  expect(kioskMethods[name].output.safeParse(r.value).success).toBe(true);
  return r.value as MethodOutput<N>;
}

beforeEach(async () => {
  const fx = createKioskFixture({
    elders: { ...DEFAULT_ELDERS, swiped: { name: '张桂兰', birth: '1948-02-02', sex: 'F', hukou: '440106001', cards: [{ uid: '00BC614E' }] } },
  });
  hid = new RecordedBackend();
  backend = kioskBackendOn(fx.kiosk, { readers: 'hid', hidBackend: ok(hid) });
  events = [];
  backend.subscribe((e) => events.push(e));
  await value('session.start', { operatorId: MANAGER.id, pin: MANAGER.pin });
});

afterEach(() => {
  backend.close();
  cleanupKioskFixtures();
});

describe('decoder options in saved reader configurations', () => {
  it('are saved, listed back, and used to decode each reader', async () => {
    const scanner = RecordedDevice.fromRecording('/dev/hidraw3', recording('hid-pos-data-after-length'));
    const vendor = RecordedDevice.fromRecording('/dev/hidraw4', recording('vendor-ascii-crlf'));
    hid.plug({ vendorId: SCANNER.vendorId, productId: SCANNER.productId, usagePage: 0x8c, path: '/dev/hidraw3' }, scanner);
    hid.plug({ vendorId: VENDOR.vendorId, productId: VENDOR.productId, usagePage: 0xff00, path: '/dev/hidraw4' }, vendor);
    const saved = await value('readers.save', { readers: [SCANNER, VENDOR] });
    expect(saved.map((r) => r.config)).toEqual([SCANNER, VENDOR]);
    await expect(value('readers.list', {})).resolves.toMatchObject([{ config: SCANNER }, { config: VENDOR }]);

    await value('readers.setup', { readerId: 'scanner', live: false, testSwipe: true });
    await value('readers.setup', { readerId: 'vendor', live: false, testSwipe: true });
    scanner.emitAll();
    vendor.emitAll();
    const tests = events.filter((e): e is Extract<KioskEvent, { type: 'readerTest' }> => e.type === 'readerTest');
    expect(tests.map((t) => [t.readerId, t.result?.card?.uid, t.result?.elder?.name])).toEqual([
      ['scanner', '00BC614E', '张桂兰'],
      ['vendor', '00BC614E', '张桂兰'],
    ]);
  });

  it('a bad option is refused naming the field, and the saved list is kept', async () => {
    await value('readers.save', { readers: [VENDOR] });
    const bad = await backend.call('readers.save', { readers: [VENDOR, { ...SCANNER, hidPos: { dataOffset: 1 } }] });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : JSON.stringify(bad.error)).toContain('hidPos.dataOffset');
    if (!bad.ok) expect(render(bad.error.message, 'en')).toMatch(/reader/i);
    await expect(value('readers.list', {})).resolves.toMatchObject([{ config: VENDOR }]);
  });
});

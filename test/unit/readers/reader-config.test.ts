/** Reader configurations: the schema, the round trip through the settings table, and unreadable settings. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../shared/parse.js';
import { openKioskStore, type KioskStore } from '../../../electron/kiosk/store/open.js';
import { setSetting } from '../../../electron/kiosk/settings.js';
import type { HidDeviceInfo } from '../../../electron/kiosk/readers/hid-device.js';
import { readDeviceList } from '../../../electron/kiosk/readers/hid-device.js';
import {
  describeDevice,
  loadReaderConfigs,
  matches,
  readerConfigListSchema,
  readerConfigSchema,
  READERS_SETTING,
  saveReaderConfigs,
  type ReaderConfig,
} from '../../../electron/kiosk/readers/reader-config.js';

const front: ReaderConfig = {
  id: 'front',
  name: '前台读卡器',
  vendorId: 0xffff,
  productId: 0x0035,
  format: 'keyboard',
  uidFormat: 'dec10',
};
const scanner: ReaderConfig = {
  id: 'qr',
  name: '二维码扫描枪',
  vendorId: 0x0c2e,
  productId: 0x0b61,
  usagePage: 0x8c,
  interface: 1,
  serial: '19283HX',
  format: 'hidPos',
  uidFormat: 'hex',
  reportId: 2,
};

const device = (over: Partial<HidDeviceInfo> = {}): HidDeviceInfo => ({ vendorId: 0xffff, productId: 0x0035, path: '/dev/hidraw0', ...over });

describe('readerConfigSchema', () => {
  it('accepts a minimal and a full configuration', () => {
    expect(readerConfigSchema.parse(front)).toEqual(front);
    expect(readerConfigSchema.parse(scanner)).toEqual(scanner);
  });

  it.each([
    ['a vendor id over 16 bits', { ...front, vendorId: 0x10000 }],
    ['a fractional product id', { ...front, productId: 1.5 }],
    ['an unknown format', { ...front, format: 'serial' }],
    ['an unknown uid format', { ...front, uidFormat: 'hex7' }],
    ['an empty name', { ...front, name: '  ' }],
    ['report id 0 (means "no report id")', { ...front, reportId: 0 }],
    ['an unknown field', { ...front, baud: 9600 }],
  ])('refuses %s', (_what, value) => {
    expect(readerConfigSchema.safeParse(value).success).toBe(false);
  });

  it('refuses two readers with one id', () => {
    const r = readerConfigListSchema.safeParse([front, { ...scanner, id: 'front' }]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([1, 'id']);
  });
});

describe('reader configurations in the settings table', () => {
  let dir: string;
  let store: KioskStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhucan-readers-'));
    store = openKioskStore(join(dir, 'kiosk.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is an empty list before anything is saved', () => {
    expect(loadReaderConfigs(store.read)).toEqual({ ok: true, value: [] });
  });

  it('round-trips, also through a reopened file', () => {
    expect(saveReaderConfigs(store, [front, scanner]).ok).toBe(true);
    expect(loadReaderConfigs(store.read)).toEqual({ ok: true, value: [front, scanner] });
    store.close();
    store = openKioskStore(join(dir, 'kiosk.db'));
    expect(loadReaderConfigs(store.read)).toEqual({ ok: true, value: [front, scanner] });
  });

  it('saves nothing when the list is bad', () => {
    saveReaderConfigs(store, [front]);
    const r = saveReaderConfigs(store, [{ ...scanner, vendorId: -1 }]);
    expect(r.ok).toBe(false);
    expect(loadReaderConfigs(store.read)).toEqual({ ok: true, value: [front] });
  });

  it('turns bad JSON in the settings into a clear problem, not a crash', () => {
    store.write((tx) => setSetting(tx, READERS_SETTING, '[{"id": "front",'));
    const r = loadReaderConfigs(store.read);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.issues).toHaveLength(1);
      expect(formatProblem(r.error)).toContain('读卡器设置');
      expect(formatProblem(r.error)).toContain('JSON');
    }
  });

  it('turns valid JSON of the wrong shape into problems naming the field', () => {
    store.write((tx) => setSetting(tx, READERS_SETTING, JSON.stringify([{ ...front, format: 'serial' }])));
    const r = loadReaderConfigs(store.read);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues.map((i) => i.path)).toEqual(['[0].format']);
  });
});

describe('matches', () => {
  it('needs vendor and product ids, and each of usage page, interface and serial that is set', () => {
    expect(matches(front, device())).toBe(true);
    expect(matches(front, device({ productId: 0x0036 }))).toBe(false);
    const s = device({ vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, interface: 1, serialNumber: '19283HX' });
    expect(matches(scanner, s)).toBe(true);
    expect(matches(scanner, { ...s, usagePage: 0x01 })).toBe(false);
    expect(matches(scanner, { ...s, interface: 0 })).toBe(false);
    expect(matches(scanner, { ...s, serialNumber: 'other' })).toBe(false);
  });
});

describe('describeDevice', () => {
  it('names the maker and product, and the kind of collection', () => {
    expect(describeDevice(device({ manufacturer: 'Newland', product: 'HR22 Scanner', usagePage: 0x8c }))).toBe('Newland HR22 Scanner（HID-POS 模式）');
    expect(describeDevice(device({ manufacturer: 'Sycreader', product: 'Sycreader RFID', usagePage: 1, usage: 6 }), 'en')).toBe('Sycreader RFID (keyboard)');
    expect(describeDevice(device({ usagePage: 0xff00 }))).toBe('USB 设备 FFFF:0035（厂商数据模式）');
    expect(describeDevice(device())).toBe('USB 设备 FFFF:0035');
  });
});

describe('readDeviceList (the HID.devices() boundary)', () => {
  it('keeps well-formed entries, blanks empty names, and drops entries without a path', () => {
    const raw = [
      { vendorId: 1, productId: 2, path: '/dev/hidraw0', product: '', manufacturer: null, release: 256, interface: 0, usagePage: 1, usage: 6 },
      { vendorId: 1, productId: 2, release: 256, interface: -1 },
      'junk',
    ];
    expect(readDeviceList(raw)).toEqual([{ vendorId: 1, productId: 2, path: '/dev/hidraw0', interface: 0, usagePage: 1, usage: 6 }]);
    expect(readDeviceList(null)).toEqual([]);
  });
});

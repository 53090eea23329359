/**
 * The reader manager on fake time with a recorded backend: the same code path as a real node-hid
 * device past the HidDeviceLike adapter.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadNodeHid } from '../../../electron/kiosk/readers/hid-device.js';
import type { HidDeviceInfo } from '../../../electron/kiosk/readers/hid-device.js';
import { createDecoder } from '../../../electron/kiosk/readers/decode/create-decoder.js';
import { readerConfigSchema, type ReaderConfig } from '../../../electron/kiosk/readers/reader-config.js';
import { maskScan, ReaderManager, type ReaderEvent, type Scheduler } from '../../../electron/kiosk/readers/reader-manager.js';
import { RecordedBackend, RecordedDevice, recordingSchema, type Recording } from '../../../electron/kiosk/readers/recorded-device.js';

const fakeScheduler: Scheduler = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

const config: ReaderConfig = readerConfigSchema.parse({
  id: 'front',
  name: '前台读卡器',
  vendorId: 0xffff,
  productId: 0x0035,
  format: 'keyboard',
  uidFormat: 'dec10',
});

const info: Omit<HidDeviceInfo, 'path'> = {
  vendorId: 0xffff,
  productId: 0x0035,
  manufacturer: 'Sycreader',
  product: 'RFID Reader',
  usagePage: 0x01,
  usage: 0x06,
  interface: 0,
};
const PATH = '/dev/hidraw3';

const hex = (bytes: readonly number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
const RELEASE = hex([0, 0, 0, 0, 0, 0, 0, 0]);

/** Boot-keyboard reports typing `text` (digits and lower-case letters) then Enter, each key pressed and released. */
function typed(text: string, enter = true): string[] {
  const usage = (c: string): number => (c === '0' ? 0x27 : /[1-9]/.test(c) ? 0x1e + Number(c) - 1 : 0x04 + c.charCodeAt(0) - 0x61);
  const keys = [...text].map(usage);
  if (enter) keys.push(0x28);
  return keys.flatMap((k) => [hex([0, 0, k, 0, 0, 0, 0, 0]), RELEASE]);
}

/** A recording from test/fixtures/hid/. */
function fixture(name: string): Recording {
  return recordingSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/hid/${name}.json`, import.meta.url), 'utf8')));
}
/** The card 0x00BC614E typed as "0012345678" + Enter by an 8H10D reader. */
const cardSwipe = fixture('ic-card-8h10d');
/** "00123" typed, then the reports stop with a key still down. */
const cutShort = fixture('unplug-mid-scan');

let backend: RecordedBackend;
let events: ReaderEvent[];
let manager: ReaderManager;

function makeManager(configs: readonly ReaderConfig[] = [config]): ReaderManager {
  const m = ReaderManager.create({ configs, backend, decoderFor: (c) => createDecoder(c), scheduler: fakeScheduler });
  m.subscribe((e) => events.push(e));
  return m;
}

const kinds = (): string[] => events.map((e) => e.kind);
const scans = (): string[] => events.flatMap((e) => (e.kind === 'scan' ? [e.text] : []));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T08:00:00Z') });
  backend = new RecordedBackend();
  events = [];
  manager = makeManager();
});

afterEach(() => {
  manager.stop();
  vi.useRealTimers();
});

describe('ReaderManager', () => {
  it('is connected after the first poll, with a name a manager recognises', () => {
    backend.plug({ ...info, path: PATH });
    manager.start();
    expect(events).toEqual([{ kind: 'connected', readerId: 'front', device: 'Sycreader RFID Reader（键盘模式）', at: Date.now() }]);
    expect(manager.state('front')).toMatchObject({ connected: true, errorCount: 0 });
  });

  it('connects a reader plugged in later at the next poll, and leaves unmatched devices alone', () => {
    backend.plug({ ...info, vendorId: 0x1234, path: '/dev/hidraw0' });
    manager.start();
    expect(events).toEqual([]);
    backend.plug({ ...info, path: PATH });
    vi.advanceTimersByTime(1000);
    expect(kinds()).toEqual(['connected']);
    expect(backend.opened).toEqual([PATH]);
  });

  it('turns a recorded report sequence into one scan, and keeps only a masked copy', () => {
    const device = backend.plug({ ...info, path: PATH }, RecordedDevice.fromRecording(PATH, cardSwipe));
    manager.start();
    expect(device.emitAll()).toBe(cardSwipe.reports.length);
    expect(scans()).toEqual(['0012345678']);
    expect(manager.state('front')).toMatchObject({ lastScanMasked: '00******78', lastReadAt: Date.now() });
    expect(JSON.stringify(manager.states())).not.toContain('0012345678');
  });

  it('notices a quiet unplug mid-scan within 3 s, never makes a scan of it, and reconnects when plugged back', () => {
    const device = backend.plug({ ...info, path: PATH }, RecordedDevice.fromRecording(PATH, cutShort));
    manager.start();
    const t0 = Date.now();
    device.emitAll(); // "00123" typed, a key still down, no Enter
    expect(scans()).toEqual([]);
    backend.unplug(PATH);
    vi.advanceTimersByTime(3000);
    const gone = events.find((e) => e.kind === 'disconnected');
    expect(gone).toMatchObject({ reason: 'unplugged' });
    expect(gone?.at).toBeLessThanOrEqual(t0 + 3000);
    expect(device.closeCalls).toBe(1);
    expect(manager.state('front')?.connected).toBe(false);

    // Plugged back: a new handle, the whole card typed again; the old half must not be glued on.
    const again = backend.plug({ ...info, path: PATH }, new RecordedDevice(PATH, typed('0087654321')));
    vi.advanceTimersByTime(1000);
    expect(kinds().filter((k) => k === 'connected')).toHaveLength(2);
    again.emitAll();
    expect(scans()).toEqual(['0087654321']);
  });

  it("closes on a device 'error' (unplug under a pending read) and reopens when it is listed again", () => {
    const device = backend.plug({ ...info, path: PATH });
    manager.start();
    device.emitReport(typed('1')[0]);
    backend.unplug(PATH);
    expect(() => device.fail(new Error('could not read from HID device'))).not.toThrow();
    expect(kinds()).toEqual(['connected', 'error', 'disconnected']);
    expect(events[2]).toMatchObject({ kind: 'disconnected', reason: 'error' });
    expect(manager.state('front')).toMatchObject({ connected: false, errorCount: 1, lastError: 'could not read from HID device' });
    // A second error from the dead handle is ignored.
    device.fail();
    expect(kinds()).toHaveLength(3);

    const again = backend.plug({ ...info, path: PATH }, new RecordedDevice(PATH, typed('42')));
    vi.advanceTimersByTime(1000);
    again.emitAll();
    expect(kinds().slice(3)).toEqual(['connected', 'scan']);
    expect(scans()).toEqual(['42']);
  });

  it('turns a throwing listener into an error event and keeps polling', () => {
    manager.subscribe((e) => {
      if (e.kind === 'connected') throw new Error('renderer gone');
    });
    backend.plug({ ...info, path: PATH });
    expect(() => manager.start()).not.toThrow();
    expect(events.map((e) => [e.kind, e.kind === 'error' ? e.reason : ''])).toEqual([
      ['connected', ''],
      ['error', 'listener: renderer gone'],
    ]);
    backend.unplug(PATH);
    vi.advanceTimersByTime(1000);
    expect(kinds()).toContain('disconnected');
  });

  it('turns a throwing devices() into an error event and keeps polling', () => {
    backend.devicesError = new Error('hid_enumerate failed');
    manager.start();
    vi.advanceTimersByTime(2000);
    expect(events.filter((e) => e.kind === 'error')).toHaveLength(3);
    expect(events[0]).toMatchObject({ kind: 'error', readerId: null, reason: 'hid_enumerate failed' });
    backend.devicesError = null;
    backend.plug({ ...info, path: PATH });
    vi.advanceTimersByTime(1000);
    expect(kinds().at(-1)).toBe('connected');
  });

  it('retries an open that fails (busy, no permission) at the next poll', () => {
    backend.plug({ ...info, path: PATH });
    backend.openError = new Error('cannot open device with path /dev/hidraw3');
    manager.start();
    expect(manager.state('front')).toMatchObject({ connected: false, errorCount: 1 });
    backend.openError = null;
    vi.advanceTimersByTime(1000);
    expect(manager.state('front')?.connected).toBe(true);
  });

  it('turns a throwing decoder into an error event', () => {
    manager.stop();
    manager = ReaderManager.create({
      configs: [config],
      backend,
      scheduler: fakeScheduler,
      decoderFor: () => ({
        pending: false,
        reset: () => undefined,
        push: () => {
          throw new Error('decoder bug');
        },
      }),
    });
    manager.subscribe((e) => events.push(e));
    const device = backend.plug({ ...info, path: PATH });
    manager.start();
    expect(() => device.emitReport(RELEASE)).not.toThrow();
    expect(events.at(-1)).toMatchObject({ kind: 'error', readerId: 'front', reason: 'decoder bug' });
  });

  it('drops a partial scan that gets no report for 2 s, so it is not glued to the next swipe', () => {
    const device = backend.plug({ ...info, path: PATH });
    manager.start();
    for (const r of typed('0012', false)) device.emitReport(r);
    vi.advanceTimersByTime(3000);
    expect(events.filter((e) => e.kind === 'garbled')).toMatchObject([{ reason: 'timeout' }]);
    for (const r of typed('99')) device.emitReport(r);
    expect(scans()).toEqual(['99']);
  });

  it('stop() during a pending read is safe and idempotent; late reports and errors are ignored', () => {
    const device = backend.plug({ ...info, path: PATH }, new RecordedDevice(PATH, typed('0012345678')));
    manager.start();
    device.emitAll(6);
    expect(() => manager.stop()).not.toThrow();
    expect(() => manager.stop()).not.toThrow();
    expect(device.closeCalls).toBe(1);
    expect(manager.status.kind).toBe('stopped');
    expect(events.at(-1)).toMatchObject({ kind: 'disconnected', reason: 'stopped' });
    const before = events.length;
    device.fail(new Error('read cancelled'));
    vi.advanceTimersByTime(5000);
    expect(events.length).toBe(before);
    expect(scans()).toEqual([]);
  });

  it('stop() survives a device whose close() throws', () => {
    const device = backend.plug({ ...info, path: PATH });
    device.close = () => {
      throw new Error('already closed');
    };
    manager.start();
    expect(() => manager.stop()).not.toThrow();
    expect(manager.state('front')?.connected).toBe(false);
  });

  it('sends raw bytes and decoded text to the live view only when it is on for that reader', () => {
    const device = backend.plug({ ...info, path: PATH });
    manager.start();
    for (const r of typed('1')) device.emitReport(r);
    expect(kinds()).not.toContain('live');
    manager.setLiveView('front', true);
    for (const r of typed('2')) device.emitReport(r);
    const live = events.filter((e) => e.kind === 'live');
    expect(live).toHaveLength(4);
    expect(live[0]).toMatchObject({ bytes: '00 00 1f 00 00 00 00 00' });
    expect(live[2]).toMatchObject({ decoded: [{ kind: 'scan', scan: { text: '2' } }] });
  });

  it('gives two readers of one model their own device (matched by serial)', () => {
    manager.stop();
    events = [];
    const back = { ...config, id: 'back', name: '后门读卡器', serial: 'B' };
    manager = makeManager([{ ...config, serial: 'A' }, back]);
    backend.plug({ ...info, path: '/dev/hidraw1', serialNumber: 'B' });
    backend.plug({ ...info, path: '/dev/hidraw2', serialNumber: 'A' });
    manager.start();
    expect(manager.states().map((s) => [s.readerId, s.connected])).toEqual([
      ['front', true],
      ['back', true],
    ]);
    expect(backend.opened.sort()).toEqual(['/dev/hidraw1', '/dev/hidraw2']);
  });
});

describe('node-hid loading', () => {
  it('an import failure is an unavailable state with the reason, not a crash', async () => {
    const loaded = await loadNodeHid({ importer: () => Promise.reject(new Error("Cannot find module 'node-hid'")) });
    expect(loaded).toEqual({ ok: false, error: { key: 'reader.unavailable', params: { reason: "Cannot find module 'node-hid'" } } });
    const m = ReaderManager.fromLoad(loaded, { configs: [config], decoderFor: (c) => createDecoder(c), scheduler: fakeScheduler });
    expect(m.status).toMatchObject({ kind: 'unavailable', reason: "Cannot find module 'node-hid'" });
    expect(() => m.start()).not.toThrow();
    expect(m.status.kind).toBe('unavailable');
    expect(m.states()).toMatchObject([{ readerId: 'front', connected: false }]);
    expect(m.listDevices()).toEqual([]);
  });

  it('a native binding that fails on first use is unavailable too', async () => {
    const broken = {
      HID: class {},
      devices: () => {
        throw new Error('libusb-1.0.so.0: cannot open shared object file');
      },
    };
    const loaded = await loadNodeHid({ importer: () => Promise.resolve(broken) });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error.params?.['reason']).toContain('libusb-1.0.so.0');
  });

  it('loads the real node-hid here and lists devices (none on a machine without readers)', async () => {
    const loaded = await loadNodeHid();
    expect(loaded.ok, loaded.ok ? '' : JSON.stringify(loaded.error)).toBe(true);
    if (loaded.ok) expect(Array.isArray(loaded.value.devices())).toBe(true);
  });
});

describe('maskScan', () => {
  it('never keeps an ID number or UID whole', () => {
    expect(maskScan('11010519491231002X')).toBe('11**************2X');
    expect(maskScan('1234')).toBe('****');
    expect(maskScan('123456')).toBe('1****6');
  });
});

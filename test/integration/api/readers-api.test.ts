/**
 * The reader set-up screen's API end to end, without hardware: a back end whose raw HID readers run on
 * a RecordedBackend, fed the byte-exact reports of test/fixtures/hid. A manager lists the devices,
 * saves a configuration (applied to the running readers), watches the live view (an ID number's
 * digits never leave the back end, not even as key reports), test-swipes a card (nothing recorded),
 * and the switches go off when the shift locks. In browser mode the methods say why there is nothing.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result.js';
import { kioskEventSchema } from '../../../shared/kiosk-api/events.js';
import type { KioskEvent } from '../../../shared/kiosk-api/events.js';
import { kioskMethods } from '../../../shared/kiosk-api/methods.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/kiosk-api/methods.js';
import { kioskBackendOn } from '../../../electron/kiosk/api/backend.js';
import type { KioskBackend } from '../../../electron/kiosk/api/backend-types.js';
import { RecordedBackend, RecordedDevice, recordingSchema } from '../../../electron/kiosk/readers/recorded-device.js';
import type { Recording } from '../../../electron/kiosk/readers/recorded-device.js';
import { cleanupKioskFixtures, createKioskFixture, DEFAULT_ELDERS, MANAGER } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

/** A recording from test/fixtures/hid/, byte for byte. */
function recording(name: string): Recording {
  return recordingSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/hid/${name}.json`, import.meta.url), 'utf8')));
}

const IC_CARD = recording('ic-card-8h10d'); // card 0x00BC614E typed as 0012345678
const ID_CARD = recording('id-card-reader'); // 11010519491231002X
const FRONT = { id: 'front', name: '前台读卡器', vendorId: 0xffff, productId: 0x0035, format: 'keyboard', uidFormat: 'dec10' } as const;
const ID_READER = { id: 'idcard', name: '身份证阅读器', vendorId: 0x0400, productId: 0xc35a, format: 'keyboard', uidFormat: 'hex' } as const;

let fx: KioskFixture;
let hid: RecordedBackend;
let backend: KioskBackend;
let events: KioskEvent[];

/** Calls a method; every success must match the method's output schema, and is returned parsed. */
async function value<N extends MethodName>(backendUsed: KioskBackend, name: N, input: MethodInput<N>): Promise<MethodOutput<N>> {
  const r = await backendUsed.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.kind} ${r.error.message.key}`);
  const parsed = kioskMethods[name].output.safeParse(r.value);
  expect(parsed.success).toBe(true);
  return r.value as MethodOutput<N>;
}

function ofType<T extends KioskEvent['type']>(type: T): Extract<KioskEvent, { type: T }>[] {
  return events.filter((e): e is Extract<KioskEvent, { type: T }> => e.type === type);
}

function replay(device: RecordedDevice, rec: Recording): void {
  for (const r of rec.reports) device.emitReport(r);
}

beforeEach(async () => {
  fx = createKioskFixture({
    elders: { ...DEFAULT_ELDERS, swiped: { name: '张桂兰', birth: '1948-02-02', sex: 'F', hukou: '440106001', cards: [{ uid: '00BC614E' }] } },
  });
  hid = new RecordedBackend();
  backend = kioskBackendOn(fx.kiosk, { readers: 'hid', hidBackend: ok(hid) });
  events = [];
  backend.subscribe((e) => {
    // Every event as the transports would check it.
    expect(kioskEventSchema.safeParse(e).success).toBe(true);
    events.push(e);
  });
  await value(backend, 'session.start', { operatorId: MANAGER.id, pin: MANAGER.pin });
});

afterEach(() => {
  backend.close();
  cleanupKioskFixtures();
});

/** Plugs the IC-card reader (its recording loaded) and saves it as 'front'. */
async function plugAndSaveFront(): Promise<RecordedDevice> {
  const device = RecordedDevice.fromRecording('/dev/hidraw0', IC_CARD);
  hid.plug({ vendorId: 0xffff, productId: 0x0035, usagePage: 1, usage: 6, interface: 0, manufacturer: 'ACME', product: 'ACME IC Reader', path: '/dev/hidraw0' }, device);
  await value(backend, 'readers.save', { readers: [FRONT] });
  return device;
}

describe('the reader set-up API', () => {
  it('lists the plugged devices by name, saves a reader, and applies it to the running readers', async () => {
    hid.plug({ vendorId: 0xffff, productId: 0x0035, usagePage: 1, usage: 6, interface: 0, manufacturer: 'ACME', product: 'ACME IC Reader', path: '/dev/hidraw0' });
    const before = await value(backend, 'readers.devices', {});
    expect(before).toEqual([
      { name: 'ACME IC Reader（键盘模式）', vendorId: 0xffff, productId: 0x35, usagePage: 1, interface: 0, serial: null, suggestedFormat: 'keyboard', configuredAs: null },
    ]);
    await expect(value(backend, 'readers.list', {})).resolves.toEqual([]);

    const saved = await value(backend, 'readers.save', { readers: [FRONT] });
    expect(saved).toMatchObject([{ id: 'front', name: '前台读卡器', state: 'connected', liveView: false, testSwipe: false, config: FRONT }]);
    expect(ofType('reader').at(-1)).toMatchObject({ reader: { id: 'front', state: 'connected' } });
    const after = await value(backend, 'readers.devices', {});
    expect(after[0]?.configuredAs).toBe('front');

    // A list the back end's schema refuses (two readers with one id) saves nothing.
    const dup = await backend.call('readers.save', { readers: [FRONT, { ...FRONT, name: '另一台' }] });
    expect(dup).toMatchObject({ ok: false, error: { kind: 'refused', message: { key: 'api.readers.invalid' } } });
    await expect(value(backend, 'readers.list', {})).resolves.toMatchObject([{ id: 'front', name: '前台读卡器' }]);
  });

  it('sends each report of the live view with its bytes and what it decoded', async () => {
    const device = await plugAndSaveFront();
    const on = await value(backend, 'readers.setup', { readerId: 'front', live: true, testSwipe: false });
    expect(on).toMatchObject({ liveView: true, testSwipe: false });
    device.emitAll();
    const live = ofType('readerLive');
    expect(live.map((e) => e.bytes)).toEqual(IC_CARD.reports);
    expect(live.map((e) => e.decoded).filter((d) => d !== '')).toEqual(['0012345678']);
    expect(live.every((e) => e.readerId === 'front' && e.note === null && e.garbled === null)).toBe(true);
    // The live view watches; it does not stop the reader checking in (test swipe does).
    expect(ofType('checkin')).toHaveLength(1);
  });

  it('never sends an ID number: the key reports are withheld and the text is masked', async () => {
    const device = RecordedDevice.fromRecording('/dev/hidraw1', ID_CARD);
    hid.plug({ vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw1' }, device);
    await value(backend, 'readers.save', { readers: [ID_READER] });
    await value(backend, 'readers.setup', { readerId: 'idcard', live: true, testSwipe: true });
    device.emitAll();
    const live = ofType('readerLive');
    expect(live).toHaveLength(ID_CARD.reports.length);
    const withheld = live.filter((e) => e.bytes === '');
    // Every report but the last release (all zeros, after the scan ended) spells part of the number.
    expect(withheld).toHaveLength(ID_CARD.reports.length - 1);
    expect(withheld.every((e) => e.note?.key === 'api.readers.liveWithheld')).toBe(true);
    expect(live.map((e) => e.decoded).filter((d) => d !== '')).toEqual(['**************002X']);
    const sent = JSON.stringify(events);
    expect(sent).not.toContain('11010519491231');
    expect(sent).not.toContain('00 00 1e'); // the key report of a digit '1'
  });

  it('withholds a scan cut short once it has typed enough digits to be part of an ID number', async () => {
    const idDevice = new RecordedDevice('/dev/hidraw1', ID_CARD.reports.slice(0, 14)); // 7 digits, then unplugged
    const short = recording('unplug-mid-scan'); // "00123", then unplugged
    const cardDevice = new RecordedDevice('/dev/hidraw0', short.reports);
    hid.plug({ vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw1' }, idDevice);
    hid.plug({ vendorId: 0xffff, productId: 0x0035, path: '/dev/hidraw0' }, cardDevice);
    await value(backend, 'readers.save', { readers: [FRONT, ID_READER] });
    await value(backend, 'readers.setup', { readerId: 'idcard', live: true, testSwipe: false });
    await value(backend, 'readers.setup', { readerId: 'front', live: true, testSwipe: false });
    idDevice.emitAll();
    cardDevice.emitAll();
    expect(ofType('readerLive')).toEqual([]); // held: neither scan has ended
    idDevice.fail();
    cardDevice.fail();
    const live = ofType('readerLive');
    expect(live.filter((e) => e.readerId === 'idcard').map((e) => e.bytes)).toEqual(Array<string>(14).fill(''));
    expect(live.filter((e) => e.readerId === 'front').map((e) => e.bytes)).toEqual(short.reports);
    expect(ofType('reader').filter((e) => e.reader.state !== 'connected').map((e) => e.reader.id).sort()).toEqual(['front', 'idcard']);
  });

  it('test swipe names the elder the card would find and records nothing', async () => {
    const device = await plugAndSaveFront();
    const recent = await value(backend, 'records.recent', { limit: 20 });
    await value(backend, 'readers.setup', { readerId: 'front', live: false, testSwipe: true });
    replay(device, IC_CARD);
    const tests = ofType('readerTest');
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({
      readerId: 'front',
      problem: null,
      result: { scan: 'card', shown: '00BC614E', elder: { name: '张桂兰', active: true }, card: { uid: '00BC614E', state: 'active' }, refusal: null },
    });
    expect(tests[0]?.result?.elder?.idMasked).toMatch(/^\*{14}[\dX]{4}$/);
    expect(ofType('checkin')).toEqual([]);
    expect(ofType('readerLive')).toEqual([]);
    await expect(value(backend, 'records.recent', { limit: 20 })).resolves.toEqual(recent);
  });

  it('says when a reader is unplugged', async () => {
    await plugAndSaveFront();
    hid.unplug('/dev/hidraw0'); // quietly: noticed by the next poll (every second)
    await expect.poll(() => ofType('reader').at(-1)?.reader.state, { timeout: 3000, interval: 100 }).toBe('disconnected');
  });

  it('says when a reader fails under a read', async () => {
    const device = await plugAndSaveFront();
    device.fail(new Error('could not read from HID device'));
    const last = ofType('reader').at(-1);
    expect(last?.reader).toMatchObject({ id: 'front', state: 'error', errorCount: 1, lastError: { key: 'api.readerError' } });
  });

  it('turns live view and test swipe off when the shift locks', async () => {
    const device = await plugAndSaveFront();
    await value(backend, 'readers.setup', { readerId: 'front', live: true, testSwipe: true });
    await value(backend, 'session.lock', {});
    expect(ofType('reader').at(-1)).toMatchObject({ reader: { id: 'front', liveView: false, testSwipe: false } });
    events = [];
    replay(device, IC_CARD);
    expect(ofType('readerLive')).toEqual([]);
    expect(ofType('readerTest')).toEqual([]);
    await value(backend, 'session.unlock', { operatorId: MANAGER.id, pin: MANAGER.pin });
    await expect(value(backend, 'readers.list', {})).resolves.toMatchObject([{ id: 'front', liveView: false, testSwipe: false }]);
  });

  it('answers a reader it does not know as notFound', async () => {
    await plugAndSaveFront();
    await expect(backend.call('readers.setup', { readerId: 'nope', live: true, testSwipe: false })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'notFound', message: { key: 'api.readers.unknown' } },
    });
  });

  it('in browser mode lists nothing and refuses changes, saying raw readers are for the Electron kiosk', async () => {
    const browser = kioskBackendOn(fx.kiosk, { readers: 'none' });
    await value(browser, 'session.start', { operatorId: MANAGER.id, pin: MANAGER.pin });
    await expect(value(browser, 'readers.list', {})).resolves.toEqual([]);
    await expect(value(browser, 'readers.devices', {})).resolves.toEqual([]);
    const refused = { ok: false, error: { kind: 'refused', message: { key: 'api.readers.electronOnly' } } };
    await expect(browser.call('readers.save', { readers: [FRONT] })).resolves.toMatchObject(refused);
    await expect(browser.call('readers.setup', { readerId: 'front', live: true, testSwipe: false })).resolves.toMatchObject(refused);
    // Not closed: it shares the fixture's store, which the outer back end closes.
  });
});

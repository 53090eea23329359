/**
 * The reader path end to end, without hardware: recorded USB devices type a card, a Wiegand key and
 * an ID number as keyboard reports; the service decodes, classifies and checks in on a real kiosk
 * store, and the ledger shows what happened.
 */
import { describe, expect, it } from 'vitest';
import { message } from '../../../shared/i18n/text.js';
import { err, ok } from '../../../shared/result.js';
import { MODIFIER, usageForCharacter } from '../../../electron/kiosk/readers/hid-usage.js';
import { saveReaderConfigs } from '../../../electron/kiosk/readers/reader-config.js';
import type { Scheduler } from '../../../electron/kiosk/readers/reader-manager.js';
import { createReaderService } from '../../../electron/kiosk/readers/reader-service.js';
import type { ReaderService, ReaderServiceEvent } from '../../../electron/kiosk/readers/reader-service.js';
import { RecordedBackend, RecordedDevice } from '../../../electron/kiosk/readers/recorded-device.js';
import { ledgerRecords, snapshot, useKioskFixtures } from '../../helpers/kiosk-fixture.js';
import type { KioskFixture } from '../../helpers/kiosk-fixture.js';

const fixture = useKioskFixtures();

const ENTER = 0x28;
const RELEASE = [0, 0, 0, 0, 0, 0, 0, 0];

/** What a keyboard-class reader sends to type `text` then Enter: a press and a release per key. */
function typed(text: string, enter = true): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const c of text) {
    const key = usageForCharacter(c);
    if (key === undefined) throw new Error(`no usage types ${JSON.stringify(c)}`);
    reports.push(Uint8Array.from([key.shift ? MODIFIER.leftShift : 0, 0, key.usage, 0, 0, 0, 0, 0]), Uint8Array.from(RELEASE));
  }
  if (enter) reports.push(Uint8Array.from([0, 0, ENTER, 0, 0, 0, 0, 0]), Uint8Array.from(RELEASE));
  return reports;
}

/** A 4-byte UID as an 8H10D reader prints it: its 32-bit number in 10 decimal digits. */
function dec10(uid: string): string {
  return String(Number.parseInt(uid, 16)).padStart(10, '0');
}

/** As a Wiegand-26 reader prints it: facility (bits 23–16, 3 digits) + card (bits 15–0, 5 digits). */
function wiegand26(uid: string): string {
  const n = Number.parseInt(uid, 16);
  return `${String((n >> 16) & 0xff).padStart(3, '0')}${String(n & 0xffff).padStart(5, '0')}`;
}

/** No real timers: the test polls by hand (manager.poll) where an unplug must be noticed. */
const manualScheduler: Scheduler = { setInterval: () => 0, clearInterval: () => undefined, now: () => 0 };

interface Rig {
  readonly fx: KioskFixture;
  readonly service: ReaderService;
  readonly backend: RecordedBackend;
  readonly events: ReaderServiceEvent[];
  readonly front: RecordedDevice;
  readonly wiegand: RecordedDevice;
  readonly idReader: RecordedDevice;
}

function rig(opts: { signedIn?: boolean } = {}): Rig {
  const fx = fixture();
  const saved = saveReaderConfigs(fx.store, [
    { id: 'front', name: '前台读卡器', vendorId: 0xffff, productId: 0x0035, format: 'keyboard', uidFormat: 'dec10' },
    { id: 'gate', name: '门口韦根', vendorId: 0x1a86, productId: 0xe026, format: 'keyboard', uidFormat: 'wiegand26' },
    { id: 'idcard', name: '身份证阅读器', vendorId: 0x0400, productId: 0xc35a, format: 'keyboard', uidFormat: 'hex' },
  ]);
  if (!saved.ok) throw new Error('reader configs did not save');
  const backend = new RecordedBackend();
  const front = backend.plug({ vendorId: 0xffff, productId: 0x0035, path: '/dev/hidraw0' });
  const wiegand = backend.plug({ vendorId: 0x1a86, productId: 0xe026, path: '/dev/hidraw1' });
  const idReader = backend.plug({ vendorId: 0x0400, productId: 0xc35a, path: '/dev/hidraw2' });
  const service = createReaderService({
    kiosk: fx.kiosk,
    backend: ok(backend),
    operatorId: opts.signedIn === false ? null : fx.cashier.id,
    scheduler: manualScheduler,
  });
  const events: ReaderServiceEvent[] = [];
  service.subscribe((e) => events.push(e));
  service.start();
  return { fx, service, backend, events, front, wiegand, idReader };
}

function send(device: RecordedDevice, reports: readonly Uint8Array[]): void {
  for (const r of reports) device.emitReport(r);
}

function checkins(events: readonly ReaderServiceEvent[]): Extract<ReaderServiceEvent, { kind: 'checkin' }>[] {
  return events.flatMap((e) => (e.kind === 'checkin' ? [e] : []));
}

describe('ReaderService with recorded devices', () => {
  it('opens every configured reader', () => {
    const { events, service } = rig();
    expect(events.filter((e) => e.kind === 'connected').map((e) => ('readerId' in e ? e.readerId : null))).toEqual(['front', 'gate', 'idcard']);
    service.stop();
  });

  it('a card typed in 8H10D form checks the elder in and records it; the Wiegand read of the same card is the same check-in', () => {
    const { fx, events, front, wiegand, service } = rig();
    const young = fx.elder('young');
    const uid = young.card ?? '';
    const before = ledgerRecords(fx.store.read).length;

    send(front, typed(dec10(uid)));
    const [first] = checkins(events);
    expect(first).toMatchObject({ readerId: 'front', outcome: { kind: 'served', duplicate: false, method: 'card', elder: { id: young.id } } });
    const records = ledgerRecords(fx.store.read);
    expect(records).toHaveLength(before + 1);
    expect(records.at(-1)).toMatchObject({ kind: 'checkin', elderId: young.id });

    fx.clock.advance(3000);
    send(wiegand, typed(wiegand26(uid)));
    const second = checkins(events)[1];
    expect(second).toMatchObject({ readerId: 'gate', outcome: { kind: 'served', duplicate: true, elder: { id: young.id } } });
    expect(ledgerRecords(fx.store.read)).toHaveLength(before + 1);
    service.stop();
  });

  it('an ID-card reader typing the 18-character number finds the elder by ID', () => {
    const { fx, events, idReader, service } = rig();
    const old = fx.elder('old');
    send(idReader, typed(old.idNumber));
    expect(checkins(events)).toMatchObject([{ readerId: 'idcard', outcome: { kind: 'served', method: 'id', elder: { id: old.id } } }]);
    // The number is in no event: only the masked form the roster keeps.
    expect(JSON.stringify(events)).not.toContain(old.idNumber);
    service.stop();
  });

  it('an unplug mid-scan checks nobody in, and the rest typed after replugging is not a scan of the card', () => {
    const { fx, events, front, backend, service } = rig();
    const reports = typed(dec10(fx.elder('young').card ?? ''));
    const before = snapshot(fx.store.read);
    send(front, reports.slice(0, 8));
    backend.unplug('/dev/hidraw0');
    service.manager.poll();
    expect(events.some((e) => e.kind === 'disconnected' && e.readerId === 'front')).toBe(true);

    expect(front.closed).toBe(true);

    // Plugged back (node-hid gives a new handle): only the rest of the digits arrive.
    const again = backend.plug({ vendorId: 0xffff, productId: 0x0035, path: '/dev/hidraw0' }, new RecordedDevice('/dev/hidraw0'));
    service.manager.poll();
    send(again, reports.slice(8));
    expect(checkins(events)).toEqual([]);
    expect(events.some((e) => e.kind === 'unreadable' && e.readerId === 'front')).toBe(true);
    expect(snapshot(fx.store.read)).toEqual(before);
    service.stop();
  });

  it('a scan with no cashier signed in records nothing and says so', () => {
    const { fx, events, front, service } = rig({ signedIn: false });
    const before = snapshot(fx.store.read);
    send(front, typed(dec10(fx.elder('young').card ?? '')));
    expect(events.filter((e) => e.kind === 'noCashier')).toMatchObject([{ readerId: 'front', message: { key: 'reader.service.noCashier' } }]);
    expect(snapshot(fx.store.read)).toEqual(before);
    service.stop();
  });

  it('test-swipe names the elder, with the masked ID and card state, and records nothing', () => {
    const { fx, events, front, wiegand, service } = rig();
    const young = fx.elder('young');
    const before = snapshot(fx.store.read);
    service.testSwipe('front');
    service.testSwipe('gate');
    send(front, typed(dec10(young.card ?? '')));
    send(wiegand, typed(wiegand26(young.card ?? '')));
    const swipes = events.flatMap((e) => (e.kind === 'testSwipe' ? [e] : []));
    const expected = {
      scan: 'card',
      elder: { id: young.id, name: young.name, idMasked: expect.stringMatching(/^\*+\d{3}[\dX]$/) as unknown },
      card: { uid: young.card, state: 'active' },
      refusal: null,
    };
    expect(swipes).toMatchObject([
      { readerId: 'front', result: expected },
      { readerId: 'gate', result: expected },
    ]);
    expect(checkins(events)).toEqual([]);
    expect(snapshot(fx.store.read)).toEqual(before);

    // A lost card: its holder is named, and the refusal says lost.
    send(front, typed(dec10('E5F6A7B8')));
    expect(events.at(-1)).toMatchObject({
      kind: 'testSwipe',
      result: { elder: { id: fx.elder('lostCard').id }, card: { state: 'lost' }, refusal: { reason: 'lostCard' } },
    });

    service.testSwipe('front', false);
    send(front, typed(dec10(young.card ?? '')));
    expect(checkins(events)).toHaveLength(1);
    service.stop();
  });

  it('a listener that throws does not stop the others or the readers', () => {
    const { fx, events, front, service } = rig();
    service.subscribe(() => {
      throw new Error('screen bug');
    });
    send(front, typed(dec10(fx.elder('young').card ?? '')));
    expect(checkins(events)).toHaveLength(1);
    service.stop();
  });
});

describe('ReaderService failures', () => {
  it('a check-in that throws is a failed event whose message never quotes the scan', () => {
    const fx = fixture();
    const saved = saveReaderConfigs(fx.store, [{ id: 'front', name: '前台', vendorId: 1, productId: 2, format: 'keyboard', uidFormat: 'dec10' }]);
    expect(saved.ok).toBe(true);
    const backend = new RecordedBackend();
    const device = backend.plug({ vendorId: 1, productId: 2, path: '/dev/hidraw9' });
    const text = dec10(fx.elder('young').card ?? '');
    const kiosk = {
      ...fx.kiosk,
      checkIn: (): never => {
        throw new Error(`disk on fire while reading ${text}`);
      },
    };
    const service = createReaderService({ kiosk, backend: ok(backend), operatorId: fx.cashier.id, scheduler: manualScheduler });
    const events: ReaderServiceEvent[] = [];
    service.subscribe((e) => events.push(e));
    service.start();
    send(device, typed(text));
    expect(events.at(-1)).toMatchObject({ kind: 'failed', readerId: 'front', message: { key: 'reader.service.failed' } });
    expect(JSON.stringify(events)).not.toContain(text);
    service.stop();
  });

  it('unreadable settings and a missing node-hid are said at start, not thrown', () => {
    const fx = fixture();
    fx.store.write((tx) => tx.stmt(`INSERT INTO settings (key, value) VALUES ('readers', 'not json')`).run());
    const service = createReaderService({ kiosk: fx.kiosk, backend: err(message('reader.unavailable', { reason: 'no libudev' })), scheduler: manualScheduler });
    const events: ReaderServiceEvent[] = [];
    service.subscribe((e) => events.push(e));
    service.start();
    expect(events.map((e) => e.kind)).toEqual(['configInvalid', 'unavailable']);
    expect(events[1]).toMatchObject({ reason: 'no libudev' });
    service.stop();
  });
});
